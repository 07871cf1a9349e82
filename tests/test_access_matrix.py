"""The access matrix: every URL of the portal × every role, with the answer each one gets.

The URLs come from the URL conf itself (`get_resolver()`, Wagtail's admin and the
« DuoDay » listings included): each pattern must have an entry below, exact (by its name) or
by family (a name prefix whose entry builds the URL of each of its patterns), and a pattern
with no entry fails `test_every_url_has_an_entry`. Each entry says, for each role, what the
page answers when asked for with GET (the objects of other parties included: another
employer's offer, an SA that does not serve the department…).

Roles: a visitor; the referents of two employers (A and B); the referents of an SA serving
employer A's department, of an SA serving another one, of an SA waiting for validation and
of the SA that formed employer A's duo; an editor (« Éditeurs ») and a coordinator
(« Coordination »).

A new URL needs its entry here: say who may use it, and the test keeps it so.
"""

import gc
import io
import re
import warnings
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from PIL import Image
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Collection, Site, Task, Workflow

from directory.roles import EDITORS
from home.models import ContactPage, HomePage, StandardPage
from tests.factories import (
    DocumentFactory,
    DuoFactory,
    EditionFactory,
    InvitationFactory,
    ModificationRequestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)

# --- What a response may be -----------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What one role gets: a status, and for a redirection where it leads."""

    status: int
    location: str | None = None  # the Location header, exactly
    location_prefix: str | None = None  # or how it starts
    template: str | None = None  # a template the page must use

    def matches(self, response):
        if response.status_code != self.status:
            return False
        if self.location is not None and response["Location"] != self.location:
            return False
        if self.location_prefix is not None and not response["Location"].startswith(
            self.location_prefix
        ):
            return False
        if self.template is not None:
            return self.template in {template.name for template in response.templates}
        return True

    def __str__(self):
        text = str(self.status)
        if self.location or self.location_prefix:
            text += f" → {self.location or self.location_prefix + '…'}"
        if self.template:
            text += f" ({self.template})"
        return text


OK = Answer(200)
BAD_LINK = Answer(400)
FORBIDDEN = Answer(403)
NOT_FOUND = Answer(404)
NOT_ALLOWED = Answer(405)
GONE = Answer(410)
LOGIN = Answer(302, location_prefix="/connexion/?next=")
ADMIN_LOGIN = Answer(302, location_prefix="/admin/login/?next=")
# Wagtail turns a PermissionDenied into a redirection to its dashboard.
DENIED = Answer(302, location="/admin/")
PENDING = Answer(200, template="directory/pending.html")
TO_PERSONAL_SPACE = Answer(302, location_prefix="/espace/")


def redirect_to(location):
    return Answer(302, location=location)


def describe(response):
    text = str(response.status_code)
    if response.status_code in (301, 302):
        text += f" → {response['Location']}"
    return text


# --- Roles ----------------------------------------------------------------------------------

VISITOR = "visitor"
EMPLOYER_A = "employer_a"
EMPLOYER_B = "employer_b"
SA_SERVING = "sa_serving"
SA_ELSEWHERE = "sa_elsewhere"
SA_PENDING = "sa_pending"
SA_DUO = "sa_duo"
EDITOR = "editor"
COORDINATOR = "coordinator"

EMPLOYERS = (EMPLOYER_A, EMPLOYER_B)
SUPPORT = (SA_SERVING, SA_ELSEWHERE, SA_DUO)  # validated SAs
REFERENTS = (*EMPLOYERS, *SUPPORT, SA_PENDING)
STAFF = (EDITOR, COORDINATOR)
ROLES = (VISITOR, *REFERENTS, *STAFF)


def answers(default=None, **by_role):
    """{role: answer}: `by_role` for some roles or groups (e.g. `referents=OK`; a role named
    on its own wins over its group), `default` for the others."""
    groups = {
        "referents": REFERENTS,
        "employers": EMPLOYERS,
        "support": SUPPORT,
        "staff": STAFF,
    }
    table = dict.fromkeys(ROLES, default)
    for name, answer in sorted(by_role.items(), key=lambda item: item[0] not in groups):
        for role in groups.get(name, (name,)):
            table[role] = answer
    missing = [role for role, answer in table.items() if answer is None]
    assert not missing, f"no answer for {missing}"
    return table


def everyone(answer):
    return answers(answer)


def admin(editor, coordinator):
    """An admin page: anyone without access to the admin is sent to its login page."""
    return answers(ADMIN_LOGIN, editor=editor, coordinator=coordinator)


