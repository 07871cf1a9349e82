"""The offers' listings in the coordinators' « DuoDay » menu (wagtail-modeladmin).

Éditions: created and corrected here (never deleted), read-only once their DuoDay has
passed, and « Rendre courante » through a confirmation page (offers/admin_views.py).
Offres, Intérêts, Duos: listed, filtered, searched, inspected and exported; they change
through the referents' personal space and offers/workflow.py, but for the coordination's
« Annuler le duo » (an active duo) and « Supprimer l’offre » (a « Concrétisée » one), each
through a confirmation page with a reason (offers/admin_views.py).

Each `get_queryset` joins what the columns show, so that a page of listing runs the same
few queries whatever its length. offers/wagtail_hooks.py adds them to the « DuoDay » menu.
"""

from django.contrib.admin import SimpleListFilter, display
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper

from offers import editions
from offers.admin_views import (
    CancelDuoView,
    DeleteFilledOfferView,
    EditionCreateView,
    EditionEditView,
    EditionForm,
    MakeEditionCurrentView,
    OfferInspectView,
)
from offers.models import Duo, Edition, Interest, Offer
from offers.search import search_offers_or_structures
from portal.admin import (
    ActionButtonHelper,
    BoundedSearchHandler,
    DuoDayModelAdmin,
    ReadOnlyPermissionHelper,
)

# Editions


class EditionPermissionHelper(PermissionHelper):
    """Editions are never deleted (their offers keep them), nor edited once past."""

    def user_can_change(self, user):
        return self.user_has_specific_permission(user, self.get_perm_codename("change"))

    def user_can_edit_obj(self, user, obj):
        return self.user_can_change(user) and not obj.is_past

    def user_can_delete_obj(self, user, obj):
        return False

    def user_can_make_current_obj(self, user, obj):
        return self.user_can_change(user)


class EditionButtonHelper(ActionButtonHelper):
    actions = [
        ("make_current", _("Rendre courante"), _("Faire de cette édition l’édition en cours"))
    ]


class EditionAdmin(DuoDayModelAdmin):
    model = Edition
    menu_label = _("Éditions")
    menu_icon = "date"
    permission_helper_class = EditionPermissionHelper
    button_helper_class = EditionButtonHelper
    instance_actions = {"make_current": MakeEditionCurrentView}
    create_view_class = EditionCreateView
    edit_view_class = EditionEditView
    list_display = (
        "__str__",
        "duoday_date",
        "week",
        "registration_opens",
        "registration_closes",
        "state",
        "offer_count",
    )
    list_filter = ("is_current",)
    search_fields = ("year",)
    inspect_view_enabled = True
    # The fields a coordinator sets (offers/editions.py), then the computed ones.
    inspect_view_fields = (*editions.EDITABLE_FIELDS, "state")
    list_export = (*editions.EDITABLE_FIELDS, "state", "offer_count")
    export_filename = "editions"
    edit_handler = ObjectList(
        [
            FieldPanel(
                "year",
                help_text=_(
                    "Une édition créée alors qu’aucune n’est en cours devient l’édition en "
                    "cours ; sinon, utilisez « Rendre courante » depuis la liste des éditions."
                ),
            ),
            FieldPanel("duoday_date"),
            FieldPanel("week_start"),
            FieldPanel("week_end"),
            FieldPanel("registration_opens"),
            FieldPanel("registration_closes"),
        ],
        base_form_class=EditionForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(offer_count=Count("offers"))

    @display(description=_("état"))
    def state(self, edition):
        return edition.state.label

    @display(description=_("semaine DuoDay"), ordering="week_start")
    def week(self, edition):
        return _("du %(start)s au %(end)s") % {
            "start": date_format(edition.week_start, "SHORT_DATE_FORMAT"),
            "end": date_format(edition.week_end, "SHORT_DATE_FORMAT"),
        }

    @display(description=_("offres"), ordering="offer_count")
    def offer_count(self, edition):
        return edition.offer_count


# Offers, interests, duos: read-only, but for the coordination's two powers


class OfferSearchHandler(BoundedSearchHandler):
    """The first words of the term (as every listing), searched through the offers' text
    index on PostgreSQL (offers/search.py)."""

    def search_queryset(self, queryset, search_term, **kwargs):
        words = search_term[: self.max_length].split()[: self.max_words]
        return search_offers_or_structures(queryset, " ".join(words))


class OfferPermissionHelper(ReadOnlyPermissionHelper):
    """Never deleted through modeladmin's own view: « Supprimer l’offre » (a « Concrétisée »
    one, with a reason) goes through offers/workflow.py."""

    def user_can_delete_filled_obj(self, user, obj):
        return self.user_has_specific_permission(user, self.get_perm_codename("delete"))


class OfferButtonHelper(ActionButtonHelper):
    actions = [
        (
            "delete_filled",
            _("Supprimer l’offre"),
            _("Supprimer cette offre concrétisée, à la demande de son employeur"),
        )
    ]


class DuoPermissionHelper(ReadOnlyPermissionHelper):
    def user_can_cancel_obj(self, user, obj):
        return self.user_has_specific_permission(user, self.get_perm_codename("change"))


class DuoButtonHelper(ActionButtonHelper):
    actions = [
        (
            "cancel",
            _("Annuler le duo"),
            _("Annuler ce duo, à la demande de l’employeur ou de la structure"),
        )
    ]


class OfferAdmin(DuoDayModelAdmin):
    model = Offer
    menu_label = _("Offres")
    menu_icon = "doc-full"
    permission_helper_class = OfferPermissionHelper
    button_helper_class = OfferButtonHelper
    instance_actions = {"delete_filled": DeleteFilledOfferView}
    inspect_view_class = OfferInspectView
    # Few columns so that the filters beside them fit a laptop screen; the export and the
    # inspect view carry every field.
    list_display = ("title", "structure", "edition", "department", "status")
    list_filter = (
        "edition",
        "status",
        # Every department (101 choices), not only those of some offer: that DISTINCT
        # read the 300,000 offers at each request.
        "department",
        "sector",
        "modality",
    )
    search_fields = ("title", "structure__name", "commune")
    # The same words over the offer's text and its structure's name, on PostgreSQL by the
    # full-text indexes (offers/search.py).
    search_handler_class = OfferSearchHandler
    inspect_view_enabled = True
    inspect_view_fields = (
        "title",
        "structure",
        "referent_contact",
        "edition",
        "status",
        "sector",
        "modality",
        "date",
        "schedule",
        "address",
        "postcode",
        "commune",
        "department",
        "description",
        "accessibility",
        "created_at",
        "updated_at",
    )
    list_export = (
        "title",
        "structure",
        "employer_siret",
        "edition",
        "status",
        "sector",
        "modality",
        "date",
        "schedule",
        "address",
        "postcode",
        "commune",
        "department",
        "referent",
        "referent_email",
        "created_at",
    )
    export_filename = "offres"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("structure", "edition", "department", "referent")
        )

    @display(description=_("SIRET de l’employeur"))
    def employer_siret(self, offer):
        return offer.structure.siret

    @display(description=_("e-mail du référent"))
    def referent_email(self, offer):
        return offer.referent.email

    @display(description=_("référent de l'offre"))
    def referent_contact(self, offer):
        return f"{offer.referent} — {offer.referent.email}"


