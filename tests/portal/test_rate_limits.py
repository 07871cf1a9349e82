"""Rate limits on every form that sends e-mail, with production's settings behind the load
balancer: per client address and per target address; a refused request sends nothing,
saves nothing, and gets its form back with a French message."""

import pytest
from django.test import RequestFactory
from django.utils import timezone
from pytest_django.asserts import assertContains
from wagtail.contrib.forms.models import FormSubmission

from directory.models import Invitation, Structure
from directory.validators import siret_for
from home.models import ContactPage
from portal.rate_limits import refusal
from tests.factories import (
    DEFAULT_PASSWORD,
    InvitationFactory,
    ReferentFactory,
    UserFactory,
)
from tests.html_text import text_of

TOO_MANY_FOR_THE_ADDRESS = (
    "Trop de demandes pour cette adresse e-mail en peu de temps : rien n’a été envoyé."
)
TOO_MANY_FROM_THE_CLIENT = (
    "Trop de demandes depuis votre connexion en peu de temps : rien n’a été envoyé."
)


def limit(settings, scope, kind):
    return int(settings.RATE_LIMITS[scope][kind].split("/")[0])


@pytest.fixture
def post(production_client, django_capture_on_commit_callbacks):
    """POST as the client whose address the load balancer appended, e-mails sent."""

    def post_from(url, data, client_address="203.0.113.5", client=production_client):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, HTTP_X_FORWARDED_FOR=f"198.51.100.1, {client_address}")

    return post_from


# « Mot de passe oublié »

PASSWORD_RESET = "/mot-de-passe/oubli/"


@pytest.fixture
def account(db):
    return UserFactory(email="camille.durand@exemple.fr")


def test_password_reset_is_limited_per_target_address(
    post, production_settings, account, mailoutbox
):
    allowed = limit(production_settings, "password_reset", "email")
    for _request in range(allowed):
        post(PASSWORD_RESET, {"email": "camille.durand@exemple.fr"})
    assert len(mailoutbox) == allowed

    response = post(PASSWORD_RESET, {"email": "Camille.Durand@exemple.fr"}, "203.0.113.6")

    assert TOO_MANY_FOR_THE_ADDRESS in text_of(response)
    assert "Réessayez dans" in text_of(response)
    assert len(mailoutbox) == allowed


def test_a_refused_password_reset_keeps_the_typed_address(post, production_settings, account):
    for _request in range(limit(production_settings, "password_reset", "email")):
        post(PASSWORD_RESET, {"email": "camille.durand@exemple.fr"})

    response = post(PASSWORD_RESET, {"email": "camille.durand@exemple.fr"})

    assertContains(response, 'value="camille.durand@exemple.fr"')


def test_password_reset_is_limited_per_client_address(
    post, production_settings, account, mailoutbox
):
    for number in range(limit(production_settings, "password_reset", "client")):
        post(PASSWORD_RESET, {"email": f"personne{number}@exemple.fr"})

    response = post(PASSWORD_RESET, {"email": "camille.durand@exemple.fr"})

    assert TOO_MANY_FROM_THE_CLIENT in text_of(response)
    assert mailoutbox == []


def test_another_client_still_resets_its_password(post, production_settings, account, mailoutbox):
    for number in range(limit(production_settings, "password_reset", "client")):
        post(PASSWORD_RESET, {"email": f"personne{number}@exemple.fr"})

    response = post(PASSWORD_RESET, {"email": "camille.durand@exemple.fr"}, "203.0.113.6")

    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["camille.durand@exemple.fr"]]


def test_invalid_submissions_do_not_count(post, production_settings, account, mailoutbox):
    for _request in range(limit(production_settings, "password_reset", "client") + 1):
        post(PASSWORD_RESET, {"email": "camille.durand@"})

    post(PASSWORD_RESET, {"email": "camille.durand@exemple.fr"})

    assert len(mailoutbox) == 1


# « Recevoir à nouveau le lien de confirmation »

RESEND_CONFIRMATION = "/inscription/renvoyer/"


def test_confirmation_resend_is_limited_per_target_address(
    post, production_settings, db, mailoutbox
):
    # A registrant still waiting for the confirmation link sent at registration.
    ReferentFactory(
        email="camille.durand@exemple.fr",
        is_active=False,
        email_confirmed_at=None,
        confirmation_sent_at=timezone.now(),
    )
    allowed = limit(production_settings, "confirmation", "email")
    for _request in range(allowed):
        post(RESEND_CONFIRMATION, {"email": "camille.durand@exemple.fr"})
    assert len(mailoutbox) == allowed

    response = post(RESEND_CONFIRMATION, {"email": "camille.durand@exemple.fr"}, "203.0.113.6")

    assert TOO_MANY_FOR_THE_ADDRESS in text_of(response)
    assert len(mailoutbox) == allowed


def test_confirmation_resend_is_limited_per_client_address(post, production_settings, db):
    for number in range(limit(production_settings, "confirmation", "client")):
        post(RESEND_CONFIRMATION, {"email": f"personne{number}@exemple.fr"})

    refused = post(RESEND_CONFIRMATION, {"email": "camille.durand@exemple.fr"})
    other_client = post(RESEND_CONFIRMATION, {"email": "camille.durand@exemple.fr"}, "203.0.113.6")

    assert TOO_MANY_FROM_THE_CLIENT in text_of(refused)
    assert TOO_MANY_FROM_THE_CLIENT not in text_of(other_client)


# « Inscription »

REGISTRATION = "/inscription/"


