"""« Mon compte »: the structure's data, contact details, modification requests, password,
and the deactivation of referents."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from directory import services
from directory.models import ModificationRequest, User
from tests.directory.helpers import field_errors, is_logged_in, login, page_text
from tests.factories import (
    DEFAULT_PASSWORD,
    ModificationRequestFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)
from tests.html_text import soup

pytestmark = pytest.mark.django_db

URL = "/espace/compte/"
NEW_PASSWORD = "Un-tout-nouveau-secret-2027"


@pytest.fixture
def referent():
    structure = StructureFactory(
        name="Boulangerie Dupain",
        siret="73282932000074",
        address="12 rue des Lilas",
        postcode="75011",
        commune="Paris",
    )
    return ReferentFactory(
        structure=structure,
        first_name="Camille",
        last_name="Martin",
        email="camille.martin@dupain.fr",
        phone="06 11 22 33 44",
    )


@pytest.fixture
def logged_in(client, referent):
    client.force_login(referent)
    return client


def contact_data(**overrides):
    data = {
        "structure-phone": "01 99 99 99 99",
        "structure-email": "contact@dupain.fr",
        "referent-first_name": "Camille",
        "referent-last_name": "Martin-Roux",
        "referent-phone": "07 00 00 00 01",
        "referent-job_title": "Directrice",
    }
    return {**data, **overrides}


# What the page shows


def test_account_shows_the_structure_data(logged_in):
    response = logged_in.get(URL)

    assertContains(response, "<h2>Boulangerie Dupain</h2>", html=True)
    assertContains(response, "73282932000074")
    assertContains(response, "12 rue des Lilas, 75011 Paris")
    assertContains(response, "75 – Paris")
    assertContains(response, "Entreprise privée")


def test_account_lists_the_referents_of_the_structure(logged_in, referent):
    colleague = ReferentFactory(
        structure=referent.structure, first_name="Alix", last_name="Bernard"
    )

    response = logged_in.get(URL)

    assertContains(response, "Référents de la structure")
    assertContains(response, "Camille Martin")
    assertContains(response, "Alix Bernard")
    assertContains(response, colleague.email)


def test_account_does_not_list_referents_of_other_structures(logged_in):
    stranger = ReferentFactory(first_name="Gaspard", last_name="Inconnu")

    response = logged_in.get(URL)

    assertNotContains(response, "Gaspard Inconnu")
    assertNotContains(response, stranger.email)


def test_account_offers_to_add_a_referent(logged_in):
    response = logged_in.get(URL)

    assertContains(response, "Ajouter un référent")
    assertContains(response, 'href="/espace/compte/referents/ajouter/"')


def test_account_has_the_modifications_window_with_signaler(logged_in):
    response = logged_in.get(URL)

    assertContains(response, "Modifications à apporter")
    assertContains(response, "Signaler")
    assertContains(response, 'href="/espace/compte/modification/"')


def test_account_has_the_password_window(logged_in):
    response = logged_in.get(URL)

    assertContains(response, "Mot de passe")
    assertContains(response, "Modifier mon mot de passe")
    assertContains(response, 'href="/espace/compte/mot-de-passe/"')


def test_account_tabs_of_an_employer_are_in_the_guides_order(logged_in):
    text = page_text(logged_in.get(URL))

    positions = [
        text.index(label) for label in ("Mon compte", "Annuaire des SA", "Ressources Documentaires")
    ]
    assert positions == sorted(positions)


# Contact fields


def test_posting_contact_fields_saves_them(logged_in, referent):
    response = logged_in.post(URL, contact_data())

    assert response.status_code == 302
    referent.refresh_from_db()
    referent.structure.refresh_from_db()
    assert referent.structure.phone == "01 99 99 99 99"
    assert referent.structure.email == "contact@dupain.fr"
    assert referent.last_name == "Martin-Roux"
    assert referent.phone == "07 00 00 00 01"
    assert referent.job_title == "Directrice"


def test_saved_contact_fields_are_confirmed_in_french(logged_in):
    response = logged_in.post(URL, contact_data(), follow=True)

    assertContains(response, "Vos coordonnées ont été enregistrées.")


def test_invalid_structure_email_shows_a_french_error_next_to_the_field(logged_in):
    response = logged_in.post(URL, contact_data(**{"structure-email": "pas-un-email"}))

    assert response.status_code == 200
    assert field_errors(response, "id_structure-email") == [
        "Saisissez une adresse de courriel valide."
    ]
    assertContains(response, 'value="pas-un-email"')


def test_invalid_structure_email_saves_nothing(logged_in, referent):
    logged_in.post(URL, contact_data(**{"structure-email": "pas-un-email"}))

    referent.refresh_from_db()
    referent.structure.refresh_from_db()
    assert referent.structure.phone == "01 23 45 67 89"
    assert referent.last_name == "Martin"
    assert referent.phone == "06 11 22 33 44"


def test_identity_fields_cannot_be_changed_by_posting_them(logged_in, referent):
    logged_in.post(
        URL,
        contact_data(
            **{"structure-name": "Autre nom", "structure-siret": "44306184100047"},
        ),
    )

    referent.structure.refresh_from_db()
    assert referent.structure.name == "Boulangerie Dupain"
    assert referent.structure.siret == "73282932000074"


# Access


def test_anonymous_visitor_is_redirected_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/espace/compte/"


def test_user_without_structure_gets_404(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert response.status_code == 404


# Modification requests


def test_modification_request_page_has_the_form(logged_in):
    response = logged_in.get("/espace/compte/modification/")

    assertContains(response, "Modifications à apporter")
    assertContains(response, "Envoyer")


def test_modification_request_creates_a_pending_request(logged_in, referent):
    response = logged_in.post(
        "/espace/compte/modification/", {"message": "Nous avons déménagé au 3 rue Neuve."}
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    modification = ModificationRequest.objects.get()
    assert modification.structure == referent.structure
    assert modification.author == referent
    assert modification.message == "Nous avons déménagé au 3 rue Neuve."
    assert modification.status == ModificationRequest.Status.PENDING


def test_modification_request_does_not_change_the_structure(logged_in, referent):
    logged_in.post("/espace/compte/modification/", {"message": "Nouveau nom : Dupain & Fils."})

    referent.structure.refresh_from_db()
    assert referent.structure.name == "Boulangerie Dupain"


def test_pending_modification_request_is_shown_en_attente_on_mon_compte(logged_in):
    response = logged_in.post(
        "/espace/compte/modification/", {"message": "Nouveau SIRET."}, follow=True
    )

    assertContains(response, "Votre demande a été envoyée à la coordination DuoDay.")
    assertContains(response, "En attente")
    assertNotContains(response, "Traitée")


def test_empty_modification_request_is_refused_in_french(logged_in):
    response = logged_in.post("/espace/compte/modification/", {"message": ""})

    assert field_errors(response, "id_message") == ["Champ requis."]
    assert not ModificationRequest.objects.exists()


def test_processed_modification_request_is_shown_traitee(logged_in, referent):
    modification = ModificationRequestFactory(structure=referent.structure, author=referent)
    services.process_modification_request(
        modification, UserFactory(coordinator=True), response="C’est corrigé."
    )

    response = logged_in.get(URL)

    assertContains(response, "Traitée")
    assertContains(response, "C’est corrigé.")
    assertNotContains(response, "En attente")


def test_processing_a_modification_request_emails_its_author(
    referent, mailoutbox, django_capture_on_commit_callbacks
):
    modification = ModificationRequestFactory(structure=referent.structure, author=referent)

    with django_capture_on_commit_callbacks(execute=True):
        services.process_modification_request(
            modification, UserFactory(coordinator=True), response="C’est corrigé."
        )

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["camille.martin@dupain.fr"]
    assert message.subject == "[DuoDay] Votre demande de modification a été traitée"
    assert "C’est corrigé." in message.body
    assert "http://testserver/espace/compte/" in message.body


def test_other_structures_modification_requests_are_not_shown(logged_in):
    ModificationRequestFactory(message="secret")

    response = logged_in.get(URL)

    assertNotContains(response, "En attente")


# Password


def test_password_change_works(client, referent):
    login(client, referent.email)

    response = client.post(
        "/espace/compte/mot-de-passe/",
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assertContains(response, "Votre mot de passe a été modifié.")
    referent.refresh_from_db()
    assert referent.check_password(NEW_PASSWORD)
    assert is_logged_in(client)


def test_new_password_works_at_the_next_login(client, referent):
    client.force_login(referent)
    client.post(
        "/espace/compte/mot-de-passe/",
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    client.logout()

    login(client, referent.email, NEW_PASSWORD)

    assert is_logged_in(client)


def test_wrong_old_password_shows_a_french_error(logged_in, referent):
    response = logged_in.post(
        "/espace/compte/mot-de-passe/",
        {
            "old_password": "Pas-le-bon-mot-de-passe",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert field_errors(response, "id_old_password") == [
        "Votre ancien mot de passe est incorrect. Veuillez le rectifier."
    ]
    referent.refresh_from_db()
    assert referent.check_password(DEFAULT_PASSWORD)


# Deactivating a referent


def test_deactivating_another_referent_deactivates_it_without_deleting_it(logged_in, referent):
    colleague = ReferentFactory(structure=referent.structure)

    response = logged_in.post(f"/espace/compte/referents/{colleague.pk}/desactiver/")

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_active is False
    assert colleague.structure == referent.structure


def test_deactivation_asks_for_confirmation_first(logged_in, referent):
    colleague = ReferentFactory(structure=referent.structure, first_name="Alix", last_name="Roy")

    response = logged_in.get(f"/espace/compte/referents/{colleague.pk}/desactiver/")

    assertContains(response, "Alix Roy ne pourra plus se connecter.")
    colleague.refresh_from_db()
    assert colleague.is_active is True


def test_deactivated_referent_is_shown_as_desactive(logged_in, referent):
    colleague = ReferentFactory(structure=referent.structure, first_name="Alix", last_name="Roy")
    logged_in.post(f"/espace/compte/referents/{colleague.pk}/desactiver/")

    response = logged_in.get(URL)

    assertContains(response, "Alix Roy")
    assertContains(response, "Désactivé")


def test_deactivating_the_last_active_referent_is_refused(logged_in, referent):
    ReferentFactory(structure=referent.structure, is_active=False)

    response = logged_in.post(f"/espace/compte/referents/{referent.pk}/desactiver/")

    assert response.status_code == 200
    assertContains(response, "Impossible de désactiver le dernier référent actif de la structure.")
    referent.refresh_from_db()
    assert referent.is_active is True


def test_deactivating_a_referent_of_another_structure_answers_404(logged_in):
    stranger = ReferentFactory()

    response = logged_in.post(f"/espace/compte/referents/{stranger.pk}/desactiver/")

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active is True


def test_deactivated_referent_cannot_log_in(client, referent):
    colleague = ReferentFactory(structure=referent.structure)
    services.deactivate_referent(referent.structure, colleague)

    response = login(client, colleague.email)

    assertContains(response, "Ce compte a été désactivé.")
    assert not is_logged_in(client)


def test_deactivated_referent_loses_access_to_mon_compte(client, referent):
    colleague = ReferentFactory(structure=referent.structure)
    login(client, colleague.email)
    services.deactivate_referent(referent.structure, colleague)

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_referent_who_deactivates_themself_is_logged_out(client, referent):
    ReferentFactory(structure=referent.structure)
    login(client, referent.email)

    client.post(f"/espace/compte/referents/{referent.pk}/desactiver/")

    referent.refresh_from_db()
    assert referent.is_active is False
    assert client.get(URL)["Location"] == "/connexion/?next=/espace/compte/"


def test_deactivated_referent_is_kept_in_the_database(referent):
    colleague = ReferentFactory(structure=referent.structure)

    services.deactivate_referent(referent.structure, colleague)

    assert User.objects.filter(pk=colleague.pk, is_active=False).exists()


def test_password_change_rules_are_plain_text_in_the_label(client, referent):
    client.force_login(referent)

    response = client.get("/espace/compte/mot-de-passe/")

    label = soup(response).select_one('label.fr-label[for="id_new_password1"]').decode_contents()
    assert "Au moins 12 caractères" in label
    assert "<ul" not in label


def deactivate_url(user):
    return f"/espace/compte/referents/{user.pk}/desactiver/"


def test_the_only_active_referent_is_not_offered_desactiver(logged_in, referent):
    ReferentFactory(structure=referent.structure, is_active=False)

    response = logged_in.get(URL)

    assertNotContains(response, deactivate_url(referent))
    assert "Désactiver" not in page_text(response)


def test_each_of_two_active_referents_is_offered_desactiver(logged_in, referent):
    colleague = ReferentFactory(structure=referent.structure)

    response = logged_in.get(URL)

    assertContains(response, f'href="{deactivate_url(referent)}"')
    assertContains(response, f'href="{deactivate_url(colleague)}"')


def test_modification_requests_show_what_was_asked(logged_in, referent):
    ModificationRequestFactory(
        structure=referent.structure,
        author=referent,
        message="Notre raison sociale devient « Dupain & Fils ».",
    )

    page = page_text(logged_in.get(URL))

    assert "Votre demande : « Notre raison sociale devient « Dupain & Fils ». »" in page
