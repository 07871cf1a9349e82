"""Production: everything that differs comes from the environment.

The default of `portal/wsgi.py`. `manage.py` defaults to `portal.settings.dev`: run the
management commands of a production server with
`DJANGO_SETTINGS_MODULE=portal.settings.production`.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import *  # noqa: F403


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as missing:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.") from missing

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",  # noqa: F405
        conn_max_age=600,
        conn_health_checks=True,
    )
}
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "https://www.duoday.fr")

# Cache shared by every app server: the rate limits count there (portal/rate_limits.py).
# A per-process cache would give each worker its own allowance.
try:
    CACHES = {
        "default": {
            # Django's RedisCache, its Redis client built once per process (portal/cache.py).
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
except KeyError as missing:
    raise ImproperlyConfigured(
        "CACHE_URL must be set in the environment (redis://host:6379/0): the rate limits "
        "need a cache shared by every app server."
    ) from missing
# Sessions read from that cache, written through to the database (which keeps them across
# a Redis restart): one query less on every logged-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# django-ratelimit 4.1 lists only django-redis among Redis backends; Django's own
# RedisCache increments atomically too (Redis INCR). Its local-memory error stays on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# E-mail through SMTP.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# E-mails leave in the background: database queue, `manage.py db_worker` process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Behind a TLS-terminating load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# The number of proxies in front of the application that append to X-Forwarded-For (the
# load balancer: 1). The client's address is the entry that many positions from the right
# (portal/client_address.py); set it exactly: one too many trusts what the client wrote.
TRUSTED_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))

LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "INFO"}}  # noqa: F405
