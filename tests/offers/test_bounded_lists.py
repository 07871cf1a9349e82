"""Lists paginated to a bounded depth and counted to a bounded number
(portal/pagination.py, issue 10): a deeper page shows the last allowed one with a French
invitation to refine the search, and the count stops one row past the pages shown (« Plus de
40 offres »), in the public search, the personal lists and the coordinators' listings."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offers.admin_listings import OfferAdmin
from offers.models import Offer
from portal import admin as portal_admin
from portal import pagination
from portal.pagination import CappedPaginator
from tests.factories import OfferFactory, StructureFactory, UserFactory
from tests.html_text import soup, text_of

REFINE = "Seules les 2 premières pages de résultats sont affichées : affinez votre recherche"


def test_the_paginator_stops_at_its_cap_and_counts_one_row_past_it():
    paginator = CappedPaginator(list(range(100)), 20, max_pages=2)

    assert paginator.count == 41
    assert paginator.num_pages == 2
    assert paginator.is_capped
    assert paginator.get_page(4000).number == 2
    assert list(paginator.get_page(4000)) == list(range(20, 40))


def test_a_short_list_is_counted_exactly_and_not_capped():
    paginator = CappedPaginator(list(range(30)), 20, max_pages=2)

    assert paginator.count == 30
    assert paginator.num_pages == 2
    assert not paginator.is_capped


def test_a_list_exactly_as_long_as_its_pages_is_not_capped():
    paginator = CappedPaginator(list(range(40)), 20, max_pages=2)

    assert paginator.count == 40
    assert not paginator.is_capped


@pytest.mark.django_db
def test_a_queryset_is_counted_without_sorting_and_no_further_than_the_cap(current_edition):
    OfferFactory.create_batch(5)
    paginator = CappedPaginator(Offer.objects.order_by("-created_at"), 2, max_pages=1)

    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 3

    (count,) = queries.captured_queries
    sql = count["sql"].upper()
    assert "LIMIT 3" in sql
    assert "ORDER BY" not in sql


def test_the_limit_reads_as_in_french():
    spaces = {"\N{NO-BREAK SPACE}", "\N{NARROW NO-BREAK SPACE}", " "}

    shown = CappedPaginator([], 20).limit_display

    assert shown[0] == "1" and shown[1] in spaces and shown[2:] == "000"


@pytest.fixture
def two_pages_at_most(monkeypatch):
    monkeypatch.setattr(pagination, "MAX_PAGES", 2)


def test_the_public_search_beyond_its_cap_says_more_and_asks_to_refine(
    site_tree, two_pages_at_most
):
    OfferFactory.create_batch(41)

    page = text_of(Client().get("/offres/", {"page": 3}))

    assert "Plus de 40 offres ouvertes" in page
    assert REFINE in page


def test_the_public_search_within_its_cap_counts_exactly(site_tree, two_pages_at_most):
    OfferFactory.create_batch(40)

    page = text_of(Client().get("/offres/", {"page": 2}))

    assert "40 offres ouvertes" in page
    assert "Plus de" not in page
    assert REFINE not in page


def test_the_first_pages_do_not_ask_to_refine(site_tree, two_pages_at_most):
    OfferFactory.create_batch(41)

    assert REFINE not in text_of(Client().get("/offres/", {"page": 1}))


def test_the_sa_offers_beyond_its_cap_say_more_and_ask_to_refine(
    client, support_referent, two_pages_at_most
):
    OfferFactory.create_batch(41)
    client.force_login(support_referent)

    page = text_of(client.get(reverse("offers:list"), {"page": 9}))

    assert "Plus de 40 offres" in page
    assert REFINE in page


def test_the_support_directory_beyond_its_cap_says_more_and_asks_to_refine(
    client, employer, two_pages_at_most
):
    department = employer.structure.department
    StructureFactory.create_batch(41, support=True, validated=True, served_departments=[department])
    client.force_login(employer)

    page = text_of(client.get(reverse("directory:support_directory"), {"page": 3}))

    assert "Plus de 40 structures trouvées" in page
    assert "pour voir les autres structures" in page


@pytest.fixture
def one_admin_page_of_two_rows(monkeypatch):
    monkeypatch.setattr(portal_admin.FrenchPaginator, "max_pages", 1)
    monkeypatch.setattr(OfferAdmin, "list_per_page", 2)


@pytest.mark.django_db
def test_the_admin_search_counts_no_further_than_its_pages(
    client, current_edition, one_admin_page_of_two_rows
):
    OfferFactory.create_batch(4, title="Agent d'accueil")
    OfferFactory(title="Jardinier")
    client.force_login(UserFactory(coordinator=True))

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/offers/offer/", {"q": "accueil"})

    assert response.status_code == 200
    page = text_of(response)
    assert "Plus de 2 offres" in page
    header = soup(response).select_one(".w-header__description")
    assert " ".join(header.get_text().split()) == "plus de 2 sur 5"
    assert len(response.context["object_list"]) == 2
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert any("LIMIT 3" in sql.upper() for sql in counts)


@pytest.mark.django_db
def test_the_whole_admin_listing_keeps_its_exact_count(
    client, current_edition, one_admin_page_of_two_rows
):
    OfferFactory.create_batch(5)
    client.force_login(UserFactory(coordinator=True))

    page = text_of(client.get("/admin/offers/offer/"))

    assert "5 offres (les 1 premières pages : filtrez, cherchez ou exportez" in page
    assert "Plus de" not in page
