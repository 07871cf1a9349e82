"""An employer waits for the coordination's validation before its « Annuaire des SA » opens:
an account registered with any valid SIRET must not harvest the SA referents' phones and
e-mails by publishing throw-away offers in every department. Everything else of the
employer's personal space works from the start."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateNotUsed

from directory.models import Department
from offers.models import Offer
from tests.factories import (
    DocumentFactory,
    EditionFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)
from tests.html_text import text_of

pytestmark = pytest.mark.django_db

DIRECTORY_URL = reverse("directory:support_directory")
CLOSED_DIRECTORY = (
    "L’annuaire s’ouvre dès que la coordination DuoDay a validé votre structure : vous serez "
    "prévenu(e) par e-mail."
)
CLOSED_DIRECTORY_QUERIES = 11


@pytest.fixture
def current_edition():
    return EditionFactory(current=True)


@pytest.fixture
def pending_employer(client, current_edition):
    """A referent of an employer of Paris (75) that the coordination has not validated yet,
    logged in."""
    structure = StructureFactory(employer=True, postcode="75011", validated_at=None)
    referent = ReferentFactory(structure=structure)
    client.force_login(referent)
    return referent


@pytest.fixture
def support_structure_of_paris():
    structure = StructureFactory(
        support=True, validated=True, name="ESAT des Lilas", served_departments=["75", "93"]
    )
    ReferentFactory(structure=structure, email="referente@esat-lilas.fr", phone="06 98 76 54 32")
    return structure


def card_url(structure):
    return reverse("directory:support_structure", args=[structure.pk])


# The « Annuaire des SA » tab


def test_pending_employer_sees_why_the_directory_is_closed(client, pending_employer):
    response = client.get(DIRECTORY_URL)

    assert response.status_code == 200
    assert CLOSED_DIRECTORY in text_of(response)


def test_pending_employer_sees_no_support_structure_of_its_department(
    client, pending_employer, support_structure_of_paris
):
    response = client.get(DIRECTORY_URL)

    assertNotContains(response, "ESAT des Lilas")
    assertNotContains(response, card_url(support_structure_of_paris))


def test_pending_employer_gets_a_404_for_a_support_structure_card(
    client, pending_employer, support_structure_of_paris
):
    response = client.get(card_url(support_structure_of_paris))

    assert response.status_code == 404
    assertNotContains(response, "referente@esat-lilas.fr", status_code=404)


def test_throw_away_offers_open_no_department_of_the_directory(
    client, pending_employer, support_structure_of_paris
):
    # An offer in Seine-Saint-Denis (93), published then deleted: it opens nothing either.
    offer = OfferFactory(
        structure=pending_employer.structure, referent=pending_employer, postcode="93100"
    )
    offer.delete()
    OfferFactory(structure=pending_employer.structure, referent=pending_employer, postcode="93100")

    listing = client.get(DIRECTORY_URL, {"department": Department.objects.get(code="93").pk})
    card = client.get(card_url(support_structure_of_paris))

    assertNotContains(listing, "ESAT des Lilas")
    assert card.status_code == 404


def test_closed_directory_keeps_its_tab_in_the_navigation(client, pending_employer):
    response = client.get(DIRECTORY_URL)

    assertContains(response, 'aria-current="page"')
    assert "Annuaire des SA" in text_of(response)


def test_closed_directory_runs_few_queries(client, pending_employer, django_assert_max_num_queries):
    client.get(DIRECTORY_URL)  # Wagtail's site and settings cached, as in production

    # Session, user, structure, and the page's frame: no department, offer nor SA.
    with django_assert_max_num_queries(CLOSED_DIRECTORY_QUERIES):
        client.get(DIRECTORY_URL)


def test_validated_employer_sees_the_support_structures_of_its_department(
    client, pending_employer, support_structure_of_paris
):
    structure = pending_employer.structure
    structure.validated_at = structure.created_at
    structure.save()

    response = client.get(DIRECTORY_URL)

    assertContains(response, "ESAT des Lilas")
    assert CLOSED_DIRECTORY not in text_of(response)
    card = client.get(card_url(support_structure_of_paris))
    assertContains(card, "referente@esat-lilas.fr")


# The rest of the personal space works at once


@pytest.mark.parametrize(
    "url_name",
    [
        "directory:account",
        "directory:modification_request",
        "directory:invite_referent",
        "directory:password_change",
        "offers:list",
        "offers:create",
        "offers:history",
        "documents:personal_resources",
    ],
)
def test_pending_employer_uses_its_personal_space(client, pending_employer, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assertTemplateNotUsed(response, "directory/pending.html")


def test_pending_employer_adds_an_offer(client, pending_employer, current_edition):
    response = client.post(
        reverse("offers:create"),
        {
            "title": "Préparateur de commandes",
            "description": "Préparer les commandes avec l'équipe logistique.",
            "sector": "logistique",
            "address": "10 rue de la Roquette",
            "postcode": "75011",
            "commune": "Paris",
            "department": "",
            "modality": "presentiel",
            "date": current_edition.duoday_date.strftime("%d/%m/%Y"),
            "schedule": "9 h – 17 h",
            "accessibility": "Plain-pied.",
            "referent": pending_employer.pk,
        },
    )

    offer = Offer.objects.get(structure=pending_employer.structure)
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:detail", args=[offer.pk])


def test_pending_employer_sees_its_offers_and_their_pages(client, pending_employer):
    offer = OfferFactory(
        structure=pending_employer.structure, referent=pending_employer, title="Vendeur"
    )

    listing = client.get(reverse("offers:list"))
    page = client.get(reverse("offers:detail", args=[offer.pk]))

    assertContains(listing, "Vendeur")
    assert page.status_code == 200


def test_pending_employer_waits_for_the_restricted_documents_and_is_told_so(
    client, pending_employer
):
    DocumentFactory(title="Modèle d’attestation de stage", restricted=True)
    DocumentFactory(title="Logo DuoDay")

    response = client.get(reverse("documents:personal_resources"))

    assertContains(response, "Logo DuoDay")
    assertNotContains(response, "Modèle d’attestation de stage")
    assert "dès que la coordination DuoDay aura validé votre structure" in text_of(response)


def test_validated_employer_is_not_told_to_wait_for_the_documents(client, current_edition):
    client.force_login(ReferentFactory())

    response = client.get(reverse("documents:personal_resources"))

    assert "aura validé votre structure" not in text_of(response)


def test_pending_support_structure_still_gets_the_pending_page(client, current_edition):
    client.force_login(ReferentFactory(structure=StructureFactory(support=True)))

    response = client.get(reverse("directory:account"))

    assertContains(response, "Structure en attente de validation")


# The coordinators validate employers


@pytest.fixture
def coordinator_client(client):
    client.force_login(UserFactory(coordinator=True))
    return client


def validate_url(structure):
    return reverse("directory_structure_modeladmin_validate", args=[structure.pk])


def test_structures_listing_offers_to_validate_a_pending_employer(coordinator_client):
    pending = StructureFactory(employer=True, validated_at=None)
    validated = StructureFactory(employer=True)

    content = coordinator_client.get(
        reverse("directory_structure_modeladmin_index")
    ).content.decode()

    assert validate_url(pending) in content
    assert validate_url(validated) not in content


def test_employer_validation_page_says_what_it_opens(coordinator_client):
    pending = StructureFactory(employer=True, name="Boulangerie Dupain", validated_at=None)

    response = coordinator_client.get(validate_url(pending))

    assert response.status_code == 200
    assert "l’employeur « Boulangerie Dupain » accède à l’« Annuaire des SA »" in text_of(response)


def test_validating_an_employer_twice_sends_one_email(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    referent = ReferentFactory(structure=StructureFactory(employer=True, validated_at=None))

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(validate_url(referent.structure))
        response = coordinator_client.post(validate_url(referent.structure))

    assert response.status_code == 302
    assert len(mailoutbox) == 1