class InterestAdmin(DuoDayModelAdmin):
    model = Interest
    menu_label = _("Intérêts")
    menu_icon = "pick"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("offer", "employer", "structure", "edition")
    list_filter = ("offer__edition",)
    search_fields = ("offer__title", "offer__structure__name", "offer__commune", "structure__name")
    inspect_view_enabled = True
    inspect_view_fields = (
        "offer",
        "employer",
        "edition",
        "structure",
        "user",
        "message",
        "created_at",
    )
    list_export = (
        "offer",
        "employer",
        "edition",
        "structure",
        "user",
        "user_email",
        "message",
        "created_at",
    )
    export_filename = "interets"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("offer__structure", "offer__edition", "structure", "user")
        )

    @display(description=_("employeur"), ordering="offer__structure__name")
    def employer(self, interest):
        return interest.offer.structure

    @display(description=_("édition"), ordering="offer__edition__year")
    def edition(self, interest):
        return interest.offer.edition

    @display(description=_("e-mail du référent"))
    def user_email(self, interest):
        return interest.user.email if interest.user else ""


class DuoStateFilter(SimpleListFilter):
    title = _("état")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Actif")), ("cancelled", _("Annulé"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "cancelled":
            return queryset.cancelled()
        return queryset


class DuoAdmin(DuoDayModelAdmin):
    model = Duo
    menu_label = _("Duos")
    menu_icon = "group"
    permission_helper_class = DuoPermissionHelper
    button_helper_class = DuoButtonHelper
    instance_actions = {"cancel": CancelDuoView}
    list_display = ("person", "offer", "structure", "edition", "state")
    list_filter = ("offer__edition", DuoStateFilter)
    search_fields = (
        "person_first_name",
        "person_last_name",
        "structure__name",
        "offer__title",
        "offer__structure__name",
    )
    inspect_view_enabled = True
    inspect_view_fields = (
        "person_first_name",
        "person_last_name",
        "offer",
        "employer",
        "edition",
        "structure",
        "created_by",
        "created_at",
        "state",
    )
    list_export = (
        "person_last_name",
        "person_first_name",
        "offer",
        "employer",
        "edition",
        "structure",
        "created_by",
        "created_at",
        "state",
        "cancelled_at",
    )
    export_filename = "duos"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("offer__structure", "offer__edition", "structure", "created_by")
        )

    @display(description=_("personne"), ordering="person_last_name")
    def person(self, duo):
        return duo.person_name

    @display(description=_("employeur"), ordering="offer__structure__name")
    def employer(self, duo):
        return duo.offer.structure

    @display(description=_("édition"), ordering="offer__edition__year")
    def edition(self, duo):
        return duo.offer.edition

    @display(description=_("état"), ordering="cancelled_at")
    def state(self, duo):
        if duo.is_active:
            return _("Actif")
        return _("Annulé le %(date)s") % {
            "date": date_format(timezone.localtime(duo.cancelled_at), "SHORT_DATE_FORMAT")
        }