def registration(number):
    return {
        "kind": "employer",
        "name": f"Boulangerie n° {number}",
        "siret": siret_for(f"{20_000_000 + number:08d}"),
        "structure_type": "entreprise_privee",
        "address": "12 rue des Lilas",
        "postcode": "75011",
        "commune": "Paris",
        "structure_phone": "01 02 03 04 05",
        "first_name": "Camille",
        "last_name": "Martin",
        "email": f"camille.martin{number}@exemple.fr",
        "phone": "06 11 22 33 44",
        "job_title": "Gérante",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
    }


def test_registration_is_limited_per_client_address(post, production_settings, db, mailoutbox):
    allowed = limit(production_settings, "registration", "client")
    for number in range(allowed):
        post(REGISTRATION, registration(number))
    sent = len(mailoutbox)

    response = post(REGISTRATION, registration(allowed))

    assert TOO_MANY_FROM_THE_CLIENT in text_of(response)
    assert Structure.objects.count() == allowed
    assert len(mailoutbox) == sent
    assertContains(response, f'value="{registration(allowed)["siret"]}"')


def test_another_client_still_registers(post, production_settings, db):
    allowed = limit(production_settings, "registration", "client")
    for number in range(allowed):
        post(REGISTRATION, registration(number))

    post(REGISTRATION, registration(allowed), "203.0.113.6")

    assert Structure.objects.count() == allowed + 1


def test_registration_counts_per_target_address_whatever_its_case(production_settings, db):
    request = RequestFactory().post(REGISTRATION, REMOTE_ADDR="10.0.0.2")
    for number in range(limit(production_settings, "registration", "email")):
        request.META["HTTP_X_FORWARDED_FOR"] = f"203.0.113.{number}"
        assert refusal(request, "registration", email="camille@exemple.fr") is None

    request.META["HTTP_X_FORWARDED_FOR"] = "203.0.113.99"
    assert TOO_MANY_FOR_THE_ADDRESS in refusal(
        request, "registration", email=" Camille@Exemple.FR "
    )


# « Ajouter un référent » and « Renvoyer »

INVITE = "/espace/compte/referents/ajouter/"


@pytest.fixture
def referent(db):
    return ReferentFactory(email="camille.durand@exemple.fr")


@pytest.fixture
def logged_in(production_client, referent):
    production_client.force_login(referent)
    return production_client


def invitation_to(email):
    return {"first_name": "Alix", "last_name": "Bernard", "email": email}


def test_invitations_are_limited_per_target_address(
    post, production_settings, logged_in, mailoutbox
):
    for _request in range(limit(production_settings, "invitation", "email")):
        post(INVITE, invitation_to("alix.bernard@exemple.fr"))
    sent = len(mailoutbox)

    response = post(INVITE, invitation_to("alix.bernard@exemple.fr"))

    assert TOO_MANY_FOR_THE_ADDRESS in text_of(response)
    assert len(mailoutbox) == sent
    assertContains(response, 'value="Bernard"')


def test_invitations_are_limited_per_client_address(post, production_settings, logged_in):
    allowed = limit(production_settings, "invitation", "client")
    for number in range(allowed):
        post(INVITE, invitation_to(f"personne{number}@exemple.fr"))

    response = post(INVITE, invitation_to("alix.bernard@exemple.fr"))

    assert TOO_MANY_FROM_THE_CLIENT in text_of(response)
    assert Invitation.objects.count() == allowed


def test_resending_an_invitation_counts_towards_its_address(
    post, production_settings, logged_in, referent, mailoutbox
):
    invitation = InvitationFactory(
        structure=referent.structure, invited_by=referent, email="alix.bernard@exemple.fr"
    )
    for _request in range(limit(production_settings, "invitation", "email")):
        post(INVITE, invitation_to("alix.bernard@exemple.fr"))
    invitation = Invitation.objects.pending().get(email="alix.bernard@exemple.fr")
    sent = len(mailoutbox)

    response = post(f"/espace/compte/invitations/{invitation.pk}/renvoyer/", {})

    assert response.status_code == 302
    assert len(mailoutbox) == sent
    assert TOO_MANY_FOR_THE_ADDRESS in text_of(logged_in.get("/espace/compte/"))


# Contact form


@pytest.fixture
def contact_page(site_tree):
    return ContactPage.objects.get()


MESSAGE = {
    "nom_et_prenom": "Camille Durand",
    "adresse_e_mail": "camille.durand@exemple.fr",
    "structure": "ESAT des Tilleuls",
    "objet": "Inscription",
    "message": "Bonjour, comment inscrire notre structure ?",
}


def test_the_contact_form_is_limited_per_client_address(
    post, production_settings, contact_page, mailoutbox
):
    allowed = limit(production_settings, "contact", "client")
    for _request in range(allowed):
        post(contact_page.url, MESSAGE)

    response = post(contact_page.url, MESSAGE)

    assert TOO_MANY_FROM_THE_CLIENT in text_of(response)
    assert FormSubmission.objects.count() == allowed
    assert len(mailoutbox) == allowed
    assertContains(response, "Bonjour, comment inscrire notre structure ?")


def test_another_client_still_writes_to_the_team(
    post, production_settings, contact_page, mailoutbox
):
    allowed = limit(production_settings, "contact", "client")
    for _request in range(allowed):
        post(contact_page.url, MESSAGE)

    post(contact_page.url, MESSAGE, "203.0.113.6")

    assert FormSubmission.objects.count() == allowed + 1
