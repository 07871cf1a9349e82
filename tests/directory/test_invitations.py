"""« Ajouter un référent »: a one-use, expiring invitation link; resend and revoke."""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from directory.models import Invitation, User, invitation_token_hash
from tests.directory.helpers import field_errors, is_logged_in, link_path, login
from tests.factories import InvitationFactory, ReferentFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

INVITE_URL = "/espace/compte/referents/ajouter/"
PASSWORD = "Mon-mot-de-passe-de-referent-2026"


@pytest.fixture
def referent():
    structure = StructureFactory(name="Boulangerie Dupain")
    return ReferentFactory(
        structure=structure,
        first_name="Camille",
        last_name="Martin",
        email="camille.martin@dupain.fr",
    )


@pytest.fixture
def logged_in(client, referent):
    client.force_login(referent)
    return client


@pytest.fixture
def invitation(referent):
    return InvitationFactory(
        structure=referent.structure,
        invited_by=referent,
        email="alix.bernard@dupain.fr",
        first_name="Alix",
        last_name="Bernard",
    )


def invite(client, django_capture_on_commit_callbacks, **overrides):
    data = {"first_name": "Alix", "last_name": "Bernard", "email": "alix.bernard@dupain.fr"}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(INVITE_URL, {**data, **overrides})


def acceptance_data(**overrides):
    data = {
        "phone": "06 12 34 56 78",
        "job_title": "Responsable RH",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **overrides}


def accept_url(invitation):
    return f"/invitation/{invitation.link_token()}/"


# Inviting


def test_invitation_form_is_in_french(logged_in):
    response = logged_in.get(INVITE_URL)

    assertContains(response, "Ajouter un référent")
    assertContains(response, "Envoyer l’invitation")


