"""Security headers under production's settings: Content-Security-Policy, Permissions-Policy,
private caching of what a logged-in person sees, HSTS, session cookies."""

import pytest

from tests.factories import DEFAULT_PASSWORD, ReferentFactory

CLIENT = {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}


def directives(response, header="Content-Security-Policy"):
    return {
        part.split()[0]: part.split()[1:] for part in response[header].split(";") if part.strip()
    }


@pytest.fixture
def referent(db):
    return ReferentFactory(email="camille.durand@exemple.fr")


@pytest.fixture
def logged_in(production_client, referent):
    production_client.force_login(referent)
    return production_client


def test_public_pages_allow_only_the_sites_own_scripts_and_styles(production_client, site_tree):
    policy = directives(production_client.get("/", **CLIENT))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_personal_space_has_the_strict_policy(logged_in):
    policy = directives(logged_in.get("/espace/compte/", **CLIENT))

    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_forms_post_only_to_the_site(production_client, db):
    policy = directives(production_client.get("/connexion/", **CLIENT))

    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]


def test_the_wagtail_admin_has_its_own_policy(production_client, db):
    policy = directives(production_client.get("/admin/login/", **CLIENT))

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_every_page_refuses_camera_microphone_and_location(production_client, site_tree):
    response = production_client.get("/", **CLIENT)

    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    assert features["camera"] == "()"
    assert features["microphone"] == "()"
    assert features["geolocation"] == "()"


def test_personal_space_pages_are_never_stored(logged_in):
    response = logged_in.get("/espace/compte/", **CLIENT)

    assert {"private", "no-store"} <= cache_control(response)


def test_public_pages_seen_by_a_logged_in_person_are_never_stored(logged_in, site_tree):
    response = logged_in.get("/", **CLIENT)

    assert {"private", "no-store"} <= cache_control(response)


def test_public_pages_for_visitors_stay_cacheable(production_client, site_tree):
    response = production_client.get("/", **CLIENT)

    assert "no-store" not in cache_control(response)


def test_the_login_answer_is_never_stored(production_client, referent):
    response = production_client.post(
        "/connexion/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
        **CLIENT,
    )

    assert response.status_code == 302
    assert {"private", "no-store"} <= cache_control(response)


def cache_control(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def test_https_is_known_from_the_load_balancer_and_enforced(production_client, site_tree):
    response = production_client.get("/", **CLIENT)

    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_plain_http_is_redirected_to_https(production_client, site_tree):
    response = production_client.get("/", HTTP_X_FORWARDED_PROTO="http", **CLIENT)

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_the_session_cookie_ends_with_the_browser(production_client, referent):
    response = production_client.post(
        "/connexion/",
        {"username": "camille.durand@exemple.fr", "password": DEFAULT_PASSWORD},
        **CLIENT,
    )

    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