def personal(**by_role):
    """A page of the personal space: a visitor logs in first; staff have no structure (404);
    an SA waiting for validation gets the pending page."""
    return answers(**{VISITOR: LOGIN, SA_PENDING: PENDING, "staff": NOT_FOUND, **by_role})


# --- The world: one of each party, with their objects ----------------------------------------


@dataclass
class World:
    users: dict
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        """The world's objects and users by name: `world.offer_a`, `world.employer_a`."""
        found = self.objects.get(name) or self.users.get(name)
        if found is None:
            raise AttributeError(name)
        return found


def tiny_png():
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(output, "PNG")
    return ImageFile(io.BytesIO(output.getvalue()), name="carre.png")


def build_world():
    current = EditionFactory(current=True)
    EditionFactory()  # a past edition

    employer_a = ReferentFactory(
        structure=StructureFactory(name="Employeur A", postcode="69003", commune="Lyon")
    )
    employer_a2 = ReferentFactory(structure=employer_a.structure)
    employer_b = ReferentFactory(
        structure=StructureFactory(name="Employeur B", postcode="75011", commune="Paris")
    )

    def support(name, postcode, validated=True):
        structure = StructureFactory(
            support=True, validated=validated, name=name, postcode=postcode
        )
        return ReferentFactory(structure=structure)

    sa_serving = support("SA du Rhône", "69001")
    sa_elsewhere = support("SA des Bouches-du-Rhône", "13001")
    sa_pending = support("SA en attente", "69002", validated=False)
    sa_duo = support("SA du duo", "69007")

    offer_a = OfferFactory(structure=employer_a.structure, referent=employer_a, edition=current)
    offer_b = OfferFactory(
        structure=employer_b.structure, referent=employer_b, postcode="75011", commune="Paris"
    )
    offer_filled = OfferFactory(structure=employer_a.structure, referent=employer_a)
    duo = DuoFactory(offer=offer_filled, structure=sa_duo.structure, created_by=sa_duo)

    users = {
        VISITOR: None,
        EMPLOYER_A: employer_a,
        EMPLOYER_B: employer_b,
        SA_SERVING: sa_serving,
        SA_ELSEWHERE: sa_elsewhere,
        SA_PENDING: sa_pending,
        SA_DUO: sa_duo,
        EDITOR: UserFactory(editor=True),
        COORDINATOR: UserFactory(coordinator=True),
    }
    home = HomePage.objects.get()
    contact_page = ContactPage.objects.get()
    image = get_image_model().objects.create(title="Carré", file=tiny_png())
    with warnings.catch_warnings():
        # Wagtail leaves each new rendition's temporary file to the garbage collector: make
        # the admin's thumbnails now, and let their files go here, quietly.
        warnings.simplefilter("ignore", ResourceWarning)
        for spec in (
            "original",
            "max-165x165",
            "max-150x150",
            "max-400x400",
            "max-800x600",
            "fill-600x338",
            "width-500",
            "width-800",
        ):
            image.get_rendition(spec)
        gc.collect()
    objects = {
        "current_edition": current,
        "structure_serving": sa_serving.structure,
        "structure_elsewhere": sa_elsewhere.structure,
        "structure_pending": sa_pending.structure,
        "editor_account": users[EDITOR],
        "employer_a2": employer_a2,
        "offer_a": offer_a,
        "offer_b": offer_b,
        "offer_filled": offer_filled,
        "duo": duo,
        "interest": duo.offer.interests.get(),
        "invitation_a": InvitationFactory(structure=employer_a.structure, invited_by=employer_a),
        "modification_a": ModificationRequestFactory(
            structure=employer_a.structure, author=employer_a
        ),
        "public_document": DocumentFactory(),
        "restricted_document": DocumentFactory(restricted=True),
        "image": image,
        "home": home,
        "page": StandardPage.objects.live().first(),
        "contact_page": contact_page,
        # A message for the pages of the contact form's submissions.
        "submission": FormSubmission.objects.create(
            page=contact_page, form_data={"message": '=HYPERLINK("https://exemple.fr")'}
        ),
        "collection": Collection.objects.get(name="Attestations"),
        "workflow": Workflow.objects.first(),
        "task": Task.objects.first(),
        "redirect": Redirect.objects.create(old_path="/ancienne-page", redirect_link="/"),
        "site": Site.objects.get(is_default_site=True),
        "group": Group.objects.get(name=EDITORS),
    }
    return World(users=users, objects=objects)


# --- Entries: who gets what ----------------------------------------------------------------


