"""Login behind the load balancer, with production's settings: the lockout and the
per-address throttle count the address the balancer saw, not one the client wrote."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.html_text import text_of
from tests.portal.conftest import LOAD_BALANCER

WRONG_PASSWORD = "pas-le-bon-mot-de-passe"
LOCKED_OUT = "Compte temporairement bloqué"
THROTTLED = "Trop de tentatives de connexion ont échoué depuis votre connexion"


@pytest.fixture
def user(db):
    return UserFactory(email="camille.durand@exemple.fr")


def log_in(client, forwarded_for, password=WRONG_PASSWORD, email="camille.durand@exemple.fr"):
    return client.post(
        "/connexion/",
        {"username": email, "password": password},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def login_failure_limit(settings):
    """The failed logins production allows per client address and period."""
    return int(settings.RATE_LIMITS["login"]["client"].split("/")[0])


def new_browser():
    return Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_PROTO="https")


def test_production_trusts_one_proxy_by_default(production_settings):
    assert production_settings.TRUSTED_PROXY_COUNT == 1


def test_a_new_left_most_address_each_time_does_not_escape_the_lockout(production_client, user):
    for attempt in range(5):
        log_in(production_client, f"198.51.100.{attempt}, 203.0.113.5")

    response = log_in(production_client, "198.51.100.99, 203.0.113.5", DEFAULT_PASSWORD)

    assert response.status_code == 429
    assert LOCKED_OUT in text_of(response)
    assert SESSION_KEY not in production_client.session


def test_the_lockout_counts_the_address_the_load_balancer_appended(production_client, user):
    log_in(production_client, "198.51.100.1, 203.0.113.5")

    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"


def test_a_single_forwarded_address_is_the_client_address(production_client, user):
    log_in(production_client, "203.0.113.66")

    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"


def test_honest_clients_with_single_addresses_do_not_share_a_lockout(production_client, user):
    for _attempt in range(5):
        log_in(production_client, "203.0.113.66")

    colleague = new_browser()
    log_in(colleague, "203.0.113.67", DEFAULT_PASSWORD)

    assert colleague.session[SESSION_KEY] == str(user.pk)


def test_the_locked_out_client_stays_locked_out(production_client, user):
    for _attempt in range(5):
        log_in(production_client, "203.0.113.66")

    response = log_in(new_browser(), "203.0.113.66", DEFAULT_PASSWORD)

    assert LOCKED_OUT in text_of(response)


def spray(client, forwarded_for, count):
    """`count` failed logins, each on another account, as a password sprayer does."""
    for number in range(count):
        log_in(client, forwarded_for, email=f"personne{number}@exemple.fr")


def test_spraying_one_password_over_many_accounts_is_throttled(
    production_client, production_settings, user
):
    spray(production_client, "198.51.100.1, 203.0.113.5", login_failure_limit(production_settings))

    response = log_in(production_client, "198.51.100.2, 203.0.113.5", DEFAULT_PASSWORD)

    assert THROTTLED in text_of(response)
    assert "Réessayez dans" in text_of(response)
    assert SESSION_KEY not in production_client.session


def test_the_throttle_leaves_other_clients_alone(production_client, production_settings, user):
    spray(production_client, "203.0.113.5", login_failure_limit(production_settings))

    other = new_browser()
    log_in(other, "203.0.113.6", DEFAULT_PASSWORD)

    assert other.session[SESSION_KEY] == str(user.pk)


def test_failures_below_the_throttle_leave_the_login_open(
    production_client, production_settings, user
):
    spray(production_client, "203.0.113.5", login_failure_limit(production_settings) - 1)

    log_in(production_client, "203.0.113.5", DEFAULT_PASSWORD)

    assert production_client.session[SESSION_KEY] == str(user.pk)


def test_successful_logins_do_not_count_towards_the_throttle(production_settings, user):
    for _login in range(login_failure_limit(production_settings) + 1):
        browser = new_browser()
        log_in(browser, "203.0.113.5", DEFAULT_PASSWORD)

    assert browser.session[SESSION_KEY] == str(user.pk)


def test_the_admin_login_is_throttled_too(production_client, production_settings, user):
    spray(production_client, "203.0.113.5", login_failure_limit(production_settings))

    response = production_client.post(
        "/admin/login/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )

    assert THROTTLED in text_of(response)
