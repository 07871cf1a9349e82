"""Production settings pass Django's deployment checks without a single warning."""

import os
import secrets
import subprocess
import sys

from tests.strict_templates import REPO_ROOT


def manage_with_production_settings(*arguments, **environment_overrides):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "duoday.example",
        "CACHE_URL": "redis://cache.invalid:6379/0",
        **environment_overrides,
    }
    environment.pop("DATABASE_URL", None)
    for name in [name for name, value in environment.items() if value is None]:
        del environment[name]
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage_with_production_settings("check", "--deploy")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "System check identified some issues" not in output
    assert "System check identified no issues" in output


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage_with_production_settings("check", SECRET_KEY=None)

    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment." in result.stderr


def test_production_settings_refuse_to_start_without_a_shared_cache():
    result = manage_with_production_settings("check", CACHE_URL=None)

    assert result.returncode != 0
    assert "CACHE_URL must be set in the environment" in result.stderr
