"""The public « Trouver une offre » page (/offres/): the open offers of the current edition,
searchable and filterable, without any referent's personal contact."""

import pytest

from directory.models import Department
from tests.factories import DuoFactory, InterestFactory, OfferFactory
from tests.html_text import soup, text_of
from tests.offers.helpers import card_titles

pytestmark = pytest.mark.django_db

SEARCH_URL = "/offres/"


def test_public_search_lists_non_concretisee_and_en_cours_offers(client, offer, employer):
    in_progress = OfferFactory(structure=employer.structure, title="Offre en cours")
    InterestFactory(offer=in_progress)

    assert sorted(card_titles(client.get(SEARCH_URL))) == [
        "Offre en cours",
        "Vendeur en boulangerie",
    ]


def test_public_search_hides_concretisee_offers(client, offer):
    DuoFactory(offer=offer)

    assert card_titles(client.get(SEARCH_URL)) == []


def test_public_search_hides_past_editions_offers(client, employer, past_edition):
    OfferFactory(structure=employer.structure, edition=past_edition)

    assert card_titles(client.get(SEARCH_URL)) == []


def test_public_search_shows_the_offers_place_sector_and_modality(client, offer):
    page = text_of(client.get(SEARCH_URL))

    assert "Lyon (Rhône)" in page
    assert "Commerce, vente, grande distribution" in page
    assert "Présentiel" in page


def test_public_search_never_shows_the_referents_contact(client, offer, employer):
    response = client.get(SEARCH_URL)

    content = response.content.decode()
    assert "camille.martin@dupain.fr" not in content
    assert "06 11 22 33 44" not in content
    assert "Camille Martin" not in text_of(response)


def test_public_search_never_shows_the_interested_sas_message(client, offer):
    InterestFactory(offer=offer, message="Message confidentiel pour l'employeur")

    assert "Message confidentiel" not in client.get(SEARCH_URL).content.decode()


def test_public_search_by_text(client, offer, employer):
    OfferFactory(structure=employer.structure, title="Jardinier", description="Tailler les haies.")

    assert card_titles(client.get(SEARCH_URL, {"q": "haies"})) == ["Jardinier"]


def test_public_search_by_department(client, offer, employer):
    OfferFactory(structure=employer.structure, title="Offre à Paris", postcode="75011")

    response = client.get(SEARCH_URL, {"department": Department.objects.get(code="75").pk})

    assert card_titles(response) == ["Offre à Paris"]


def test_public_search_by_sector(client, offer, employer):
    OfferFactory(structure=employer.structure, title="Aide-soignant", sector="sante")

    assert card_titles(client.get(SEARCH_URL, {"sector": "sante"})) == ["Aide-soignant"]


def test_public_search_by_modality(client, offer, employer):
    OfferFactory(structure=employer.structure, title="À distance", modality="distanciel")

    assert card_titles(client.get(SEARCH_URL, {"modality": "distanciel"})) == ["À distance"]


def test_public_search_has_no_status_filter(client, offer):
    response = client.get(SEARCH_URL)

    assert soup(response).select('[name="status"]') == []


def test_public_search_ignores_a_status_in_the_query_string(client, offer):
    DuoFactory(offer=OfferFactory(title="Offre pourvue"))

    response = client.get(SEARCH_URL, {"status": "concretisee"})

    assert card_titles(response) == ["Vendeur en boulangerie"]


def test_public_search_counts_the_open_offers(client, offer):
    assert "1 offre ouverte" in text_of(client.get(SEARCH_URL))


def test_public_search_shows_twenty_offers_per_page(client, employer):
    OfferFactory.create_batch(21, structure=employer.structure)

    assert len(card_titles(client.get(SEARCH_URL))) == 20
    assert len(card_titles(client.get(SEARCH_URL, {"page": 2}))) == 1


def test_public_search_works_without_a_current_edition(client, db):
    assert client.get(SEARCH_URL).status_code == 200