@dataclass
class Case:
    """One URL (built from the world) and what each role gets for it."""

    path: object  # World -> str
    answers: dict
    method: str = "get"


@dataclass
class Family:
    """Every pattern whose name starts with `prefix`: the URL of each is reversed with the
    keyword arguments it needs, taken from `kwargs(world)`; `answers` for all of them but
    those of `exceptions` ({name or route: answers})."""

    prefix: str
    kwargs: object  # World -> {kwarg: value}
    answers: dict
    exceptions: dict = field(default_factory=dict)


def path(name, *attributes, **kwargs):
    """World -> URL of the pattern `name`, its arguments the world's objects so named."""

    def build(world):
        args = [getattr(world, attribute).pk for attribute in attributes]
        return reverse(name, args=args, kwargs=kwargs or None)

    return build


def literal(text):
    return lambda world: text


def case(builder, table, method="get"):
    if isinstance(builder, str):
        builder = literal(builder)
    return Case(builder, table, method)


# The public site and the personal space, by pattern name.
ENTRIES = {}


def declare(name, *cases):
    assert name not in ENTRIES, f"{name} declared twice"
    ENTRIES[name] = list(cases)


# Public pages and accounts

LOGGED_IN_GO_HOME = answers(TO_PERSONAL_SPACE, visitor=OK, staff=redirect_to("/admin/"))
declare(
    "directory:login",
    case("/connexion/", LOGGED_IN_GO_HOME),
    case("/connexion/?next=/connexion/", LOGGED_IN_GO_HOME),
)
declare("directory:logout", case("/deconnexion/", everyone(NOT_ALLOWED)))
declare("directory:register", case("/inscription/", everyone(OK)))
declare(
    "directory:confirm_email",
    case(path("directory:confirm_email", token="inconnu"), everyone(BAD_LINK)),
)
declare("directory:resend_confirmation", case("/inscription/renvoyer/", everyone(OK)))
declare(
    "directory:accept_invitation",
    case(path("directory:accept_invitation", token="inconnu"), everyone(GONE)),
)
declare("directory:password_reset", case("/mot-de-passe/oubli/", everyone(OK)))
declare("directory:password_reset_done", case("/mot-de-passe/oubli/envoye/", everyone(OK)))
declare(
    "directory:password_reset_confirm",
    # An unknown link: Django's page saying the link is no longer valid.
    case(path("directory:password_reset_confirm", uidb64="MQ", token="inconnu"), everyone(OK)),
)
declare("wagtail_serve", case("/", everyone(OK)), case("/pas-de-page-ici/", everyone(NOT_FOUND)))
declare(
    "wagtaildocs_serve",
    case(lambda world: world.public_document.url, everyone(OK)),
    # Restricted: to logged-in users whose structure, if any, is validated.
    case(
        lambda world: world.restricted_document.url,
        answers(OK, visitor=LOGIN, sa_pending=NOT_FOUND),
    ),
)
declare(
    "wagtaildocs_authenticate_with_password",
    case("/documents/authenticate_with_password/999999/", everyone(NOT_FOUND)),
)
declare(
    "wagtailcore_authenticate_with_password",
    case("/_util/authenticate_with_password/999999/999999/", everyone(NOT_FOUND)),
)
# Wagtail's login for private pages (none here: « Connexion » is WAGTAIL_FRONTEND_LOGIN_URL).
declare("wagtailcore_login", case("/_util/login/", everyone(OK)))

# The personal space

