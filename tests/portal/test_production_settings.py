"""What `portal.settings.production` reads from the environment: cache, mail, tasks,
proxies, sessions."""

from tests.portal.conftest import load_production_settings


def test_the_cache_is_the_shared_redis_of_cache_url():
    values = load_production_settings(CACHE_URL="redis://cache.internal:6379/1")

    assert values["CACHES"]["default"] == {
        "BACKEND": "portal.cache.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }


def test_rate_limits_count_in_the_shared_cache():
    values = load_production_settings()

    assert values.get("RATELIMIT_USE_CACHE", "default") == "default"
    assert "django_ratelimit.E003" not in values["SILENCED_SYSTEM_CHECKS"]


def test_mail_leaves_through_the_smtp_server_of_the_environment():
    values = load_production_settings(
        EMAIL_HOST="smtp.example", EMAIL_PORT="465", DEFAULT_FROM_EMAIL="DuoDay <a@b.fr>"
    )

    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("smtp.example", 465)
    assert values["SERVER_EMAIL"] == "DuoDay <a@b.fr>"


def test_emails_are_queued_for_the_worker():
    values = load_production_settings()

    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_the_number_of_trusted_proxies_comes_from_proxy_count():
    assert load_production_settings(PROXY_COUNT="2")["TRUSTED_PROXY_COUNT"] == 2
    assert load_production_settings(PROXY_COUNT=None)["TRUSTED_PROXY_COUNT"] == 1


def test_tls_is_known_from_the_load_balancer_header():
    values = load_production_settings()

    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert values["SECURE_SSL_REDIRECT"] is True


def test_sessions_end_with_the_browser_and_after_four_hours_at_most():
    values = load_production_settings()

    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["SESSION_COOKIE_AGE"] == 4 * 60 * 60
    assert values["SESSION_COOKIE_SECURE"] is True
