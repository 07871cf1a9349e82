"""Factories for the project's models and the Wagtail objects it relies on."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.documents import get_document_model
from wagtail.models import Site

from directory.departments import department_code_for_postcode
from directory.models import Department, User
from directory.roles import COORDINATION, EDITORS
from directory.validators import siret_for
from documents.models import ResourcesPage
from documents.setup import ATTESTATIONS, COMMUNICATION_KIT, collection
from home import site_content
from home.models import (
    AccessibilityPage,
    ContactFormField,
    ContactPage,
    ContactSettings,
    FaqPage,
    FooterSettings,
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfferSearchPage,
    StandardPage,
)
from offers.enums import Modality, OfferStatus, Sector
from offers.models import Edition, Interest, seeph_week

DEFAULT_PASSWORD = "Un-mot-de-passe-solide-2026"
PDF_BYTES = b"%PDF-1.4\n% DuoDay test document\n%%EOF\n"


def join_groups(*names):
    def add_to_groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(*Group.objects.filter(name__in=extracted or names))

    return add_to_groups


class UserFactory(DjangoModelFactory):
    """A person who logs in with an e-mail address; `editor` / `coordinator` for staff."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    class Params:
        editor = factory.Trait(staff_groups=factory.PostGeneration(join_groups(EDITORS)))
        coordinator = factory.Trait(staff_groups=factory.PostGeneration(join_groups(COORDINATION)))

    email = factory.Sequence(lambda number: f"personne{number}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def staff_groups(user, create, extracted, **kwargs):
        """Group names, e.g. `UserFactory(staff_groups=[EDITORS])`."""
        if create and extracted:
            user.groups.add(*Group.objects.filter(name__in=extracted))


class DepartmentFactory(DjangoModelFactory):
    """One of the departments shipped by the data migration (looked up by code)."""

    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "75"
    name = "Paris"
    region = "Île-de-France"


class DocumentFactory(DjangoModelFactory):
    """A Wagtail document in the public « Kit de communication »; `restricted` for
    « Attestations », reserved to logged-in users."""

    class Meta:
        model = get_document_model()

    class Params:
        restricted = factory.Trait(
            collection=factory.LazyFunction(lambda: collection(ATTESTATIONS, restricted=True))
        )
        content = PDF_BYTES

    title = factory.Sequence(lambda number: f"Document n° {number}")
    collection = factory.LazyFunction(lambda: collection(COMMUNICATION_KIT, restricted=False))
    file = factory.LazyAttribute(
        lambda document: ContentFile(document.content, name=f"{slugify(document.title)}.pdf")
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        # As Wagtail's upload form does: size and hash known before the first download.
        document._set_document_file_metadata()
        document.save()
        return document


class PageFactory(DjangoModelFactory):
    """A live page added under `parent` in the page tree."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda number: f"Page n° {number}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class StandardPageFactory(PageFactory):
    """A content page under the home page; `show_in_menus=True` puts it in the main menu."""

    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(lambda: HomePage.objects.get())
    intro = "Une page de contenu."


class NewsPageFactory(PageFactory):
    """An article of the « Actualités » index built by `setup_site`."""

    class Meta:
        model = NewsPage

    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.get())
    title = factory.Sequence(lambda number: f"Actualité n° {number}")
    date = factory.Sequence(lambda number: datetime.date(2026, 1, 1) + datetime.timedelta(number))
    intro = "Les nouvelles de l'opération DuoDay."


# --- Directory: structures, referents, invitations, modification requests -----------------


def _departments(values):
    """Department instances from instances or INSEE codes."""
    return [
        value if isinstance(value, Department) else Department.objects.get(code=value)
        for value in values
    ]


class StructureFactory(DjangoModelFactory):
    """A validated employer by default; `support` for a structure accompagnante, which
    stays pending unless `validated`. `served_departments` (instances or INSEE codes)
    defaults, for an SA, to its own department."""

    class Meta:
        model = "directory.Structure"
        skip_postgeneration_save = True

    class Params:
        employer = factory.Trait(kind="employer")
        support = factory.Trait(kind="support")
        validated = factory.Trait(validated_at=factory.LazyFunction(lambda: timezone.now()))

    kind = "employer"
    name = factory.Sequence(lambda number: f"Structure n° {number}")
    siret = factory.Sequence(lambda number: siret_for(f"{10_000_000 + number:08d}"))
    structure_type = factory.LazyAttribute(
        lambda structure: "entreprise_privee" if structure.kind == "employer" else "esat"
    )
    address = factory.Sequence(lambda number: f"{number} rue de la République")
    postcode = "75011"
    commune = "Paris"
    department = factory.LazyAttribute(
        lambda structure: Department.objects.get(
            code=department_code_for_postcode(structure.postcode)
        )
    )
    phone = "01 23 45 67 89"
    email = factory.Sequence(lambda number: f"structure{number}@exemple.fr")
    validated_at = factory.LazyAttribute(
        lambda structure: timezone.now() if structure.kind == "employer" else None
    )

    @factory.post_generation
    def served_departments(structure, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            structure.served_departments.set(_departments(extracted))
        elif structure.kind == "support":
            structure.served_departments.set([structure.department])


class ReferentFactory(UserFactory):
    """An active referent of a structure (a validated employer by default), e-mail confirmed."""

    structure = factory.SubFactory(StructureFactory)
    email_confirmed_at = factory.LazyFunction(lambda: timezone.now())
    phone = factory.Sequence(
        lambda number: f"06 00 00 {number // 100 % 100:02d} {number % 100:02d}"
    )
    job_title = "Chargé(e) de mission handicap"


class InvitationFactory(DjangoModelFactory):
    """A pending invitation to join `structure`, sent by one of its referents."""

    class Meta:
        model = "directory.Invitation"

    structure = factory.SubFactory(StructureFactory)
    invited_by = factory.SubFactory(ReferentFactory, structure=factory.SelfAttribute("..structure"))
    email = factory.Sequence(lambda number: f"invite{number}@exemple.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")


class ModificationRequestFactory(DjangoModelFactory):
    """A pending modification request written by a referent of `structure`."""

    class Meta:
        model = "directory.ModificationRequest"

    structure = factory.SubFactory(StructureFactory)
    author = factory.SubFactory(ReferentFactory, structure=factory.SelfAttribute("..structure"))
    message = "Notre raison sociale a changé."


# --- Offers: editions, offers, interests, duos ---------------------------------------------


def _current_edition():
    """The current edition, created once per test when a factory first needs it."""
    return Edition.current() or EditionFactory(current=True)


class EditionFactory(DjangoModelFactory):
    """A past edition by default (years count down from 2020, so never today's);
    `current` for the current one, whose DuoDay is next year's November."""

    class Meta:
        model = "offers.Edition"

    class Params:
        current = factory.Trait(
            is_current=True,
            year=factory.LazyFunction(lambda: timezone.localdate().year + 1),
            # Registrations are open today, as during the months before a DuoDay.
            registration_opens=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=30)
            ),
        )

    year = factory.Sequence(lambda number: 2020 - number)
    duoday_date = factory.LazyAttribute(lambda edition: datetime.date(edition.year, 11, 19))
    week_start = factory.LazyAttribute(lambda edition: seeph_week(edition.duoday_date)[0])
    week_end = factory.LazyAttribute(lambda edition: seeph_week(edition.duoday_date)[1])
    registration_opens = factory.LazyAttribute(lambda edition: datetime.date(edition.year, 9, 1))
    registration_closes = factory.LazyAttribute(
        lambda edition: edition.duoday_date - datetime.timedelta(days=7)
    )
    is_current = False


class OfferFactory(DjangoModelFactory):
    """A « Non concrétisée » offer of the current edition, in Lyon (69), whose referent is
    a referent of its (validated employer) structure. Use InterestFactory / DuoFactory to
    move it along: they set the status as the workflow would."""

    class Meta:
        model = "offers.Offer"

    edition = factory.LazyFunction(_current_edition)
    structure = factory.SubFactory(StructureFactory)
    referent = factory.SubFactory(ReferentFactory, structure=factory.SelfAttribute("..structure"))
    title = factory.Sequence(lambda number: f"Offre de duo n° {number}")
    description = "Découvrir le métier aux côtés d'un professionnel."
    sector = Sector.TRADE
    address = factory.Sequence(lambda number: f"{number} rue Garibaldi")
    postcode = "69003"
    commune = "Lyon"
    department = factory.LazyAttribute(
        lambda offer: Department.objects.get(code=department_code_for_postcode(offer.postcode))
    )
    modality = Modality.ON_SITE
    date = factory.LazyAttribute(lambda offer: offer.edition.duoday_date)
    schedule = "9 h – 17 h"
    accessibility = "Plain-pied, ascenseur."


def _support_structure_of_offer():
    """A validated SA located at the offer's postcode, hence serving its department."""
    return factory.SubFactory(
        StructureFactory,
        kind="support",
        validated=True,
        postcode=factory.SelfAttribute("..offer.postcode"),
    )


class InterestFactory(DjangoModelFactory):
    """« Je suis intéressé(e) » of a validated SA serving the offer's department; an open
    offer becomes « En cours »."""

    class Meta:
        model = "offers.Interest"

    offer = factory.SubFactory(OfferFactory)
    structure = _support_structure_of_offer()
    user = factory.SubFactory(ReferentFactory, structure=factory.SelfAttribute("..structure"))
    message = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        interest = super()._create(model_class, *args, **kwargs)
        offer = interest.offer
        if offer.status == OfferStatus.OPEN:
            offer.status = OfferStatus.IN_PROGRESS
            offer.save(update_fields=["status"])
        return interest


class DuoFactory(DjangoModelFactory):
    """A duo formed by a validated SA serving the offer's department, with its interest,
    as `workflow.form_duo` leaves it: the offer is « Concrétisée ». `cancelled` for a
    cancelled duo (the offer's status is then left alone)."""

    class Meta:
        model = "offers.Duo"

    class Params:
        cancelled = factory.Trait(cancelled_at=factory.LazyFunction(lambda: timezone.now()))

    offer = factory.SubFactory(OfferFactory)
    structure = _support_structure_of_offer()
    created_by = factory.SubFactory(ReferentFactory, structure=factory.SelfAttribute("..structure"))
    person_first_name = factory.Faker("first_name", locale="fr_FR")
    person_last_name = factory.Faker("last_name", locale="fr_FR")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        duo = super()._create(model_class, *args, **kwargs)
        Interest.objects.get_or_create(
            offer=duo.offer, structure=duo.structure, defaults={"user": duo.created_by}
        )
        if duo.cancelled_at is None:
            duo.offer.status = OfferStatus.FILLED
            duo.offer.save(update_fields=["status"])
        return duo


# --- Wagtail: the public site's page types and settings ------------------------------------
#
# Pages are added as live children of `parent` (PageFactory._create), by default the default
# site's root page, the home page `setup_site` builds. The page types with `max_count = 1`
# (home, contact, accessibility, offer search, resources) already exist in the test
# database: delete the existing one first, as an editor would have to.


def _default_site():
    return Site.objects.get(is_default_site=True)


def _site_root():
    return _default_site().root_page


class HomePageFactory(PageFactory):
    """A home page at the root of the page tree: point a Site at it to serve it."""

    class Meta:
        model = HomePage

    parent = factory.LazyFunction(lambda: HomePage.get_first_root_node())
    title = factory.Sequence(lambda number: f"Accueil n° {number}")
    hero_title = "DuoDay : un jour, un duo, une rencontre"
    hero_text = "Une journée en duo avec un professionnel, chez un employeur."


class NewsIndexPageFactory(PageFactory):
    """A list of news articles; add them with `NewsPageFactory(parent=index)`."""

    class Meta:
        model = NewsIndexPage

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Actualités n° {number}")
    intro = "Les dernières nouvelles de l'opération DuoDay."


class FaqPageFactory(PageFactory):
    """A « Foire aux questions » with one question."""

    class Meta:
        model = FaqPage

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Foire aux questions n° {number}")
    intro = "Les réponses aux questions les plus fréquentes."
    questions = factory.LazyFunction(
        lambda: [
            site_content.question("Quand a lieu le DuoDay ?", "Chaque année, au mois de novembre.")
        ]
    )


class GuidePageFactory(PageFactory):
    """A user guide with a heading, a paragraph and a question."""

    class Meta:
        model = GuidePage

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Guide n° {number}")
    intro = "Le pas à pas de votre espace personnel."
    body = factory.LazyFunction(
        lambda: [
            site_content.heading("Publier une offre"),
            site_content.paragraph("Menu « Offres », bouton « Ajouter une offre »."),
            site_content.question(
                "Qui voit mes offres ?", "Les structures accompagnantes de votre département."
            ),
        ]
    )


class ContactPageFactory(PageFactory):
    """The contact form, with a required « Message » field (add more with
    `ContactFormFieldFactory(page=page)`). Delete the site's contact page first
    (`max_count = 1`)."""

    class Meta:
        model = ContactPage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Contact n° {number}")
    intro = "<p>Une question sur l'opération ? Écrivez-nous.</p>"
    thank_you_text = "<p>Merci, nous vous répondrons rapidement.</p>"
    to_address = "contact@duoday.fr"
    from_address = "ne-pas-repondre@duoday.fr"
    subject = "Nouveau message depuis le formulaire de contact"
    message_field = factory.RelatedFactory(
        "tests.factories.ContactFormFieldFactory",
        factory_related_name="page",
        label="Message",
        field_type="multiline",
        sort_order=100,
    )


class ContactFormFieldFactory(DjangoModelFactory):
    """A required one-line field of `page` (pass it: by default a new contact page, and the
    site already has its one)."""

    class Meta:
        model = ContactFormField

    page = factory.SubFactory(ContactPageFactory)
    sort_order = factory.Sequence(lambda number: number)
    label = factory.Sequence(lambda number: f"Champ n° {number}")
    field_type = "singleline"
    required = True


class AccessibilityPageFactory(PageFactory):
    """The accessibility statement (`max_count = 1`: delete the site's one first)."""

    class Meta:
        model = AccessibilityPage

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Accessibilité n° {number}")
    compliance_status = AccessibilityPage.ComplianceStatus.PARTIAL
    body = factory.LazyFunction(
        lambda: [site_content.paragraph("Cette déclaration s'applique au portail DuoDay.")]
    )


class OfferSearchPageFactory(PageFactory):
    """The public offer search (`max_count = 1`: delete the site's one first)."""

    class Meta:
        model = OfferSearchPage

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Trouver une offre n° {number}")
    intro = "Les offres de duos ouvertes de l'édition en cours."


class ResourcesPageFactory(PageFactory):
    """The public « Ressources » (`max_count = 1`: delete the site's one first)."""

    class Meta:
        model = ResourcesPage

    parent = factory.LazyFunction(_site_root)
    title = factory.Sequence(lambda number: f"Ressources n° {number}")
    intro = "Logo, flyers et affiches pour faire connaître l'opération."


class SiteSettingFactory(DjangoModelFactory):
    """The settings of `site` (the default site), created or updated with the given values:
    there is one row per site, and fields not given keep their value."""

    class Meta:
        abstract = True

    site = factory.LazyFunction(_default_site)

    @classmethod
    def _create(cls, model_class, *args, site, **kwargs):
        setting, _created = model_class.objects.update_or_create(site=site, defaults=kwargs)
        return setting


class ContactSettingsFactory(SiteSettingFactory):
    """« Coordonnées »: the contact phone and e-mail printed across the site."""

    class Meta:
        model = ContactSettings

    phone = "01 23 45 67 89"
    email = factory.Sequence(lambda number: f"contact{number}@exemple.fr")


class FooterSettingsFactory(SiteSettingFactory):
    """The footer's legal pages: pass `accessibility_page`, `legal_notice_page` or
    `personal_data_page`; the others keep the pages `setup_site` chose."""

    class Meta:
        model = FooterSettings
