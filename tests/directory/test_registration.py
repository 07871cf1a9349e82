"""« Inscription »: a structure and its first referent, e-mail confirmed before the first login."""

import time

import pytest
from django.core import signing
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from directory import services
from directory.forms import RegistrationForm
from directory.models import Department, Structure, User
from tests.directory.helpers import field_errors, is_logged_in, link_path, login, page_text
from tests.factories import DEFAULT_PASSWORD, ReferentFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/inscription/"


def employer_data(**overrides):
    data = {
        "kind": "employer",
        "name": "Boulangerie Dupain",
        "siret": "73282932000074",
        "structure_type": "entreprise_privee",
        "address": "12 rue des Lilas",
        "postcode": "75011",
        "commune": "Paris",
        "structure_phone": "01 02 03 04 05",
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille.martin@dupain.fr",
        "phone": "06 11 22 33 44",
        "job_title": "Gérante",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
    }
    return {**data, **overrides}


def support_data(**overrides):
    data = employer_data(
        kind="support",
        name="ESAT des Lilas",
        siret="44306184100047",
        structure_type="esat",
        email="dominique.petit@esat-lilas.fr",
        served_departments=[
            Department.objects.get(code="75").pk,
            Department.objects.get(code="93").pk,
        ],
    )
    return {**data, **overrides}


def register(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data)


# Employer registration


def test_registration_page_offers_both_kinds_of_structure(client):
    response = client.get(URL)

    assertContains(response, "Inscrire ma structure à DuoDay")
    assertContains(response, "Employeur")
    assertContains(response, "Structure accompagnante")


def test_employer_registration_creates_a_structure_waiting_for_validation(
    client, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)

    structure = Structure.objects.get(siret="73282932000074")
    assert structure.kind == "employer"
    assert structure.name == "Boulangerie Dupain"
    assert structure.department.code == "75"
    # Its « Annuaire des SA » opens once the coordination has validated it.
    assert structure.validated_at is None


def test_employer_registration_creates_an_inactive_unconfirmed_referent(
    client, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)

    referent = User.objects.get(email="camille.martin@dupain.fr")
    assert referent.structure.siret == "73282932000074"
    assert referent.is_active is False
    assert referent.email_confirmed_at is None
    assert referent.check_password(DEFAULT_PASSWORD)


def test_registration_tells_the_visitor_to_open_the_confirmation_email(
    client, django_capture_on_commit_callbacks
):
    response = register(client, employer_data(), django_capture_on_commit_callbacks)

    assertTemplateUsed(response, "directory/register_done.html")
    assertContains(response, "Un e-mail vient d’être envoyé à camille.martin@dupain.fr")


def test_registration_sends_a_confirmation_email_with_a_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["camille.martin@dupain.fr"]
    assert message.subject == "[DuoDay] Confirmez votre adresse e-mail"
    assert link_path(message).startswith("/inscription/confirmer/")


def test_confirmation_email_carries_no_text_typed_by_the_visitor(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """The address is not confirmed yet: whatever the visitor typed stays out of it."""
    register(
        client,
        employer_data(
            name="Gagnez un iPhone sur www.arnaque.example",
            first_name="Cliquez",
            last_name="bit.ly/colis",
            job_title="Service client",
        ),
        django_capture_on_commit_callbacks,
    )

    [message] = mailoutbox
    for typed in ("iPhone", "arnaque", "Cliquez", "bit.ly", "Service client"):
        assert typed not in message.subject
        assert typed not in message.body


def test_confirmation_link_activates_the_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)

    response = client.get(link_path(mailoutbox[0]))

    assertContains(response, "Votre compte est activé.")
    referent = User.objects.get(email="camille.martin@dupain.fr")
    assert referent.is_active is True
    assert referent.email_confirmed_at is not None


def test_login_works_once_the_email_is_confirmed(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)
    client.get(link_path(mailoutbox[0]))

    response = login(client, "camille.martin@dupain.fr")

    assert response.status_code == 302
    assert response["Location"] == "/espace/compte/"
    assert is_logged_in(client)


def test_login_before_confirmation_asks_to_confirm_the_email_first(
    client, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)

    response = login(client, "camille.martin@dupain.fr")

    assertContains(response, "Confirmez d’abord votre adresse e-mail")
    assert not is_logged_in(client)


def test_confirmation_link_opened_twice_keeps_the_account_active(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)
    path = link_path(mailoutbox[0])
    client.get(path)

    response = client.get(path)

    assert response.status_code == 200
    assert User.objects.get(email="camille.martin@dupain.fr").is_active is True


# Bad input