declare(
    "personal_space",
    case("/espace/", answers(TO_PERSONAL_SPACE, visitor=LOGIN, staff=redirect_to("/admin/"))),
)
declare("directory:account", case("/espace/compte/", personal(referents=OK)))
# Anyone logged in changes their own password here (staff too).
declare(
    "directory:password_change",
    case("/espace/compte/mot-de-passe/", personal(referents=OK, staff=OK, sa_pending=OK)),
)
declare(
    "directory:modification_request",
    case("/espace/compte/modification/", personal(referents=OK)),
)
declare(
    "directory:invite_referent", case("/espace/compte/referents/ajouter/", personal(referents=OK))
)
declare(
    "directory:resend_invitation",
    case(path("directory:resend_invitation", "invitation_a"), everyone(NOT_ALLOWED)),
    case(
        path("directory:resend_invitation", "invitation_a"),
        personal(
            referents=NOT_FOUND,
            employer_a=redirect_to("/espace/compte/"),
            sa_pending=PENDING,
        ),
        method="post",
    ),
)
declare(
    "directory:revoke_invitation",
    case(
        path("directory:revoke_invitation", "invitation_a"),
        personal(referents=NOT_FOUND, employer_a=OK),
    ),
)
declare(
    "directory:deactivate_referent",
    case(
        path("directory:deactivate_referent", "employer_a2"),
        personal(referents=NOT_FOUND, employer_a=OK),
    ),
)
declare(
    "directory:support_directory",
    case("/espace/annuaire/", personal(employers=OK, support=NOT_FOUND)),
)
declare(
    "directory:support_structure",
    # Employer A's departments: its own and its offers' (69), which the first SA serves.
    case(
        path("directory:support_structure", "structure_serving"),
        personal(referents=NOT_FOUND, employer_a=OK),
    ),
    case(
        path("directory:support_structure", "structure_elsewhere"),
        personal(referents=NOT_FOUND),
    ),
)
# The documents restricted to logged-in users (but those of a pending SA).
declare(
    "documents:personal_resources",
    case("/espace/ressources/", personal(referents=OK, staff=OK, sa_pending=OK)),
)
declare("offers:list", case("/espace/offres/", personal(referents=OK)))
declare(
    "offers:create",
    case("/espace/offres/ajouter/", personal(employers=OK, support=NOT_FOUND)),
)
# Employer A's open offer (69), employer B's (75), employer A's filled one (duo of SA_DUO).
declare(
    "offers:detail",
    case(
        path("offers:detail", "offer_a"),
        personal(referents=NOT_FOUND, employer_a=OK, sa_serving=OK, sa_duo=OK),
    ),
    case(path("offers:detail", "offer_b"), personal(referents=NOT_FOUND, employer_b=OK)),
    case(
        path("offers:detail", "offer_filled"),
        personal(referents=NOT_FOUND, employer_a=OK, sa_duo=OK),
    ),
)
declare(
    "offers:edit",
    case(path("offers:edit", "offer_a"), personal(referents=NOT_FOUND, employer_a=OK)),
    case(path("offers:edit", "offer_b"), personal(referents=NOT_FOUND, employer_b=OK)),
    case(path("offers:edit", "offer_filled"), personal(referents=NOT_FOUND, employer_a=OK)),
)
declare(
    "offers:delete",
    case(path("offers:delete", "offer_a"), personal(referents=NOT_FOUND, employer_a=OK)),
    case(path("offers:delete", "offer_b"), personal(referents=NOT_FOUND, employer_b=OK)),
    # A « Concrétisée » offer: the employer is told why not; the SA of the duo may.
    case(
        path("offers:delete", "offer_filled"),
        personal(referents=NOT_FOUND, employer_a=FORBIDDEN, sa_duo=OK),
    ),
)
for action in ("declare_interest", "withdraw_interest", "form_duo"):
    declare(
        f"offers:{action}",
        case(
            path(f"offers:{action}", "offer_a"),
            personal(referents=NOT_FOUND, sa_serving=OK, sa_duo=OK),
        ),
        case(path(f"offers:{action}", "offer_b"), personal(referents=NOT_FOUND)),
        case(path(f"offers:{action}", "offer_filled"), personal(referents=NOT_FOUND, sa_duo=OK)),
    )
declare("offers:my_duos", case("/espace/duos/", personal(employers=NOT_FOUND, support=OK)))
declare(
    "offers:cancel_duo",
    case(path("offers:cancel_duo", "duo"), personal(referents=NOT_FOUND, sa_duo=OK)),
)
declare("offers:history", case("/espace/historique/", personal(referents=OK)))
# Several offers at once, exports and the attestation (issue 12): employers' pages, the
# attestation for the duo's two parties only.
EMPLOYERS_ONLY = personal(employers=OK, support=NOT_FOUND)
for name in ("offers:import", "offers:import_template_xlsx", "offers:import_template_csv"):
    declare(name, case(path(name), EMPLOYERS_ONLY))
declare(
    "offers:import_preview",
    # An unknown preview: back to « Importer des offres » with a message.
    case(
        path("offers:import_preview", token="inconnu"),
        personal(employers=redirect_to("/espace/offres/importer/"), support=NOT_FOUND),
    ),
)
declare("offers:reconduct", case(path("offers:reconduct"), EMPLOYERS_ONLY))
declare(
    "offers:duplicate",
    case(path("offers:duplicate", "offer_a"), personal(referents=NOT_FOUND, employer_a=OK)),
    case(path("offers:duplicate", "offer_b"), personal(referents=NOT_FOUND, employer_b=OK)),
)
declare(
    "offers:export_offers",
    *(
        case(path("offers:export_offers", file_format=file_format), EMPLOYERS_ONLY)
        for file_format in ("csv", "xlsx")
    ),
)
declare(
    "offers:export_duos",
    *(
        case(
            path("offers:export_duos", file_format=file_format),
            personal(employers=NOT_FOUND, support=OK),
        )
        for file_format in ("csv", "xlsx")
    ),
)
declare(
    "offers:attestation",
    case(
        path("offers:attestation", "duo"),
        personal(referents=NOT_FOUND, employer_a=OK, sa_duo=OK),
    ),
)

