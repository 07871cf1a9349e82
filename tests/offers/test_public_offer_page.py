"""Each open offer's public page (/offres/<id>/, under « Trouver une offre »): the offer
without any personal data, what a candidate should do, and for a referent who may act on
it, the link to it in their space. Anything but an open offer of the current edition: 404."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from offers.enums import Modality
from tests.factories import (
    DuoFactory,
    InterestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
)
from tests.html_text import text_of
from tests.offers.helpers import offer_url

pytestmark = pytest.mark.django_db

SEARCH_URL = "/offres/"


def public_url(offer):
    return f"{SEARCH_URL}{offer.pk}/"


def test_visitor_opens_an_open_offers_public_page(client, offer):
    response = client.get(public_url(offer))

    assert response.status_code == 200
    assert "Vendeur en boulangerie" in text_of(response)


def test_public_page_shows_the_offer(client, offer):
    page = text_of(client.get(public_url(offer)))

    assert "Boulangerie Dupain" in page
    assert "Découvrir le métier aux côtés d'un professionnel." in page
    assert "Lyon (Rhône)" in page
    assert "Commerce, vente, grande distribution" in page
    assert "Présentiel" in page
    assert "9 h – 17 h" in page
    assert "Plain-pied, ascenseur." in page


def test_public_page_has_the_offers_title_as_its_heading_and_page_title(client, offer):
    response = client.get(public_url(offer))

    assertContains(response, "<h1>Vendeur en boulangerie</h1>", html=True)
    assertContains(response, "<title>Vendeur en boulangerie — DuoDay</title>", html=True)


def test_public_page_of_an_en_cours_offer_is_open(client, offer):
    InterestFactory(offer=offer)

    assert client.get(public_url(offer)).status_code == 200


def test_public_page_never_shows_personal_data(client, offer, employer):
    InterestFactory(offer=offer, message="Message confidentiel pour l'employeur")

    response = client.get(public_url(offer))

    content = response.content.decode()
    for personal in [
        "camille.martin@dupain.fr",
        "06 11 22 33 44",
        "Camille Martin",
        offer.address,
        employer.structure.phone,
        employer.structure.email,
        "Message confidentiel",
    ]:
        assert personal not in content


def test_public_page_tells_a_candidate_to_contact_a_support_structure(client, offer):
    page = text_of(client.get(public_url(offer)))

    assert "Cette offre vous intéresse ?" in page
    assert "Contactez une structure accompagnante près de chez vous" in page


def test_public_page_of_a_remote_offer_says_one_can_take_part_from_anywhere(client, employer):
    remote = OfferFactory(structure=employer.structure, modality=Modality.REMOTE)

    assert "vous pouvez y participer où que vous soyez" in text_of(client.get(public_url(remote)))


def test_public_page_invites_a_visiting_sa_to_log_in_back_to_the_offer(client, offer):
    response = client.get(public_url(offer))

    assertContains(response, f'href="/connexion/?next=/offres/{offer.pk}/"')


def test_search_results_link_to_each_offers_public_page(client, offer):
    assertContains(client.get(SEARCH_URL), f'href="{public_url(offer)}"')


def test_search_page_still_answers_beside_the_offers_pages(client, offer):
    response = client.get(SEARCH_URL)

    assert response.status_code == 200
    assert "1 offre ouverte" in text_of(response)


# The link to the personal space


def test_sa_serving_the_department_gets_the_link_to_the_offer_in_its_space(
    client, support_referent, offer
):
    client.force_login(support_referent)

    response = client.get(public_url(offer))

    assertContains(response, f'href="{offer_url("detail", offer)}"')
    assert "Voir l’offre dans mon espace" in text_of(response)


def test_sa_of_another_department_gets_no_link_to_an_onsite_offer(client, offer):
    parisian_sa = ReferentFactory(structure=StructureFactory(support=True, validated=True))
    client.force_login(parisian_sa)

    response = client.get(public_url(offer))

    assertNotContains(response, f'href="{offer_url("detail", offer)}"')
    assert "Cette offre vous intéresse ?" in text_of(response)


def test_sa_of_another_department_gets_the_link_to_a_remote_offer(client, employer):
    remote = OfferFactory(structure=employer.structure, modality=Modality.REMOTE)
    parisian_sa = ReferentFactory(structure=StructureFactory(support=True, validated=True))
    client.force_login(parisian_sa)

    assertContains(client.get(public_url(remote)), f'href="{offer_url("detail", remote)}"')


def test_visitor_gets_no_link_to_the_personal_space(client, offer):
    assertNotContains(client.get(public_url(offer)), f'href="{offer_url("detail", offer)}"')


# 404 for anything but an open offer of the current edition


def test_public_page_of_a_concretisee_offer_answers_404(client, offer):
    DuoFactory(offer=offer)

    assert client.get(public_url(offer)).status_code == 404


def test_public_page_of_a_past_editions_offer_answers_404(client, employer, past_edition):
    past = OfferFactory(structure=employer.structure, edition=past_edition)

    assert client.get(public_url(past)).status_code == 404


def test_public_page_of_an_unknown_offer_answers_404(client, offer):
    assert client.get(f"{SEARCH_URL}{offer.pk + 1000}/").status_code == 404


def test_public_page_of_a_deleted_offer_answers_404(client, offer):
    url = public_url(offer)
    offer.delete()

    assert client.get(url).status_code == 404


def test_public_page_of_a_concretisee_offer_answers_404_even_to_its_employer(
    client, employer, offer
):
    DuoFactory(offer=offer)
    client.force_login(employer)

    assert client.get(public_url(offer)).status_code == 404
