"""The lists' pagination (templates/dsfr/pagination.html): the links that lead nowhere are
marked disabled, as the DSFR asks, not left as grey text."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def pagination_links(response):
    nav = BeautifulSoup(response.content, "html.parser").find("nav", class_="fr-pagination")
    return {
        " ".join(link.get_text().split()): link
        for link in nav.find_all("a", class_="fr-pagination__link")
    }


def test_first_page_has_disabled_previous_links_and_live_next_ones(client, employer):
    OfferFactory.create_batch(21, structure=employer.structure, referent=employer)
    client.force_login(employer)

    links = pagination_links(client.get(reverse("offers:list")))

    for label in ["Première page", "Page précédente"]:
        assert links[label].get("aria-disabled") == "true"
        assert links[label].get("href") is None
    assert links["Page suivante"]["href"].endswith("page=2")
    assert links["1 / 2"].get("aria-current") == "page"


def test_last_page_has_disabled_next_links_and_keeps_the_filters(client, employer):
    OfferFactory.create_batch(21, structure=employer.structure, referent=employer)
    client.force_login(employer)

    links = pagination_links(client.get(reverse("offers:list"), {"q": "Offre", "page": 2}))

    for label in ["Page suivante", "Dernière page"]:
        assert links[label].get("aria-disabled") == "true"
    assert links["Page précédente"]["href"] == "?q=Offre&page=1"
