"""Strict test set-up, in the manner of betagouv/itou's conftest.

- An undefined variable in one of the project's templates fails the test.
- Every test starts with empty caches and writes its files to its own MEDIA_ROOT.
- The test database holds the public site that `manage.py setup_site` builds.
- A background task that fails fails the test (the immediate backend only records it).
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

from documents.setup import setup_collections
from home.setup import setup_site
from tests.strict_templates import StrictStringIfInvalid


def pytest_configure(config):
    django_settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = StrictStringIfInvalid()


@pytest.fixture(autouse=True)
def empty_caches():
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


class BackgroundTaskFailed(AssertionError):
    pass


def raise_failed_task(sender, task_result, **kwargs):
    if task_result.status == TaskResultStatus.FAILED:
        raise BackgroundTaskFailed(task_result.errors[-1].traceback)


@pytest.fixture(autouse=True)
def failing_tasks_fail_the_test():
    task_finished.connect(raise_failed_task, dispatch_uid="tests.raise_failed_task")
    yield
    task_finished.disconnect(dispatch_uid="tests.raise_failed_task")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Documents and images of each test go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the public site once in the test database: every test starts from it.

    `setup_site` publishes a dozen pages; doing it once per worker instead of once per test
    keeps the suite fast. Each test's changes are rolled back as usual.
    """
    with django_db_blocker.unblock():
        setup_site()
        setup_collections()


@pytest.fixture
def site_tree(db):
    """The public site as `setup_site` builds it, with the documentary collections.

    Both functions are idempotent: here they find what `django_db_setup` built.
    """
    pages = setup_site()
    pages["collections"] = setup_collections()
    return pages