# The coordinators' « DuoDay » listings: every view of each, for its model's permission
# only. The editor, with no DuoDay permission, is refused each of them.

DUODAY_LISTINGS = {
    # listing: (the object its views are asked for, {view: the coordinator's answer})
    "directory_structure": (
        "structure_pending",
        {
            "index": OK,
            "create": DENIED,
            "edit": OK,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
            "validate": OK,
            "refuse": OK,
        },
    ),
    "directory_user": (
        "employer_a",
        {
            "index": OK,
            "create": DENIED,
            "edit": DENIED,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
            # employer_a2 stays active: employer_a may be deactivated or erased.
            "deactivate": OK,
            "erase": OK,
            # Already active: back to the listing, with a message.
            "reactivate": redirect_to("/admin/directory/user/"),
        },
    ),
    "directory_invitation": (
        "invitation_a",
        {"index": OK, "create": DENIED, "edit": DENIED, "delete": DENIED, "history": OK},
    ),
    "directory_modificationrequest": (
        "modification_a",
        {
            "index": OK,
            "create": DENIED,
            "edit": DENIED,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
            "process": OK,
        },
    ),
    "offers_edition": (
        "current_edition",
        {
            "index": OK,
            "create": OK,
            "edit": OK,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
            # Already the current edition: back to the listing, with a message.
            "make_current": redirect_to("/admin/offers/edition/"),
        },
    ),
    "offers_offer": (
        "offer_filled",
        {
            "index": OK,
            "create": DENIED,
            "edit": DENIED,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
            # « Supprimer l’offre » « Concrétisée »: the confirmation page, with its reason.
            "delete_filled": OK,
        },
    ),
    "offers_interest": (
        "interest",
        {
            "index": OK,
            "create": DENIED,
            "edit": DENIED,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
        },
    ),
    "offers_duo": (
        "duo",
        {
            "index": OK,
            "create": DENIED,
            "edit": DENIED,
            "delete": DENIED,
            "inspect": OK,
            "history": OK,
            # « Annuler le duo »: the confirmation page, with its reason.
            "cancel": OK,
        },
    ),
}


def listing_object_path(name, attribute, object_id=None):
    def build(world):
        return reverse(name, args=[object_id or getattr(world, attribute).pk])

    return build


for listing, (attribute, views) in DUODAY_LISTINGS.items():
    for view, coordinator_answer in views.items():
        name = f"{listing}_modeladmin_{view}"
        if view in ("index", "create"):
            cases = [case(reverse(name), admin(editor=DENIED, coordinator=coordinator_answer))]
        else:
            cases = [
                case(
                    listing_object_path(name, attribute),
                    admin(editor=DENIED, coordinator=coordinator_answer),
                ),
                # A malformed id: refused to the editor, not found by the coordinator.
                case(
                    listing_object_path(name, attribute, object_id="abc"),
                    admin(editor=DENIED, coordinator=NOT_FOUND),
                ),
            ]
        if view == "index":
            cases += [
                case(
                    reverse(name) + f"?export={export_format}",
                    admin(editor=DENIED, coordinator=OK),
                )
                for export_format in ("csv", "xlsx")
            ]
        declare(name, *cases)

# A staff account is no referent: the referents' listing does not show it.
ENTRIES["directory_user_modeladmin_inspect"].append(
    case(
        listing_object_path("directory_user_modeladmin_inspect", "editor_account"),
        admin(editor=DENIED, coordinator=NOT_FOUND),
    )
)
for view in ("history", "deactivate", "reactivate", "erase"):
    ENTRIES[f"directory_user_modeladmin_{view}"].append(
        case(
            listing_object_path(f"directory_user_modeladmin_{view}", "editor_account"),
            admin(editor=DENIED, coordinator=NOT_FOUND),
        )
    )
# A validated SA is not refused: back to the listing, with a message.
ENTRIES["directory_structure_modeladmin_refuse"].append(
    case(
        listing_object_path("directory_structure_modeladmin_refuse", "structure_serving"),
        admin(editor=DENIED, coordinator=redirect_to("/admin/directory/structure/")),
    )
)

