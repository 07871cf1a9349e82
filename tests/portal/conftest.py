"""Production settings under test: `portal.settings.production` as a server loads it.

`production_settings` loads the module with a fake environment and applies its values to
the test run (pytest-django's `settings`), except the infrastructure that a test run
replaces: database, cache server, SMTP, task worker, collected static files, media,
logging and the slow password hasher. Proxy headers, lockout, rate limits, security
headers and sessions are then production's own.
"""

import importlib.util
import os
from unittest import mock

import pytest
from django.test import Client

from tests.strict_templates import REPO_ROOT

PRODUCTION_SETTINGS_FILE = REPO_ROOT / "portal" / "settings" / "production.py"
PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": "production-settings-under-test",
    "ALLOWED_HOSTS": "testserver",
    "CACHE_URL": "redis://cache.invalid:6379/0",
}
REPLACED_BY_THE_TEST_RUN = {
    "CACHES",  # local memory instead of Redis: atomic too within one process
    "DATABASES",
    "EMAIL_BACKEND",  # mail.outbox instead of SMTP
    "LOGGING",
    "MEDIA_ROOT",
    "PASSWORD_HASHERS",
    "SECRET_KEY",
    "SILENCED_SYSTEM_CHECKS",
    "STORAGES",  # no collectstatic before the tests
    "TASKS",  # e-mails sent at once, so that mail.outbox shows them
}
# The address of the load balancer as the application sees it (REMOTE_ADDR).
LOAD_BALANCER = "10.0.0.2"


def load_production_settings(**environment):
    """The upper-case names of `portal.settings.production` loaded with `environment`."""
    environment = {**PRODUCTION_ENVIRONMENT, **environment}
    present = {name: value for name, value in environment.items() if value is not None}
    with mock.patch.dict(os.environ, present):
        for name in environment.keys() - present.keys():
            os.environ.pop(name, None)
        spec = importlib.util.spec_from_file_location(
            "production_settings_under_test", PRODUCTION_SETTINGS_FILE
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


@pytest.fixture
def production_settings(settings):
    missing = object()
    for name, value in load_production_settings().items():
        if name not in REPLACED_BY_THE_TEST_RUN and getattr(settings, name, missing) != value:
            setattr(settings, name, value)
    return settings


@pytest.fixture
def production_client(production_settings):
    """A browser behind the load balancer, which ends TLS. Each request passes the
    X-Forwarded-For the balancer sends: what the client wrote, plus the address it
    appended (`HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5"`)."""
    return Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_PROTO="https")
