"""The word search of the offers (offers/search.py): the public search, the SA's « Offres »
and the admin offers listing find the same offers on SQLite (`icontains`) and PostgreSQL
(full-text, French, accents ignored, by the indexes of offers/0007)."""

import pytest
from django.db import connection
from django.test import Client

from offers.models import Offer
from offers.search import prefix_query, search_offers, search_offers_or_structures
from tests.factories import OfferFactory, StructureFactory
from tests.html_text import text_of

pytestmark = pytest.mark.django_db

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's full-text search only"
)


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


@pytest.fixture
def offers(current_edition):
    return {
        "reception": OfferFactory(title="Agent d'accueil", commune="Lyon"),
        "bakery": OfferFactory(title="Vendeur", description="Boulangerie du quartier."),
        "garden": OfferFactory(title="Jardinier", commune="Villeurbanne"),
    }


def test_a_word_of_the_title_finds_its_offer_whatever_its_case(offers):
    assert titles(search_offers(Offer.objects.all(), "ACCUEIL")) == ["Agent d'accueil"]


def test_the_beginning_of_a_word_of_the_description_finds_its_offer(offers):
    assert titles(search_offers(Offer.objects.all(), "boulang")) == ["Vendeur"]


def test_the_commune_finds_its_offer(offers):
    assert titles(search_offers(Offer.objects.all(), "villeurbanne")) == ["Jardinier"]


def test_an_empty_search_keeps_every_offer(offers):
    assert len(titles(search_offers(Offer.objects.all(), "  "))) == 3


def test_a_word_found_nowhere_finds_nothing(offers):
    assert titles(search_offers(Offer.objects.all(), "astronaute")) == []


def test_the_admin_search_finds_offers_by_their_structure_name(offers):
    structure = StructureFactory(name="Boulangerie Dupont")
    OfferFactory(title="Apprenti", structure=structure)

    assert titles(search_offers_or_structures(Offer.objects.all(), "Dupont")) == ["Apprenti"]


def test_the_admin_search_requires_every_word(offers):
    found = search_offers_or_structures(Offer.objects.all(), "agent accueil")
    assert titles(found) == ["Agent d'accueil"]
    assert titles(search_offers_or_structures(Offer.objects.all(), "agent jardin")) == []


def test_the_search_is_usable_as_a_subquery(offers):
    matching = search_offers(Offer.objects.all(), "accueil")

    assert titles(Offer.objects.filter(pk__in=matching.values("pk"))) == ["Agent d'accueil"]


def test_the_public_search_page_finds_by_word(site_tree, offers):
    page = text_of(Client().get("/offres/", {"q": "boulang"}))

    assert "Vendeur" in page
    assert "Jardinier" not in page


def test_what_a_visitor_types_cannot_break_the_query():
    assert prefix_query("l'accueil & | ! :* (") == "l:* & accueil:*"
    assert prefix_query("&|!") is None


@pytest.mark.parametrize("typed", ["&|!", "'", ":*"])
def test_punctuation_alone_answers_without_error(site_tree, offers, typed):
    assert Client().get("/offres/", {"q": typed}).status_code == 200


@pytest.mark.postgresql
@only_on_postgresql
def test_postgresql_ignores_accents_both_ways(offers):
    OfferFactory(title="Employé de libre-service")

    assert titles(search_offers(Offer.objects.all(), "employe")) == ["Employé de libre-service"]
    assert titles(search_offers(Offer.objects.all(), "jardiniér")) == ["Jardinier"]


@pytest.mark.postgresql
@only_on_postgresql
def test_postgresql_uses_the_text_search_index(offers):
    queryset = search_offers(Offer.objects.order_by(), "accueil")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # So few rows that a scan would win: only an index answering the condition is left.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "offer_text_search" in plan
