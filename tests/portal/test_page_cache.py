"""Visitors' public pages from the shared cache (portal/page_cache.py): stored for the
next visitor, never for or from a person with a session, purged by publishing and by any
change to the offers."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import ContactPage, FaqPage
from offers import workflow
from portal import page_cache
from portal.page_cache import GENERATION_KEY, HIT_HEADER
from tests.factories import InterestFactory, OfferFactory, ReferentFactory

SEARCH = "/offres/"


@pytest.fixture
def visitor():
    return Client()


def test_second_visitor_gets_the_stored_page_without_any_query(
    site_tree, client, django_assert_num_queries
):
    OfferFactory(title="Hôte en accueil")
    first = client.get(SEARCH)
    assert first[HIT_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = Client().get(SEARCH)

    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "Hôte en accueil" in second.content.decode()


def test_the_search_with_words_is_stored_under_its_own_address(site_tree, client):
    OfferFactory(title="Hôte en accueil")
    OfferFactory(title="Boulanger")
    client.get(f"{SEARCH}?q=boulanger")

    response = Client().get(f"{SEARCH}?q=accueil")

    assert response[HIT_HEADER] == "miss"
    assert "Hôte en accueil" in response.content.decode()
    assert "Boulanger" not in response.content.decode()
    assert Client().get(f"{SEARCH}?q=boulanger")[HIT_HEADER] == "hit"


@pytest.mark.parametrize("url", ["/", "/faq/", "/actualites/", SEARCH])
def test_visitors_pages_say_they_vary_with_the_cookie_and_must_be_revalidated(
    site_tree, client, url
):
    for response in (client.get(url), Client().get(url)):
        assert response.status_code == 200
        assert "Cookie" in response["Vary"]
        assert "max-age=0" in response["Cache-Control"]
        assert "private" not in response["Cache-Control"]


def test_a_logged_in_referent_never_gets_the_stored_page(site_tree, client):
    client.get("/")
    referent = ReferentFactory()
    client.force_login(referent)

    response = client.get("/")

    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_a_logged_in_referent_never_fills_the_cache(site_tree, client, django_assert_num_queries):
    client.force_login(ReferentFactory())
    client.get("/")

    response = Client().get("/")

    assert response[HIT_HEADER] == "miss"


def test_a_visitor_with_pending_messages_goes_past_the_cache(site_tree):
    Client().get("/")
    visitor = Client()
    visitor.cookies["messages"] = "anything"

    assert HIT_HEADER not in visitor.get("/")


def test_publishing_a_page_purges_the_stored_pages(site_tree, client):
    faq = FaqPage.objects.get()
    client.get(faq.url)
    assert Client().get(faq.url)[HIT_HEADER] == "hit"

    faq.title = "Questions souvent posées"
    revision = faq.save_revision()
    revision.publish()

    response = Client().get(faq.url)
    assert response[HIT_HEADER] == "miss"
    assert "Questions souvent posées" in response.content.decode()


def test_unpublishing_a_page_purges_the_stored_pages(site_tree, client):
    faq = FaqPage.objects.get()
    url = faq.url
    client.get(url)

    faq.unpublish()

    assert Client().get(url).status_code == 404


def test_a_new_offer_purges_the_stored_search(site_tree, client):
    client.get(SEARCH)

    OfferFactory(title="Fleuriste en boutique")

    response = Client().get(SEARCH)
    assert response[HIT_HEADER] == "miss"
    assert "Fleuriste en boutique" in response.content.decode()


def test_a_workflow_transition_purges_the_stored_search(site_tree, client):
    interest = InterestFactory()
    offer = interest.offer
    client.get(SEARCH)
    assert Client().get(SEARCH)[HIT_HEADER] == "hit"

    referent = ReferentFactory(structure=interest.structure)
    workflow.form_duo(offer, interest.structure, referent, "Léa", "Martin")

    assert Client().get(SEARCH)[HIT_HEADER] == "miss"


def test_a_transition_purges_at_its_commit_once(
    site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    """Its interest and its offer each send a signal: each purges now, and the commit
    once (three Redis writes per transition, not four: bench/transitions.py)."""
    from portal import page_cache

    interest = InterestFactory()
    writes = []
    real = page_cache._new_generation
    monkeypatch.setattr(page_cache, "_new_generation", lambda: writes.append(real()))

    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw_interest(interest.offer, interest.structure)

    assert len(writes) == 3


def test_an_import_purges_the_stored_search(site_tree, client):
    from offers.models import Offer

    template = OfferFactory(title="Modèle")
    client.get(SEARCH)
    copy = Offer(
        **{
            field.attname: getattr(template, field.attname)
            for field in Offer._meta.concrete_fields
            if not field.primary_key
        }
    )
    copy.title = "Offre importée"

    workflow.import_offers(template.structure, [copy], template.referent)

    response = Client().get(SEARCH)
    assert response[HIT_HEADER] == "miss"
    assert "Offre importée" in response.content.decode()


def test_the_contact_page_is_never_stored_and_its_form_still_works(site_tree):
    contact = ContactPage.objects.get()
    first = Client(enforce_csrf_checks=True)
    first.get(contact.url)

    second = Client(enforce_csrf_checks=True)
    response = second.get(contact.url)

    assert HIT_HEADER not in response
    token = response.context["csrf_token"]
    posted = second.post(
        contact.url,
        {
            "csrfmiddlewaretoken": str(token),
            "nom_et_prenom": "Camille Durand",
            "adresse_e_mail": "camille.durand@exemple.fr",
            "structure": "ESAT des Tilleuls",
            "objet": "Inscription",
            "message": "Bonjour",
        },
    )
    assert posted.status_code != 403


def test_personal_space_and_admin_are_never_stored(site_tree):
    for url in ("/connexion/", "/admin/login/"):
        Client().get(url)
        assert HIT_HEADER not in Client().get(url)


# What every page shows (the site, the menu, the footer's settings) from the shared cache


def site_queries(queries):
    return [q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]


@pytest.fixture
def referent_client(client):
    client.force_login(ReferentFactory())
    return client


def test_a_personal_page_finds_its_site_in_the_shared_cache(site_tree, referent_client):
    referent_client.get("/espace/compte/")

    with CaptureQueriesContext(connection) as queries:
        response = referent_client.get("/espace/compte/")

    assert response.status_code == 200
    assert site_queries(queries) == []
    assert response.context["menu_items"]


def test_saving_the_site_purges_it_from_the_shared_cache(site_tree, referent_client):
    referent_client.get("/espace/compte/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "DuoDay national"
    site.save()

    with CaptureQueriesContext(connection) as queries:
        referent_client.get("/espace/compte/")

    assert site_queries(queries)  # looked up again


def test_a_request_reads_the_cache_generation_once(site_tree, referent_client, monkeypatch):
    referent_client.get("/espace/compte/")
    reads = []
    get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)

    referent_client.get("/espace/compte/")

    assert reads.count(GENERATION_KEY) == 1
    assert any(":fragment:" in key for key in reads)


def test_a_purge_during_a_request_is_seen_by_the_rest_of_it(site_tree):
    request_memo = page_cache._request_memo
    token = request_memo.set({})
    try:
        before = page_cache._generation()
        page_cache.purge()
        after = page_cache._generation()
    finally:
        request_memo.reset(token)

    assert after != before
    assert after == cache.get(GENERATION_KEY)