# Wagtail's own admin. Editors and coordinators share the pages, documents, images, their
# collections, forms, redirects and settings; coordinators also administer workflows and sites;
# accounts and groups are the superusers'.

BOTH = admin(editor=OK, coordinator=OK)
COORDINATORS_ONLY = admin(editor=DENIED, coordinator=OK)
NEITHER = admin(editor=DENIED, coordinator=DENIED)
NOWHERE = admin(editor=NOT_FOUND, coordinator=NOT_FOUND)
# A view that only acts (POST): a GET says so, once the admin is open to the user.
POST_ONLY = admin(editor=NOT_ALLOWED, coordinator=NOT_ALLOWED)


def both(answer):
    return admin(editor=answer, coordinator=answer)


declare("wagtailadmin_home", case("/admin/", BOTH))
# Wagtail's sample « page not found », to try the template.
declare("admin/test404/", case("/admin/test404/", BOTH))
declare("admin/^.*/$", case("/admin/pas-de-page-ici/", NOWHERE))
# Wagtail's deliberate error, to try the error reporting of a deployment.
declare("wagtailadmin_error_test", case("/admin/failwhale/", both(Answer(500))))
declare("wagtailadmin_account", case("/admin/account/", BOTH))
declare("wagtailadmin_logout", case("/admin/logout/", POST_ONLY))
declare("wagtailadmin_dismissibles", case("/admin/dismissibles/", BOTH))
# A block's preview needs the block's id.
declare("wagtailadmin_block_preview", case("/admin/block-preview/", NOWHERE))
declare("wagtailadmin_sprite", case("/admin/sprite/", everyone(OK)))
declare("wagtailadmin_tag_autocomplete", case("/admin/tag-autocomplete/", BOTH))
declare(
    "wagtailadmin_tag_model_autocomplete",
    case("/admin/tag-autocomplete/directory/structure/", NOWHERE),
)
declare(
    "wagtail_bulk_action",
    case(lambda world: f"/admin/bulk/wagtailcore/page/delete/?id={world.page.pk}", BOTH),
    case(
        lambda world: f"/admin/bulk/directory/user/set_active_state/?id={world.employer_a.pk}",
        NEITHER,
    ),
)
declare("wagtailadmin_explore_root", case("/admin/pages/", BOTH))
declare("wagtailadmin_explore", case(path("wagtailadmin_explore", "home"), BOTH))
declare("wagtailadmin_explore_results", case(path("wagtailadmin_explore_results", "home"), BOTH))
# No snippet model is registered.
declare("wagtailsnippets:index", case("/admin/snippets/", NEITHER))
declare("wagtail_modeladmin:javascript_catalog", case("/admin/modeladmin/jsi18n/", BOTH))
declare("wagtailadmin_javascript_catalog", case("/admin/jsi18n/", everyone(OK)))
declare(
    "wagtailadmin_login",
    case("/admin/login/", answers(OK, staff=redirect_to("/admin/"))),
)
# Staff reset their password with « Mot de passe oublié » of the site.
for name in (
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_complete",
):
    declare(name, case(reverse(name), everyone(NOT_FOUND)))
declare(
    "wagtailadmin_password_reset_confirm",
    case("/admin/password_reset/confirm/MQ/inconnu/", everyone(NOT_FOUND)),
)
for api in ("pages", "documents", "images"):
    attribute = {"pages": "home", "documents": "public_document", "images": "image"}[api]
    declare(f"wagtailadmin_api:{api}:listing", case(f"/admin/api/main/{api}/", BOTH))
    declare(
        f"wagtailadmin_api:{api}:detail",
        case(path(f"wagtailadmin_api:{api}:detail", attribute), BOTH),
    )
    declare(
        f"wagtailadmin_api:{api}:find",
        case(
            lambda world, api=api, attribute=attribute: (
                f"/admin/api/main/{api}/find/?id={getattr(world, attribute).pk}"
            ),
            both(Answer(302, location_prefix=f"http://localhost/admin/api/main/{api}/")),
        ),
    )
declare(
    "wagtailadmin_api:pages:action",
    case(lambda world: f"/admin/api/main/pages/{world.page.pk}/action/copy/", POST_ONLY),
)


