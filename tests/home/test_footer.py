"""The footer: its settings come with their three legal pages in one query; rendered once
and kept in the shared cache, it is the same for everyone and follows the editors' changes."""

from bs4 import BeautifulSoup
from django.test import Client

from home.models import AccessibilityPage, FooterSettings
from tests.factories import ReferentFactory
from tests.html_text import text_of


def test_footer_settings_and_their_pages_are_one_query(site_tree, django_assert_num_queries):
    site = site_tree["home"].get_site()

    with django_assert_num_queries(1):
        footer = FooterSettings.for_site(site)
        titles = [
            footer.accessibility_page.title,
            footer.legal_notice_page.title,
            footer.personal_data_page.title,
        ]

    assert all(titles)


def test_the_footer_is_the_same_for_a_visitor_and_a_referent(site_tree, client):
    """The footer is kept rendered in the shared cache (home/templatetags/navigation_tags.py):
    it must never hold anything of the person who rendered it first."""
    referent = ReferentFactory(first_name="Zoé", last_name="Particulière")
    client.force_login(referent)
    logged_in = footer_of(client.get("/espace/ressources/"))

    visitor = footer_of(Client().get("/"))

    assert logged_in == visitor
    assert "Particulière" not in logged_in
    assert "csrfmiddlewaretoken" not in logged_in


def footer_of(response):
    return str(BeautifulSoup(response.content, "html.parser").find("footer"))


def test_publishing_the_accessibility_page_changes_the_footer_already_shown(site_tree, client):
    assert "Accessibilité : partiellement conforme" in text_of(client.get("/"))
    page = AccessibilityPage.objects.get()
    page.compliance_status = AccessibilityPage.ComplianceStatus.FULL
    page.save_revision().publish()

    assert "Accessibilité : totalement conforme" in text_of(Client().get("/faq/"))