def test_bad_siret_key_shows_a_french_error_next_to_the_field(client):
    response = client.post(URL, employer_data(siret="73282932000075"))

    assert response.status_code == 200
    assert field_errors(response, "id_siret") == [
        "Ce numéro SIRET n’est pas valide : vérifiez les 14 chiffres."
    ]


def test_bad_siret_keeps_what_the_visitor_typed(client):
    response = client.post(URL, employer_data(siret="73282932000075"))

    assertContains(response, 'value="Boulangerie Dupain"')
    assertContains(response, 'value="73282932000075"')
    assertContains(response, 'value="camille.martin@dupain.fr"')
    assertContains(response, 'value="12 rue des Lilas"')


def test_bad_siret_saves_nothing(client, mailoutbox, django_capture_on_commit_callbacks):
    register(client, employer_data(siret="73282932000075"), django_capture_on_commit_callbacks)

    assert not Structure.objects.exists()
    assert not User.objects.filter(email="camille.martin@dupain.fr").exists()
    assert mailoutbox == []


def test_siret_typed_with_spaces_is_accepted(client, django_capture_on_commit_callbacks):
    register(client, employer_data(siret="732 829 320 00074"), django_capture_on_commit_callbacks)

    assert Structure.objects.filter(siret="73282932000074").exists()


def test_already_registered_structure_is_told_to_ask_a_referent_for_an_invitation(client):
    StructureFactory(employer=True, siret="73282932000074")

    response = client.post(URL, employer_data())

    assert field_errors(response, "id_siret") == [
        "Cette structure est déjà inscrite. Demandez à l’un de ses référents de vous inviter "
        "depuis son espace « Mon compte »."
    ]
    assert Structure.objects.count() == 1
    assert not User.objects.filter(email="camille.martin@dupain.fr").exists()


def test_already_registered_structure_page_leaks_no_referent_name_or_email(client):
    structure = StructureFactory(
        employer=True, siret="73282932000074", email="accueil@dupain-historique.fr"
    )
    referent = ReferentFactory(
        structure=structure,
        first_name="Hortense",
        last_name="Delacroix-Vauban",
        email="hortense.delacroix@dupain-historique.fr",
        phone="06 99 88 77 66",
    )

    response = client.post(URL, employer_data())

    for secret in (
        referent.first_name,
        referent.last_name,
        referent.email,
        referent.phone,
        structure.email,
    ):
        assertNotContains(response, secret)


def test_same_siret_may_register_once_as_employer_and_once_as_support_structure(
    client, django_capture_on_commit_callbacks
):
    StructureFactory(employer=True, siret="44306184100047")

    register(client, support_data(), django_capture_on_commit_callbacks)

    assert Structure.objects.filter(siret="44306184100047", kind="support").exists()


def test_unknown_postcode_is_refused_in_french(client):
    response = client.post(URL, employer_data(postcode="96000"))

    assert field_errors(response, "id_postcode") == [
        "Le code postal 96000 ne correspond à aucun département."
    ]
    assert not Structure.objects.exists()


def test_postcode_that_is_not_five_digits_is_refused_in_french(client):
    response = client.post(URL, employer_data(postcode="7501"))

    assert field_errors(response, "id_postcode") == [
        "Saisissez un code postal français à 5 chiffres."
    ]


def test_email_of_an_existing_account_gets_the_same_answer_as_a_new_one(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="camille.martin@dupain.fr")

    response = register(client, employer_data(), django_capture_on_commit_callbacks)

    assertTemplateUsed(response, "directory/register_done.html")
    assertContains(response, "Un e-mail vient d’être envoyé à camille.martin@dupain.fr")
    assertNotContains(response, "Un compte existe déjà")


def test_email_of_an_existing_account_saves_nothing(client, django_capture_on_commit_callbacks):
    existing = UserFactory(email="camille.martin@dupain.fr")

    other_password = "Un-autre-mot-de-passe-2026"

    register(
        client,
        employer_data(password1=other_password, password2=other_password),
        django_capture_on_commit_callbacks,
    )

    assert not Structure.objects.exists()
    existing.refresh_from_db()
    assert existing.structure is None
    assert existing.check_password(DEFAULT_PASSWORD)