FAMILIES = [
    Family(
        "wagtailadmin_pages:",
        lambda world: {
            "page_id": world.page.pk,
            "parent_page_id": world.home.pk,
            "page_to_move_id": world.page.pk,
            "destination_id": world.home.pk,
            "content_type_app_name": "home",
            "content_type_model_name": "standardpage",
            "app_label": "home",
            "model_name": "standardpage",
            "revision_id": world.page.latest_revision.pk,
            "pk": world.page.pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "action_name": "approve",
            "task_state_id": 999999,
            "task_id": world.task.pk,
            "workflow_state_id": 999999,
        },
        BOTH,
        exceptions={
            # The page is no alias; no workflow runs on it.
            "wagtailadmin_pages:convert_alias": NOWHERE,
            "wagtailadmin_pages:workflow_action": NOWHERE,
            "wagtailadmin_pages:collect_workflow_action_data": NOWHERE,
            "wagtailadmin_pages:workflow_history_detail": NOWHERE,
            "wagtailadmin_pages:workflow_preview": NEITHER,
            "wagtailadmin_pages:set_page_position": POST_ONLY,
            "wagtailadmin_pages:lock": POST_ONLY,
            "wagtailadmin_pages:unlock": POST_ONLY,
            "wagtailadmin_pages:revisions_index": both(Answer(302, location_prefix="/admin/")),
        },
    ),
    Family("wagtailadmin_choose_", lambda world: {"parent_page_id": world.home.pk}, BOTH),
    # Collections: staff add and change them (on the root collection), superusers delete
    # them. The add and edit forms, with the public or restricted choice, are the portal's,
    # at Wagtail's addresses (documents/admin_urls.py).
    Family(
        "wagtailadmin_collections:",
        lambda world: {"pk": world.collection.pk, "collection_id": world.collection.pk},
        BOTH,
        exceptions={"wagtailadmin_collections:delete": NOWHERE},
    ),
    Family("documents_admin:", lambda world: {"pk": world.collection.pk}, BOTH),
    Family(
        "wagtailadmin_workflows:",
        lambda world: {
            "pk": world.workflow.pk,
            "page_pk": world.home.pk,
            "workflow_pk": world.workflow.pk,
            "app_label": "wagtailcore",
            "model_name": "groupapprovaltask",
            "task_id": world.task.pk,
        },
        COORDINATORS_ONLY,
        exceptions={
            "wagtailadmin_workflows:enable": POST_ONLY,
            "wagtailadmin_workflows:remove": POST_ONLY,
            "wagtailadmin_workflows:enable_task": POST_ONLY,
            # One task type only: straight to its form.
            "wagtailadmin_workflows:select_task_type": admin(
                editor=DENIED,
                coordinator=redirect_to(
                    "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/"
                ),
            ),
            # The tasks a page editor may pick when submitting a page: names only.
            "wagtailadmin_workflows:task_chooser": BOTH,
            "wagtailadmin_workflows:task_chooser_results": BOTH,
            "wagtailadmin_workflows:task_chooser_create": BOTH,
            "wagtailadmin_workflows:task_chosen": BOTH,
        },
    ),
    # The site history lists the entries of the models the user has a permission on only.
    Family("wagtailadmin_reports:", lambda world: {}, BOTH),
    Family(
        "wagtailadmin_editing_sessions:",
        lambda world: {
            "app_label": "home",
            "model_name": "standardpage",
            "object_id": world.page.pk,
            "session_id": 999999,
        },
        POST_ONLY,
    ),
    Family("wagtailforms:", lambda world: {"page_id": world.contact_page.pk}, BOTH),
    Family(
        "wagtailredirects:",
        lambda world: {"redirect_id": world.redirect.pk},
        BOTH,
        exceptions={"wagtailredirects:process_import": POST_ONLY},
    ),
    Family(
        "wagtailsettings:",
        lambda world: {"app_name": "home", "model_name": "contactsettings", "pk": world.site.pk},
        BOTH,
        exceptions={
            # To the settings of the default site.
            "admin/settings/<slug:app_name>/<slug:model_name>/": both(
                Answer(302, location_prefix="/admin/settings/home/contactsettings/")
            ),
            "wagtailsettings:preview_on_edit": NOWHERE,
        },
    ),
    Family("wagtailembeds:", lambda world: {}, BOTH),
    Family(
        "wagtaildocs:",
        lambda world: {
            "document_id": world.public_document.pk,
            "doc_id": world.public_document.pk,
            "uploaded_file_id": 999999,
        },
        BOTH,
        exceptions={
            "wagtaildocs:edit_multiple": POST_ONLY,
            "wagtaildocs:create_multiple_from_uploaded_document": POST_ONLY,
            "wagtaildocs:delete_multiple": POST_ONLY,
            "wagtaildocs:delete_upload_multiple": POST_ONLY,
        },
    ),
    Family("wagtaildocs_chooser:", lambda world: {"pk": world.public_document.pk}, BOTH),
    Family(
        "wagtailimages:",
        lambda world: {
            "image_id": world.image.pk,
            "filter_spec": "fill-10x10",
            "uploaded_file_id": 999999,
        },
        BOTH,
        exceptions={
            # No dynamic image serve view is installed.
            "wagtailimages:url_generator": NOWHERE,
            "wagtailimages:url_generator_output": NOWHERE,
            "wagtailimages:edit_multiple": POST_ONLY,
            "wagtailimages:create_multiple_from_uploaded_image": POST_ONLY,
            "wagtailimages:delete_multiple": POST_ONLY,
            "wagtailimages:delete_upload_multiple": POST_ONLY,
        },
    ),
    Family(
        "wagtailimages_chooser:",
        lambda world: {"pk": world.image.pk, "image_id": world.image.pk},
        BOTH,
    ),
    Family("wagtailsites:", lambda world: {"pk": world.site.pk}, COORDINATORS_ONLY),
    # Accounts and groups are administered by superusers. Coordinators hold the « view »
    # permission on users for the referents' listing: Wagtail lists the accounts to them,
    # read-only.
    Family(
        "wagtailusers_users:",
        lambda world: {"pk": world.employer_a.pk},
        NEITHER,
        exceptions={
            "wagtailusers_users:index": COORDINATORS_ONLY,
            "wagtailusers_users:index_results": COORDINATORS_ONLY,
        },
    ),
    Family("wagtailusers_groups:", lambda world: {"pk": world.group.pk}, NEITHER),
]