def test_inviting_a_referent_sends_an_email_with_a_link(
    logged_in, mailoutbox, django_capture_on_commit_callbacks
):
    invite(logged_in, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alix.bernard@dupain.fr"]
    assert message.subject == "[DuoDay] Invitation à devenir référent(e) DuoDay"
    invitation = Invitation.objects.get()
    assert link_path(message) == accept_url(invitation)


def test_invitation_email_carries_no_text_typed_by_users(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """The address is not confirmed yet: a structure's name, the invited person's and the
    inviter's names are typed by people DuoDay has not checked, and stay out."""
    structure = StructureFactory(name="Gagnez un iPhone sur www.arnaque.example")
    inviter = ReferentFactory(
        structure=structure, first_name="Cliquez ici", last_name="http://arnaque.example"
    )
    client.force_login(inviter)

    invite(
        client,
        django_capture_on_commit_callbacks,
        first_name="Votre colis",
        last_name="bit.ly/colis",
    )

    [message] = mailoutbox
    for typed in ("iPhone", "arnaque", "Cliquez", "colis", "bit.ly"):
        assert typed not in message.subject
        assert typed not in message.body


def test_inviting_a_referent_confirms_it_on_mon_compte(
    logged_in, django_capture_on_commit_callbacks
):
    response = invite(logged_in, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    response = logged_in.get(response["Location"])
    assertContains(
        response, "Invitation envoyée à alix.bernard@dupain.fr : le lien est valable 7 jours."
    )
    assertContains(response, "Invitations en attente")


def test_invitation_expires_after_seven_days(logged_in, django_capture_on_commit_callbacks):
    before = timezone.now()

    invite(logged_in, django_capture_on_commit_callbacks)

    invitation = Invitation.objects.get()
    assert invitation.expires_at - before >= datetime.timedelta(days=7)
    assert invitation.expires_at - before < datetime.timedelta(days=7, minutes=1)


def test_inviting_an_email_that_already_has_an_account_answers_as_for_a_new_one(
    logged_in, django_capture_on_commit_callbacks
):
    UserFactory(email="alix.bernard@dupain.fr")

    response = invite(logged_in, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    response = logged_in.get(response["Location"])
    assertContains(
        response, "Invitation envoyée à alix.bernard@dupain.fr : le lien est valable 7 jours."
    )
    assertContains(response, "Alix Bernard (alix.bernard@dupain.fr)")
    assertNotContains(response, "Un compte existe déjà")


def test_inviting_an_email_that_already_has_an_account_tells_its_owner_without_a_link(
    logged_in, mailoutbox, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="alix.bernard@dupain.fr")

    invite(logged_in, django_capture_on_commit_callbacks)

    [message] = mailoutbox
    assert message.to == [owner.email]
    assert message.subject == "[DuoDay] Votre compte DuoDay"
    assert "a voulu vous inviter" in message.body
    assert "un compte DuoDay existe déjà avec cette adresse" in message.body
    assert "http://testserver/connexion/" in message.body
    assert "http://testserver/mot-de-passe/oubli/" in message.body
    assert "/invitation/" not in message.body
    assert User.objects.filter(email=owner.email).get().structure is None


def test_an_invitation_sent_to_an_existing_account_cannot_make_a_second_one(client, invitation):
    UserFactory(email=invitation.email)

    response = client.post(accept_url(invitation), acceptance_data())

    assert response.status_code == 410
    assert User.objects.filter(email=invitation.email).count() == 1


def test_inviting_with_an_invalid_email_keeps_the_typed_names(logged_in):
    response = logged_in.post(
        INVITE_URL, {"first_name": "Alix", "last_name": "Bernard", "email": "alix@"}
    )

    assert field_errors(response, "id_email") == ["Saisissez une adresse de courriel valide."]
    assertContains(response, 'value="Bernard"')


def test_inviting_the_same_email_again_revokes_the_previous_invitation(
    logged_in, invitation, django_capture_on_commit_callbacks
):
    invite(logged_in, django_capture_on_commit_callbacks)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert Invitation.objects.pending().count() == 1


# Accepting


def test_invitation_page_asks_for_a_password(client, invitation):
    response = client.get(accept_url(invitation))

    assertContains(response, "Activer mon compte")
    assertContains(response, "Vous rejoignez la structure « Boulangerie Dupain »")


def test_accepting_creates_an_active_referent_of_the_same_structure(client, invitation):
    response = client.post(accept_url(invitation), acceptance_data())

    assert response.status_code == 302
    assert response["Location"] == "/connexion/"
    user = User.objects.get(email="alix.bernard@dupain.fr")
    assert user.structure == invitation.structure
    assert user.is_active is True
    assert user.email_confirmed_at is not None
    assert (user.first_name, user.last_name) == ("Alix", "Bernard")
    assert (user.phone, user.job_title) == ("06 12 34 56 78", "Responsable RH")
    assert user.check_password(PASSWORD)


def test_accepted_invitation_is_marked_accepted(client, invitation):
    client.post(accept_url(invitation), acceptance_data())

    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_invited_referent_can_log_in_after_accepting(client, invitation):
    client.post(accept_url(invitation), acceptance_data())

    response = login(client, "alix.bernard@dupain.fr", PASSWORD)

    assert response["Location"] == "/espace/compte/"
    assert is_logged_in(client)


def test_full_invitation_path_from_mon_compte_to_login(
    client, referent, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(referent)
    invite(client, django_capture_on_commit_callbacks)
    client.logout()

    client.post(link_path(mailoutbox[0]), acceptance_data())
    login(client, "alix.bernard@dupain.fr", PASSWORD)

    response = client.get("/espace/compte/")
    assertContains(response, "<h2>Boulangerie Dupain</h2>", html=True)


def test_weak_password_is_refused_in_french_and_creates_no_account(client, invitation):
    response = client.post(
        accept_url(invitation), acceptance_data(password1="123456789012", password2="123456789012")
    )

    assert response.status_code == 200
    assert "Ce mot de passe est entièrement numérique." in field_errors(response, "id_password1")
    assertContains(response, 'value="Responsable RH"')
    assert not User.objects.filter(email="alix.bernard@dupain.fr").exists()


def test_invitation_link_cannot_be_used_twice(client, invitation):
    client.post(accept_url(invitation), acceptance_data())

    response = client.get(accept_url(invitation))

    assertContains(response, "déjà été utilisée", status_code=410)


def test_second_acceptance_creates_no_second_account(client, invitation):
    client.post(accept_url(invitation), acceptance_data())

    response = client.post(accept_url(invitation), acceptance_data(job_title="Autre"))

    assert response.status_code == 410
    assert User.objects.get(email="alix.bernard@dupain.fr").job_title == "Responsable RH"


def test_expired_invitation_answers_410(client, invitation):
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()

    response = client.get(accept_url(invitation))

    assertContains(
        response,
        "Cette invitation a expiré. Demandez-en une nouvelle à un référent.",
        status_code=410,
    )


def test_expired_invitation_cannot_be_accepted(client, invitation):
    invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invitation.save()

    response = client.post(accept_url(invitation), acceptance_data())

    assert response.status_code == 410
    assert not User.objects.filter(email="alix.bernard@dupain.fr").exists()


def test_revoked_invitation_answers_410(client, invitation):
    invitation.revoked_at = timezone.now()
    invitation.save()

    response = client.get(accept_url(invitation))

    assertContains(response, "Cette invitation a été révoquée.", status_code=410)


def test_unknown_invitation_token_answers_410(client):
    response = client.get("/invitation/ce-jeton-n-existe-pas/")

    assertContains(response, "Cette invitation n’existe pas.", status_code=410)


# Resending and revoking


def test_pending_invitation_is_listed_with_resend_and_revoke(logged_in, invitation):
    response = logged_in.get("/espace/compte/")

    assertContains(response, "Alix Bernard (alix.bernard@dupain.fr)")
    assertContains(response, f'action="/espace/compte/invitations/{invitation.pk}/renvoyer/"')
    assertContains(response, f'href="/espace/compte/invitations/{invitation.pk}/revoquer/"')


def test_resend_revokes_the_old_link(logged_in, invitation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"/espace/compte/invitations/{invitation.pk}/renvoyer/")

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert logged_in.get(accept_url(invitation)).status_code == 410


def test_resend_sends_a_new_link_that_works(
    client, referent, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(referent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/espace/compte/invitations/{invitation.pk}/renvoyer/")
    client.logout()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["alix.bernard@dupain.fr"]
    new_path = link_path(mailoutbox[0])
    assert new_path != accept_url(invitation)
    assertContains(client.get(new_path), "Activer mon compte")


def test_resend_needs_a_post(logged_in, invitation):
    response = logged_in.get(f"/espace/compte/invitations/{invitation.pk}/renvoyer/")

    assert response.status_code == 405


def test_revoke_asks_for_confirmation_first(logged_in, invitation):
    response = logged_in.get(f"/espace/compte/invitations/{invitation.pk}/revoquer/")

    assertContains(response, "Le lien envoyé à alix.bernard@dupain.fr ne fonctionnera plus.")
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_revoke_by_post_revokes_the_invitation(logged_in, invitation):
    response = logged_in.post(f"/espace/compte/invitations/{invitation.pk}/revoquer/", follow=True)

    assertContains(response, "L’invitation de alix.bernard@dupain.fr est révoquée.")
    assertNotContains(response, "Invitations en attente")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_resending_another_structures_invitation_answers_404(logged_in, mailoutbox):
    foreign = InvitationFactory()

    response = logged_in.post(f"/espace/compte/invitations/{foreign.pk}/renvoyer/")

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None
    assert mailoutbox == []


def test_revoking_another_structures_invitation_answers_404(logged_in):
    foreign = InvitationFactory()

    response = logged_in.post(f"/espace/compte/invitations/{foreign.pk}/revoquer/")

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_revoking_an_already_revoked_invitation_answers_404(logged_in, invitation):
    invitation.revoked_at = timezone.now()
    invitation.save()

    response = logged_in.post(f"/espace/compte/invitations/{invitation.pk}/revoquer/")

    assert response.status_code == 404


# The token is stored hashed


def test_the_database_keeps_no_token_that_opens_the_invitation(client, invitation):
    stored = Invitation.objects.filter(pk=invitation.pk).values().get()

    assert invitation.link_token() not in stored.values()
    for value in (stored["token_hash"], stored["token_nonce"]):
        assert client.get(f"/invitation/{value}/").status_code == 410


def test_a_hash_written_in_the_database_does_not_open_the_invitation(client, invitation):
    """Whoever can write the database but does not know SECRET_KEY cannot forge a link."""
    Invitation.objects.filter(pk=invitation.pk).update(
        token_hash=invitation_token_hash("jeton-choisi")
    )

    assert client.get("/invitation/jeton-choisi/").status_code == 410


def test_a_link_sent_before_a_secret_key_rotation_still_works(client, invitation, settings):
    path = accept_url(invitation)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "une-nouvelle-cle-secrete-pour-les-tests"

    assertContains(client.get(path), "Activer mon compte")


def test_an_invitation_sent_before_tokens_were_hashed_still_works(client, referent):
    """Migration 0004 replaced each raw token by its hash and left the nonce blank."""
    legacy = InvitationFactory(
        structure=referent.structure,
        email="alix.bernard@dupain.fr",
        token_nonce="",
        token_hash=invitation_token_hash("ancien-jeton-en-clair"),
    )

    response = client.post("/invitation/ancien-jeton-en-clair/", acceptance_data())

    assert response.status_code == 302
    legacy.refresh_from_db()
    assert legacy.accepted_at is not None


def test_two_invitations_get_different_tokens(referent):
    first, second = InvitationFactory.create_batch(2, structure=referent.structure)

    assert first.link_token() != second.link_token()
    assert first.token_hash != second.token_hash


# Lengths and validators come from the models (directory/forms.py)


def test_inviting_an_email_longer_than_its_column_is_refused_next_to_the_field(
    logged_in, django_capture_on_commit_callbacks
):
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "fr"

    response = invite(logged_in, django_capture_on_commit_callbacks, email=email)

    assert field_errors(response, "id_email") == [
        "Assurez-vous que cette valeur comporte au plus 254 caractères (actuellement 311)."
    ]
    assert not Invitation.objects.exists()


def test_an_unprintable_job_title_is_refused_next_to_the_field(client, invitation):
    response = client.post(accept_url(invitation), acceptance_data(job_title="RH\u200b"))

    assert field_errors(response, "id_job_title") == [
        "Ce champ contient un caractère invisible ou de contrôle (U+200B) : retirez-le."
    ]
    assert 'value="06 12 34 56 78"' in response.content.decode()
    assert not User.objects.filter(email="alix.bernard@dupain.fr").exists()


def test_the_phone_is_required_to_accept(client, invitation):
    response = client.post(accept_url(invitation), acceptance_data(phone=""))

    assert field_errors(response, "id_phone") == ["Champ requis."]
    assert not User.objects.filter(email="alix.bernard@dupain.fr").exists()
