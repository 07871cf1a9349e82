"""The contact page's form: stored in the admin, e-mailed to the team, French errors."""

import pytest
from django.core import mail
from pytest_django.asserts import assertContains
from wagtail.contrib.forms.models import FormSubmission

from home.models import ContactPage
from tests.html_text import text_of

VALID_MESSAGE = {
    "nom_et_prenom": "Camille Durand",
    "adresse_e_mail": "camille.durand@exemple.fr",
    "structure": "ESAT des Tilleuls",
    "objet": "Inscription",
    "message": "Bonjour, comment inscrire notre structure ?",
}


def field_error(field_name, message):
    return (
        f'<div class="fr-messages-group" id="id_{field_name}-error" aria-live="polite">'
        f'<p class="fr-message fr-message--error">{message}</p></div>'
    )


@pytest.fixture
def contact_page(site_tree):
    return ContactPage.objects.get()


def test_valid_message_is_stored(client, contact_page):
    client.post(contact_page.url, VALID_MESSAGE)

    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.get_data()["objet"] == "Inscription"


def test_valid_message_is_emailed_once_to_the_page_address(client, contact_page):
    client.post(contact_page.url, VALID_MESSAGE)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["contact@duoday.fr"]
    assert mail.outbox[0].subject == "[DuoDay] Nouveau message depuis le formulaire de contact"
    assert "Message: Bonjour, comment inscrire notre structure ?" in mail.outbox[0].body


def test_valid_message_shows_the_thank_you_page(client, contact_page):
    response = client.post(contact_page.url, VALID_MESSAGE)

    assert response.status_code == 200
    assert "Votre message a bien été envoyé. Merci, nous vous répondrons rapidement." in text_of(
        response
    )


def test_message_goes_to_the_address_the_editor_set(client, contact_page):
    contact_page.to_address = "equipe@duoday.fr, coordination@duoday.fr"
    contact_page.save()

    client.post(contact_page.url, VALID_MESSAGE)

    assert mail.outbox[0].to == ["equipe@duoday.fr", "coordination@duoday.fr"]


def test_missing_required_field_shows_a_french_error_next_to_it(client, contact_page):
    response = client.post(contact_page.url, {**VALID_MESSAGE, "objet": ""})

    # Wagtail's French catalogue, loaded before Django's, words it « Champ requis. ».
    assertContains(response, field_error("objet", "Champ requis."), html=True)


def test_invalid_email_shows_a_french_error_next_to_the_field(client, contact_page):
    response = client.post(contact_page.url, {**VALID_MESSAGE, "adresse_e_mail": "camille@"})

    assertContains(
        response,
        field_error("adresse_e_mail", "Saisissez une adresse de courriel valide."),
        html=True,
    )


def test_invalid_message_keeps_what_was_typed(client, contact_page):
    response = client.post(
        contact_page.url, {**VALID_MESSAGE, "objet": "", "adresse_e_mail": "camille@"}
    )

    assertContains(response, 'value="Camille Durand"')
    assertContains(response, 'value="camille@"')
    assertContains(response, "Bonjour, comment inscrire notre structure ?</textarea>")


def test_invalid_message_is_neither_stored_nor_emailed(client, contact_page):
    client.post(contact_page.url, {**VALID_MESSAGE, "nom_et_prenom": "", "adresse_e_mail": "x"})

    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_message_to_the_team_has_the_visitors_address_as_reply_to(client, contact_page):
    client.post(contact_page.url, VALID_MESSAGE)

    assert mail.outbox[0].reply_to == ["camille.durand@exemple.fr"]
    assert mail.outbox[0].from_email == "ne-pas-repondre@duoday.fr"


def test_message_without_an_email_field_has_no_reply_to(client, contact_page):
    contact_page.form_fields.filter(field_type="email").update(required=False)

    client.post(contact_page.url, {**VALID_MESSAGE, "adresse_e_mail": ""})

    assert mail.outbox[0].reply_to == []