# --- The URL conf ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    kwarg_names: tuple

    @property
    def key(self):
        return self.name or self.route


def url_patterns(resolver=None, route="", namespace="", kwarg_names=()):
    """Every pattern of the URL conf, with its full route and namespaced name."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        names = kwarg_names + tuple(_kwarg_names(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern, route + str(pattern.pattern), inner, names)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield Pattern(route + str(pattern.pattern), name, names)


def _kwarg_names(pattern):
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    return list(re.compile(pattern._regex).groupindex)


def family_of(pattern):
    found = [family for family in FAMILIES if (pattern.name or "").startswith(family.prefix)]
    return max(found, key=lambda family: len(family.prefix)) if found else None


def cases_of(pattern, world):
    """[(method, url, answers)] for one pattern."""
    if pattern.key in ENTRIES:
        return [(case.method, case.path(world), case.answers) for case in ENTRIES[pattern.key]]
    family = family_of(pattern)
    kwargs = family.kwargs(world)
    url = reverse(pattern.name, kwargs={name: kwargs[name] for name in pattern.kwarg_names})
    table = family.exceptions.get(pattern.route) or family.exceptions.get(
        pattern.name, family.answers
    )
    return [("get", url, table)]


# --- The tests --------------------------------------------------------------------------------


def test_every_url_has_an_entry():
    missing = sorted(
        {
            pattern.key
            for pattern in url_patterns()
            if pattern.key not in ENTRIES and family_of(pattern) is None
        }
    )

    assert not missing, "URL patterns with no entry in the access matrix:\n" + "\n".join(missing)


def test_every_entry_names_a_url():
    keys = {pattern.key for pattern in url_patterns()}
    prefixes = {family.prefix for family in FAMILIES}

    assert set(ENTRIES) <= keys, sorted(set(ENTRIES) - keys)
    assert all(any(key.startswith(prefix) for key in keys) for prefix in prefixes)


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world, role):
    client = Client(raise_request_exception=False)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    requests = [request for pattern in url_patterns() for request in cases_of(pattern, world)]
    # Requests that change something last, so that every GET sees the same world.
    requests.sort(key=lambda request: request[0] != "get")
    wrong = []
    for method, url, table in requests:
        if session is not None:
            # Wagtail's logout view drops the session cookie even when it refuses a GET.
            client.cookies[settings.SESSION_COOKIE_NAME] = session.value
        response = getattr(client, method)(url)
        if response.streaming:
            # Read to the end: the test client then closes the file it serves.
            b"".join(response.streaming_content)
        expected = table[role]
        if not expected.matches(response):
            wrong.append(f"{method.upper()} {url}: expected {expected}, got {describe(response)}")

    assert not wrong, f"{len(wrong)} answers differ for {role}:\n" + "\n".join(wrong)
