"""The coordinators' listings read as French: « Ajouter : édition », « Retour à la liste »,
and counts with the French plural rule (« 0 duo », « 1 duo », « 2 duos »)."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import DuoFactory, EditionFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

DUOS_URL = reverse("offers_duo_modeladmin_index")


@pytest.fixture
def coordinator_client(client):
    client.force_login(UserFactory(coordinator=True))
    return client


def test_editions_listing_offers_ajouter_without_a_gendered_article(coordinator_client):
    EditionFactory(current=True)

    response = coordinator_client.get(reverse("offers_edition_modeladmin_index"))

    assertContains(response, "Ajouter : édition")
    assertNotContains(response, "un(e)")


def test_offer_inspection_links_back_to_the_list(coordinator_client):
    offer = OfferFactory()

    response = coordinator_client.get(reverse("offers_offer_modeladmin_inspect", args=[offer.pk]))

    assertContains(response, "Retour à la liste")
    assertNotContains(response, "liste de offre")


@pytest.mark.parametrize(("duos", "count_label"), [(0, "0 duo"), (1, "1 duo"), (2, "2 duos")])
def test_listing_count_follows_the_french_plural_rule(coordinator_client, duos, count_label):
    DuoFactory.create_batch(duos)

    response = coordinator_client.get(DUOS_URL)

    assert response.context["paginator"].items_count_label == count_label
