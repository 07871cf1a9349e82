"""Offer lists stop at `MAX_PAGES` pages (offers/pagination.py): a deeper page shows the
last allowed one, with a French invitation to refine the search; the count stays true."""

import pytest
from django.test import Client
from django.urls import reverse

from offers import pagination
from offers.pagination import CappedPaginator
from tests.factories import OfferFactory
from tests.html_text import text_of

REFINE = "Seules les 2 premières pages de résultats sont affichées : affinez votre recherche"


def test_the_paginator_stops_at_its_cap_and_keeps_the_true_count():
    paginator = CappedPaginator(list(range(100)), 20, max_pages=2)

    assert paginator.count == 100
    assert paginator.num_pages == 2
    assert paginator.is_capped
    assert paginator.get_page(4000).number == 2
    assert list(paginator.get_page(4000)) == list(range(20, 40))


def test_a_short_list_is_not_capped():
    paginator = CappedPaginator(list(range(30)), 20, max_pages=2)

    assert paginator.num_pages == 2
    assert not paginator.is_capped


@pytest.fixture
def two_pages_at_most(monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", 2)


def test_the_public_search_beyond_its_cap_asks_to_refine(site_tree, two_pages_at_most):
    OfferFactory.create_batch(41)

    page = text_of(Client().get("/offres/", {"page": 3}))

    assert "41 offres ouvertes" in page
    assert REFINE in page


def test_the_first_pages_do_not_ask_to_refine(site_tree, two_pages_at_most):
    OfferFactory.create_batch(41)

    assert REFINE not in text_of(Client().get("/offres/", {"page": 1}))


def test_the_sa_offers_beyond_its_cap_ask_to_refine(client, support_referent, two_pages_at_most):
    OfferFactory.create_batch(41)
    client.force_login(support_referent)

    assert REFINE in text_of(client.get(reverse("offers:list"), {"page": 9}))
