"""« Connexion »: e-mail and password, French errors, lockout after repeated failures."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DEFAULT_PASSWORD, ReferentFactory, UserFactory
from tests.html_text import soup, text_of

WRONG_PASSWORD = "pas-le-bon-mot-de-passe"


def log_in(client, email, password):
    return client.post("/connexion/", {"username": email, "password": password})


@pytest.fixture
def user(db):
    return UserFactory(email="camille.durand@exemple.fr")


def test_good_email_and_password_log_in(client, user):
    log_in(client, "camille.durand@exemple.fr", DEFAULT_PASSWORD)

    assert client.session[SESSION_KEY] == str(user.pk)


def test_login_redirects_to_the_personal_space(client, user):
    response = log_in(client, "camille.durand@exemple.fr", DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/espace/ressources/"


def test_login_redirects_to_the_page_asked_for(client, user):
    response = client.post(
        "/connexion/?next=/ressources/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
    )

    assert response["Location"] == "/ressources/"


def test_login_never_redirects_to_another_site(client, user):
    response = client.post(
        "/connexion/?next=https://malveillant.example/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
    )

    assert response["Location"] == "/espace/ressources/"


def test_wrong_password_shows_a_french_error(client, user):
    response = log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in text_of(response)


def test_wrong_password_does_not_log_in(client, user):
    log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    assert SESSION_KEY not in client.session


def test_unknown_email_shows_the_same_french_error(client, db):
    response = log_in(client, "personne@exemple.fr", WRONG_PASSWORD)

    assert "Adresse e-mail ou mot de passe incorrect" in text_of(response)


def test_wrong_password_keeps_the_typed_email(client, user):
    response = log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    assert soup(response).select('input[value="camille.durand@exemple.fr"]')


def test_five_failures_lock_the_account_out_with_a_french_page(client, user):
    for _attempt in range(4):
        log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    response = log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    assert response.status_code == 429
    assert "Compte temporairement bloqué" in text_of(response)


def test_four_failures_do_not_lock_the_account_out(client, user):
    for _attempt in range(4):
        log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    log_in(client, "camille.durand@exemple.fr", DEFAULT_PASSWORD)

    assert client.session[SESSION_KEY] == str(user.pk)


def test_locked_out_account_refuses_even_the_right_password(client, user):
    for _attempt in range(5):
        log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    response = log_in(client, "camille.durand@exemple.fr", DEFAULT_PASSWORD)

    assert "Compte temporairement bloqué" in text_of(response)
    assert SESSION_KEY not in client.session


def test_lockout_of_one_account_leaves_the_others_open(client, user):
    other = UserFactory(email="dominique.martin@exemple.fr")
    for _attempt in range(5):
        log_in(client, "camille.durand@exemple.fr", WRONG_PASSWORD)

    log_in(client, "dominique.martin@exemple.fr", DEFAULT_PASSWORD)

    assert client.session[SESSION_KEY] == str(other.pk)


def test_logout_ends_the_session(client, user):
    client.force_login(user)

    response = client.post("/deconnexion/")

    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session


def test_login_accepts_the_email_address_in_any_case(client, user):
    log_in(client, "Camille.Durand@Exemple.FR", DEFAULT_PASSWORD)

    assert client.session[SESSION_KEY] == str(user.pk)


def test_lockout_counts_failures_whatever_the_case_of_the_address(client, user):
    for attempt in range(5):
        email = "camille.durand@exemple.fr" if attempt % 2 else "CAMILLE.durand@exemple.fr"
        log_in(client, email, WRONG_PASSWORD)

    response = log_in(client, "camille.durand@exemple.fr", DEFAULT_PASSWORD)

    assert "Compte temporairement bloqué" in text_of(response)
    assert SESSION_KEY not in client.session


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, user):
    for attempt in range(5):
        client.post(
            "/connexion/",
            {"username": "camille.durand@exemple.fr", "password": WRONG_PASSWORD},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = client.post(
        "/connexion/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )

    assert "Compte temporairement bloqué" in text_of(response)


def test_login_as_its_own_next_page_leads_to_the_personal_space(client, user):
    client.force_login(user)

    response = client.get("/connexion/?next=/connexion/")

    assert response.status_code == 302
    assert response["Location"] == "/espace/ressources/"


def test_logging_in_with_the_login_page_as_next_page_leads_to_the_personal_space(client, user):
    response = client.post(
        "/connexion/?next=/connexion/%3Fnext%3D/connexion/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
    )

    assert response["Location"] == "/espace/ressources/"


@pytest.fixture
def unconfirmed_user(db):
    """A registrant who has not opened the confirmation link yet."""
    return UserFactory(email="sacha.petit@exemple.fr", is_active=False, email_confirmed_at=None)


def test_right_password_before_confirming_the_email_asks_to_confirm_it(client, unconfirmed_user):
    response = log_in(client, "sacha.petit@exemple.fr", DEFAULT_PASSWORD)

    page = text_of(response)
    assert "Confirmez d’abord votre adresse e-mail" in page
    assert "mot de passe incorrect" not in page
    assert SESSION_KEY not in client.session


def test_wrong_password_before_confirming_the_email_says_only_that_it_is_wrong(
    client, unconfirmed_user
):
    response = log_in(client, "sacha.petit@exemple.fr", WRONG_PASSWORD)

    page = text_of(response)
    assert "Adresse e-mail ou mot de passe incorrect" in page
    assert "Confirmez d’abord" not in page


def test_a_logged_in_referent_comes_with_their_structure_in_one_query(client, db):
    referent = ReferentFactory()
    client.force_login(referent)

    with CaptureQueriesContext(connection) as queries:
        client.get("/espace/compte/")

    structure_alone = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "directory_structure"."id"')
        and f'WHERE "directory_structure"."id" = {referent.structure_id}' in q["sql"]
    ]
    assert structure_alone == []
