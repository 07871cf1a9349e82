"""« Télécharger l'attestation »: the pre-filled attestation de stage of a formed duo, an
accessible PDF (real text, language and title) for the duo's two parties only."""

import io

import pypdf
import pytest
from django.urls import reverse

from tests.factories import DuoFactory, OfferFactory, ReferentFactory, StructureFactory
from tests.html_text import text_of

pytestmark = pytest.mark.django_db

ATTESTATION_QUERIES = 4


@pytest.fixture
def duo(offer, support_referent):
    return DuoFactory(
        offer=offer,
        structure=support_referent.structure,
        created_by=support_referent,
        person_first_name="Léa",
        person_last_name="Fontaine",
    )


def attestation_url(duo):
    return reverse("offers:attestation", args=[duo.pk])


def download(client, user, duo):
    client.force_login(user)
    return client.get(attestation_url(duo))


def pdf_of(response):
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of_pdf(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_sa_that_formed_the_duo_downloads_a_pdf_attachment(client, support_referent, duo):
    response = download(client, support_referent, duo)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    year = duo.offer.edition.year
    assert response["Content-Disposition"] == (
        f'attachment; filename="attestation-duoday-{year}-lea-fontaine.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_the_employer_of_the_offer_downloads_the_attestation(client, employer, duo):
    response = download(client, employer, duo)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_attestation_holds_the_person_the_employer_the_offer_the_sa_and_the_edition(
    client, support_referent, duo
):
    text = text_of_pdf(pdf_of(download(client, support_referent, duo)))

    edition = duo.offer.edition
    assert "Attestation de stage" in text
    assert "Léa Fontaine" in text
    assert "Boulangerie Dupain" in text
    assert "ESAT Les Ateliers" in text
    assert "Vendeur en boulangerie" in text
    assert f"DuoDay {edition.year}" in text
    assert f"{edition.duoday_date.day} novembre {edition.year}" in text
    assert "Camille Martin" in text  # the offer's referent


def test_the_attestation_declares_its_language_and_title(client, support_referent, duo):
    reader = pdf_of(download(client, support_referent, duo))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert reader.metadata.title == (
        f"Attestation de stage DuoDay {duo.offer.edition.year} — Léa Fontaine"
    )
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_the_attestation_is_a_tagged_pdf(client, support_referent, duo):
    root = pdf_of(download(client, support_referent, duo)).trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, duo):
    response = client.get(attestation_url(duo))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("directory:login"))


def test_another_employer_gets_404(client, duo):
    assert download(client, ReferentFactory(), duo).status_code == 404


def test_another_sa_serving_the_department_gets_404(client, other_support_referent, duo):
    assert download(client, other_support_referent, duo).status_code == 404


def test_the_sa_whose_duo_was_cancelled_gets_404(client, support_referent, offer):
    cancelled = DuoFactory(
        offer=offer,
        structure=support_referent.structure,
        created_by=support_referent,
        cancelled=True,
    )

    assert download(client, support_referent, cancelled).status_code == 404


def test_the_employer_of_a_cancelled_duo_gets_404(client, employer, offer, support_referent):
    cancelled = DuoFactory(offer=offer, structure=support_referent.structure, cancelled=True)

    assert download(client, employer, cancelled).status_code == 404


def test_a_user_without_structure_gets_404(client, duo):
    assert download(client, ReferentFactory(structure=None), duo).status_code == 404


def test_a_deactivated_referent_of_the_sa_gets_no_attestation(client, support_referent, duo):
    colleague = ReferentFactory(structure=support_referent.structure, is_active=False)

    response = download(client, colleague, duo)

    assert response.get("Content-Type") != "application/pdf"


def test_an_sa_waiting_for_validation_gets_the_pending_page_not_the_pdf(client, duo):
    pending = ReferentFactory(
        structure=StructureFactory(support=True, postcode="69001", served_departments=["69"])
    )

    response = download(client, pending, duo)

    assert response.get("Content-Type") != "application/pdf"
    assert "Léa" not in response.content.decode()
    assert "attente" in text_of(response)


def test_a_past_editions_duo_gives_its_attestation_to_both_parties(
    client, employer, support_referent, past_edition
):
    past_duo = DuoFactory(
        offer=OfferFactory(structure=employer.structure, referent=employer, edition=past_edition),
        structure=support_referent.structure,
    )

    assert download(client, employer, past_duo).status_code == 200
    assert download(client, support_referent, past_duo).status_code == 200


@pytest.mark.parametrize("url_name", ["offers:my_duos", "offers:history"])
def test_the_sa_pages_link_to_the_attestation(
    client, support_referent, current_edition, past_edition, url_name
):
    edition = past_edition if url_name == "offers:history" else current_edition
    listed = DuoFactory(offer=OfferFactory(edition=edition), structure=support_referent.structure)
    client.force_login(support_referent)

    response = client.get(reverse(url_name))

    assert attestation_url(listed) in response.content.decode()


@pytest.mark.parametrize("user", ["employer", "support_referent"])
def test_the_offer_page_links_to_the_attestation_for_both_parties(client, duo, user, request):
    client.force_login(request.getfixturevalue(user))

    response = client.get(reverse("offers:detail", args=[duo.offer.pk]))

    assert attestation_url(duo) in response.content.decode()
    assert "Télécharger l’attestation" in text_of(response)


def test_the_offer_page_of_an_offer_without_duo_has_no_attestation(client, employer, offer):
    client.force_login(employer)

    response = client.get(reverse("offers:detail", args=[offer.pk]))

    assert "attestation" not in text_of(response)


def test_the_attestation_runs_a_bounded_number_of_queries(
    client, support_referent, duo, django_assert_max_num_queries
):
    client.force_login(support_referent)
    client.get(attestation_url(duo))

    with django_assert_max_num_queries(ATTESTATION_QUERIES):
        response = client.get(attestation_url(duo))

    assert response.status_code == 200
