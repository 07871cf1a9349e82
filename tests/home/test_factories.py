"""Each factory of the public site's pages and settings builds a live page that renders.

The page types with `max_count = 1` already exist in the test database (`setup_site`): the
tests delete the site's one first, as an editor would have to, and check that the admin would
then allow a new one there.
"""

import pytest
from pytest_django.asserts import assertContains
from wagtail.models import Page, Site

from documents.models import ResourcesPage
from home.models import (
    AccessibilityPage,
    ContactPage,
    ContactSettings,
    FooterSettings,
    HomePage,
    OfferSearchPage,
)
from tests.factories import (
    AccessibilityPageFactory,
    ContactFormFieldFactory,
    ContactPageFactory,
    ContactSettingsFactory,
    FaqPageFactory,
    FooterSettingsFactory,
    GuidePageFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OfferSearchPageFactory,
    ResourcesPageFactory,
    StandardPageFactory,
)
from tests.html_text import text_of


@pytest.fixture
def home(site_tree):
    return site_tree["home"]


def make_room_for(model, parent):
    """Delete the site's only page of `model`, so that a new one may go under `parent`."""
    model.objects.get().delete()
    assert model.can_create_at(parent)


def render(client, page):
    page.refresh_from_db()
    assert page.live
    response = client.get(page.url)
    assert response.status_code == 200
    return response


def test_home_page_factory_builds_a_site_root(client, home):
    # Deleting the home page takes the whole tree and the default site with it.
    make_room_for(HomePage, Page.get_first_root_node())
    new_home = HomePageFactory(hero_title="Bienvenue au DuoDay")
    Site.objects.create(
        hostname="localhost", root_page=new_home, is_default_site=True, site_name="DuoDay"
    )

    response = render(client, new_home)

    assert new_home.url == "/"
    assert "Bienvenue au DuoDay" in text_of(response)


def test_news_index_page_factory_lists_its_articles(client, home):
    index = NewsIndexPageFactory(title="Communiqués")
    NewsPageFactory(parent=index, title="Les inscriptions sont ouvertes")

    response = render(client, index)

    assert index.get_parent().specific == home
    assert "Les inscriptions sont ouvertes" in text_of(response)


def test_faq_page_factory_shows_its_question(client, home):
    faq = FaqPageFactory()

    response = render(client, faq)

    assert "Quand a lieu le DuoDay ?" in text_of(response)


def test_guide_page_factory_shows_its_sections(client, home):
    guide = GuidePageFactory()

    response = render(client, guide)

    page = text_of(response)
    assert "Publier une offre" in page
    assert "Qui voit mes offres ?" in page


def test_contact_page_factory_shows_its_form(client, home):
    make_room_for(ContactPage, home)
    contact = ContactPageFactory()

    response = render(client, contact)

    assertContains(response, '<textarea name="message"')


def test_contact_form_field_factory_adds_a_field_to_the_form(client, home):
    make_room_for(ContactPage, home)
    contact = ContactPageFactory()
    ContactFormFieldFactory(page=contact, label="Structure", sort_order=0)

    response = render(client, contact)

    assertContains(response, 'name="structure"')
    assert [field.label for field in contact.get_form_fields()] == ["Structure", "Message"]


def test_accessibility_page_factory_states_the_compliance(client, home):
    make_room_for(AccessibilityPage, home)
    statement = AccessibilityPageFactory(compliance_status="non")

    response = render(client, statement)

    assert "Le portail DuoDay est non conforme" in text_of(response)


def test_offer_search_page_factory_serves_the_search(client, home):
    make_room_for(OfferSearchPage, home)
    search = OfferSearchPageFactory(intro="Toutes les offres ouvertes.")

    response = render(client, search)

    assert "Toutes les offres ouvertes." in text_of(response)


def test_resources_page_factory_serves_the_resources(client, home):
    make_room_for(ResourcesPage, home)
    resources = ResourcesPageFactory(intro="Le kit de communication.")

    response = render(client, resources)

    assert "Le kit de communication." in text_of(response)


def test_contact_settings_factory_changes_the_footer(client, home):
    settings = ContactSettingsFactory(phone="01 02 03 04 05", email="duoday@exemple.fr")

    response = client.get("/")

    assert ContactSettings.objects.get() == settings
    assert "Contactez-nous au 01 02 03 04 05 ou par e-mail à duoday@exemple.fr." in text_of(
        response
    )


def test_footer_settings_factory_links_the_given_page_and_keeps_the_others(client, home):
    legal = StandardPageFactory(title="Mentions", slug="mentions")
    accessibility = FooterSettings.objects.get().accessibility_page

    settings = FooterSettingsFactory(legal_notice_page=legal)

    response = client.get("/")
    assert FooterSettings.objects.get() == settings
    assert settings.accessibility_page == accessibility
    assertContains(response, '<a class="fr-footer__bottom-link" href="/mentions/">')
