"""« Coordonnées »: the contact phone and e-mail of the footer, edited in the admin."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from home.models import ContactSettings
from tests.factories import UserFactory
from tests.html_text import soup, text_of

FOOTER_CONTACT = "Une question ? Contactez-nous au {phone} ou par e-mail à {email}."


def footer_contact_of(response):
    """The footer's contact sentence, e.g. « Une question ? Contactez-nous au … »."""
    match = re.search(
        r"Une question \? Contactez-nous au .+? ou par e-mail à \S+\.", text_of(response)
    )
    return match and match.group()


def test_footer_shows_the_default_phone_and_email(client, site_tree):
    response = client.get("/")

    assert footer_contact_of(response) == FOOTER_CONTACT.format(
        phone="0 800 386 329", email="contact@duoday.fr"
    )


def test_footer_phone_link_dials_the_international_number(client, site_tree):
    response = client.get("/")

    assert soup(response).select_one("footer").select('a[href="tel:+33800386329"]')


@pytest.mark.parametrize("url", ["/", "/faq/", "/contact/", "/ressources/", "/connexion/"])
def test_footer_shows_the_phone_and_email_changed_in_the_settings(client, site_tree, url):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "01 23 45 67 89"
    contact.email = "duoday@exemple.fr"
    contact.save()

    response = client.get(url)

    assert footer_contact_of(response) == FOOTER_CONTACT.format(
        phone="01 23 45 67 89", email="duoday@exemple.fr"
    )


def test_personal_space_footer_shows_the_phone_changed_in_the_settings(client, site_tree):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "01 23 45 67 89"
    contact.save()
    client.force_login(UserFactory())

    response = client.get("/espace/ressources/")

    assert "Contactez-nous au 01 23 45 67 89" in text_of(response)


def test_editor_changes_the_footer_phone_in_the_admin(client, site_tree):
    site = Site.objects.get(is_default_site=True)
    client.force_login(UserFactory(editor=True))

    response = client.post(
        reverse("wagtailsettings:edit", args=["home", "contactsettings", site.pk]),
        {"phone": "01 40 00 00 00", "email": "equipe@duoday.fr"},
    )

    assert response.status_code == 302
    assert footer_contact_of(client.get("/")) == FOOTER_CONTACT.format(
        phone="01 40 00 00 00", email="equipe@duoday.fr"
    )


def test_editor_opens_the_contact_settings_form(client, site_tree):
    site = Site.objects.get(is_default_site=True)
    client.force_login(UserFactory(editor=True))

    response = client.get(
        reverse("wagtailsettings:edit", args=["home", "contactsettings", site.pk])
    )

    assert response.status_code == 200
    assert "0 800 386 329" in response.content.decode()


@pytest.mark.parametrize("url", ["/guide-employeurs/", "/accessibilite/", "/donnees-personnelles/"])
def test_pages_citing_the_contact_show_the_phone_changed_in_the_settings(client, site_tree, url):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "01 23 45 67 89"
    contact.email = "duoday@exemple.fr"
    contact.save()

    page_text = text_of(client.get(url))

    assert "0 800 386 329" not in page_text
    assert "contact@duoday.fr" not in page_text
    assert page_text.count("01 23 45 67 89") >= 2  # the page's content and the footer


@pytest.mark.parametrize(
    ("phone", "uri"),
    [("0 800 386 329", "tel:+33800386329"), ("+33 1 23 45 67 89", "tel:+33123456789")],
)
def test_phone_link_is_an_international_number(phone, uri):
    assert ContactSettings(phone=phone).phone_uri == uri


def test_a_footer_already_shown_changes_with_the_settings(client, site_tree):
    """The footer is kept rendered in the shared cache (home/templatetags/navigation_tags.py):
    an editor's change must show on the next page all the same."""
    client.force_login(UserFactory())
    assert "Contactez-nous au 0 800 386 329" in text_of(client.get("/espace/ressources/"))
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "01 23 45 67 89"
    contact.save()

    assert "Contactez-nous au 01 23 45 67 89" in text_of(client.get("/espace/ressources/"))