def test_email_of_an_existing_account_tells_its_owner_what_to_do(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    ReferentFactory(email="camille.martin@dupain.fr")

    register(
        client,
        employer_data(name="Gagnez un iPhone sur www.arnaque.example"),
        django_capture_on_commit_callbacks,
    )

    [message] = mailoutbox
    assert message.to == ["camille.martin@dupain.fr"]
    assert message.subject == "[DuoDay] Votre compte DuoDay"
    assert "inscrire une structure" in message.body
    assert "un compte DuoDay existe déjà avec cette adresse" in message.body
    assert "http://testserver/connexion/" in message.body
    assert "http://testserver/mot-de-passe/oubli/" in message.body
    assert "iPhone" not in message.body
    assert "/inscription/confirmer/" not in message.body


def test_email_of_an_unconfirmed_registration_is_told_how_to_get_a_new_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    ReferentFactory(
        email="camille.martin@dupain.fr",
        is_active=False,
        email_confirmed_at=None,
        confirmation_sent_at=timezone.now(),
    )

    register(client, employer_data(), django_capture_on_commit_callbacks)

    [message] = mailoutbox
    assert "http://testserver/inscription/renvoyer/" in message.body


def test_a_structure_registered_meanwhile_is_told_to_ask_for_an_invitation(client, monkeypatch):
    build = RegistrationForm.build

    def build_while_another_registers(form):
        built = build(form)
        StructureFactory(employer=True, siret="73282932000074")
        return built

    monkeypatch.setattr(RegistrationForm, "build", build_while_another_registers)

    response = client.post(URL, employer_data())

    assertContains(response, "Cette structure vient d’être inscrite.")
    assert not User.objects.filter(email="camille.martin@dupain.fr").exists()


def test_an_address_registered_meanwhile_gets_the_usual_answer_and_its_owner_an_email(
    client, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    register_structure = services._register_structure

    def register_while_the_address_registers(*args):
        ReferentFactory(email="camille.martin@dupain.fr")
        return register_structure(*args)

    monkeypatch.setattr(services, "_register_structure", register_while_the_address_registers)

    response = register(client, employer_data(), django_capture_on_commit_callbacks)

    assertTemplateUsed(response, "directory/register_done.html")
    assert not Structure.objects.filter(siret="73282932000074").exists()
    [message] = mailoutbox
    assert message.subject == "[DuoDay] Votre compte DuoDay"


def test_structure_type_of_the_other_kind_is_refused(client):
    response = client.post(URL, employer_data(structure_type="esat"))

    assert field_errors(response, "id_structure_type") == [
        "Ce type ne correspond pas à la catégorie choisie."
    ]


def test_mismatched_passwords_are_refused_in_french(client):
    response = client.post(URL, employer_data(password2="Un-autre-mot-de-passe-2026"))

    assert field_errors(response, "id_password2") == [
        "Les deux mots de passe ne correspondent pas."
    ]
    assert not Structure.objects.exists()


def test_short_password_is_refused_in_french(client):
    response = client.post(URL, employer_data(password1="Court-1", password2="Court-1"))

    assert any("trop court" in error for error in field_errors(response, "id_password1"))
    assert not Structure.objects.exists()


# Support structures (SA)


def test_support_registration_without_served_departments_is_refused(client):
    response = client.post(URL, support_data(served_departments=[]))

    assert field_errors(response, "id_served_departments") == [
        "Choisissez au moins un département où votre structure intervient."
    ]
    assert not Structure.objects.exists()


def test_support_registration_leaves_the_structure_waiting_for_validation(
    client, django_capture_on_commit_callbacks
):
    register(client, support_data(), django_capture_on_commit_callbacks)

    structure = Structure.objects.get(siret="44306184100047")
    assert structure.kind == "support"
    assert structure.validated_at is None
    assert sorted(structure.served_departments.values_list("code", flat=True)) == ["75", "93"]


def test_confirmed_support_referent_sees_the_pending_page_on_mon_compte(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, support_data(), django_capture_on_commit_callbacks)
    client.get(link_path(mailoutbox[0]))
    login(client, "dominique.petit@esat-lilas.fr")

    response = client.get("/espace/compte/")

    assertTemplateUsed(response, "directory/pending.html")
    assertContains(response, "Structure en attente de validation")
    assertNotContains(response, "Ajouter un référent")


def test_validated_support_referent_sees_mon_compte(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, support_data(), django_capture_on_commit_callbacks)
    client.get(link_path(mailoutbox[0]))
    structure = Structure.objects.get(siret="44306184100047")
    services.validate_support_structure(structure, UserFactory(coordinator=True))
    login(client, "dominique.petit@esat-lilas.fr")

    response = client.get("/espace/compte/")

    assertTemplateUsed(response, "directory/account.html")
    assertContains(response, "<h2>ESAT des Lilas</h2>", html=True)


def test_validation_emails_the_support_referents(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, support_data(), django_capture_on_commit_callbacks)
    client.get(link_path(mailoutbox[0]))
    structure = Structure.objects.get(siret="44306184100047")

    with django_capture_on_commit_callbacks(execute=True):
        services.validate_support_structure(structure, UserFactory(coordinator=True))

    message = mailoutbox[-1]
    assert message.to == ["dominique.petit@esat-lilas.fr"]
    assert message.subject == "[DuoDay] Votre structure est validée"
    assert "ESAT des Lilas" in message.body
    assert link_path(message) == "/connexion/"


def test_validation_email_to_an_unconfirmed_address_leaves_out_the_typed_name(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, support_data(), django_capture_on_commit_callbacks)
    structure = Structure.objects.get(siret="44306184100047")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.validate_support_structure(structure, UserFactory(coordinator=True))

    [message] = mailoutbox
    assert message.to == ["dominique.petit@esat-lilas.fr"]
    assert "La coordination DuoDay a validé votre structure." in message.body
    assert "ESAT des Lilas" not in message.body


# Confirmation links that do not work


def test_tampered_confirmation_token_answers_400_in_french(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)
    path = link_path(mailoutbox[0])

    response = client.get(path.rstrip("/") + "x/")

    assert response.status_code == 400
    assertContains(response, "Ce lien de confirmation n’est pas valide.", status_code=400)
    assert User.objects.get(email="camille.martin@dupain.fr").is_active is False


@pytest.mark.parametrize(
    "token", ["n-importe-quoi", "a:b:c", "%C3%A9t%C3%A9:abc", "eyJ1c2VyIjoxfQ:1abc:def"]
)
def test_garbage_confirmation_token_answers_400(client, token):
    response = client.get(f"/inscription/confirmer/{token}/")

    assertContains(response, "Ce lien de confirmation n’est pas valide.", status_code=400)


def test_expired_confirmation_token_answers_400_in_french(client, monkeypatch):
    referent = ReferentFactory(is_active=False, email_confirmed_at=None)
    four_days_ago = time.time() - 4 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: four_days_ago)
        token = services.email_confirmation_token(referent)

    response = client.get(f"/inscription/confirmer/{token}/")

    assert response.status_code == 400
    assert "Ce lien de confirmation a expiré." in page_text(response)
    referent.refresh_from_db()
    assert referent.is_active is False


def test_confirmation_token_of_a_changed_email_answers_400(client):
    referent = ReferentFactory(is_active=False, email_confirmed_at=None)
    token = services.email_confirmation_token(referent)
    referent.email = "nouvelle.adresse@exemple.fr"
    referent.save()

    response = client.get(f"/inscription/confirmer/{token}/")

    assertContains(response, "Ce lien de confirmation n’est pas valide.", status_code=400)


def test_resend_confirmation_sends_a_new_working_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    register(client, employer_data(), django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/inscription/renvoyer/", {"email": "Camille.Martin@dupain.fr"})

    assertContains(response, "Un e-mail vient d’être envoyé")
    [message] = mailoutbox
    client.get(link_path(message))
    assert User.objects.get(email="camille.martin@dupain.fr").is_active is True


def test_resend_confirmation_says_the_same_for_an_unknown_address(client, db, mailoutbox):
    response = client.post("/inscription/renvoyer/", {"email": "inconnu@exemple.fr"})

    assertContains(response, "Un e-mail vient d’être envoyé")
    assert mailoutbox == []


def test_resend_confirmation_sends_nothing_to_a_confirmed_account(client, db, mailoutbox):
    ReferentFactory(email="camille.martin@dupain.fr")

    client.post("/inscription/renvoyer/", {"email": "camille.martin@dupain.fr"})

    assert mailoutbox == []


def test_resend_confirmation_sends_nothing_to_an_account_that_never_registered(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    """A staff member created in the admin, then deactivated, has never confirmed an
    address: a confirmation link would reactivate the account."""
    UserFactory(email="ancien.coordinateur@duoday.fr", is_active=False, coordinator=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/inscription/renvoyer/", {"email": "ancien.coordinateur@duoday.fr"})

    assert mailoutbox == []


def test_registration_records_when_the_confirmation_link_left(
    client, django_capture_on_commit_callbacks
):
    before = timezone.now()

    register(client, employer_data(), django_capture_on_commit_callbacks)

    referent = User.objects.get(email="camille.martin@dupain.fr")
    assert referent.confirmation_sent_at >= before


def test_expired_confirmation_link_offers_a_new_one(client, db):
    response = client.get("/inscription/confirmer/pas-un-jeton/")

    assertContains(response, "/inscription/renvoyer/", status_code=400)
