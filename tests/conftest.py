"""Strict test set-up, in the manner of betagouv/itou's conftest.

- An undefined variable in one of the project's templates fails the test.
- Every test starts with empty caches and writes its files to its own MEDIA_ROOT.
- A background task that fails fails the test (the immediate backend only records it).
- The test database holds the public site that `manage.py setup_site` builds, and gets it
  back after a test with `transaction=True` (which empties every table when it ends).
- A `select_for_update()` that joins another table without `of=` fails the test.
- A query without ORDER BY comes back in random order (as in gip-inclusion/les-emplois'
  conftest): code that relies on the database's implicit order fails, sooner or later.
"""

import json
import os
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import OrderBy
from django.db.models.functions import Random
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.datastructures import Join
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from pytest_django.plugin import blocking_manager_key

from directory.models import Department
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

    The whole content is then kept (Django's test serialisation): the migrations' data
    (departments, staff groups, Wagtail's root page, site and collections) and the site
    tree. A test with `transaction=True` commits for real and empties every table when it
    ends; `restore_after_transactional_tests` puts this content back, and a test marked
    `serialized_rollback=True` starts from it too.
    """
    with django_db_blocker.unblock():
        setup_site()
        setup_collections()
        connection = connections[DEFAULT_DB_ALIAS]
        connection._test_serialized_contents = content_types_first(
            connection.creation.serialize_db_to_string()
        )


def content_types_first(serialized):
    """The serialised content with the content types first: while it is loaded back, Wagtail's
    signal handlers look content types up, and would create them under new ids if they were
    not there yet."""
    objects = json.loads(serialized)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture
def site_tree(db):
    """The public site as `setup_site` builds it, with the documentary collections.

    Both functions are idempotent: here they find what `django_db_setup` built.
    """
    pages = setup_site()
    pages["collections"] = setup_collections()
    return pages


# Transactional tests: the database's content back afterwards


def is_transactional(item):
    """Whether pytest-django runs `item` in a TransactionTestCase (as it decides itself)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction = marker.kwargs.get("transaction", marker.args[0] if marker.args else False)
        if transaction or marker.kwargs.get("reset_sequences"):
            return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


def restore_database_content():
    """After a transactional test, the content `django_db_setup` kept, if it is gone."""
    connection = connections[DEFAULT_DB_ALIAS]
    if Department.objects.exists():
        return  # the test did not run (skipped): nothing was emptied
    # Empty again without post_migrate, which recreated content types and permissions
    # under new ids, then load everything back with its ids.
    call_command(
        "flush",
        database=DEFAULT_DB_ALIAS,
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    # post_migrate cached the content types it recreated, under ids now gone.
    ContentType.objects.clear_cache()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a transactional test's teardown has emptied the tables, fill them again: the
    tests that follow on this worker (with `--dist loadfile`, any kind) expect the
    departments, groups and site tree of the migrations and `django_db_setup`."""
    result = yield
    # After the session's last test (nextitem None), the test database is gone already and
    # the connection points at the real one again: never touch it.
    if is_transactional(item) and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            restore_database_content()
    return result


# Row locks: only the rows of the queried table


def joined_tables(query):
    return [
        table.table_name
        for alias, table in query.alias_map.items()
        if isinstance(table, Join) and query.alias_refcount.get(alias)
    ]


def called_from_the_project():
    """Whether the code that built the query is the project's: the first caller outside
    Django. (Third-party code is not ours to change: treebeard locks a Wagtail page, which
    joins its parent table `wagtailcore_page`, when a page gets a child.)"""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if f"{os.sep}django{os.sep}" not in filename and "conftest" not in filename:
            return "site-packages" not in filename
        frame = frame.f_back
    return True


@pytest.fixture(autouse=True)
def select_for_update_locks_only_its_own_rows(monkeypatch):
    """Fail a `select_for_update()` joined to another table (`select_related`, a filter
    across a relation) without `of=`: PostgreSQL would lock the joined rows too (the
    current edition's row behind every offer transition). Checked on the query itself,
    so on SQLite as well, which emits no FOR UPDATE."""
    get_from_clause = SQLCompiler.get_from_clause

    def checked_get_from_clause(compiler):
        # Called for the outer query's FROM only (a subquery has its own compiler), while
        # the reference counts say which joins the query uses.
        from_clause = get_from_clause(compiler)
        query = compiler.query
        if query.select_for_update and not query.select_for_update_of:
            joined = joined_tables(query)
            if joined and called_from_the_project():
                pytest.fail(
                    f"select_for_update() on {query.model._meta.label} joins {joined} without "
                    'of=: it would lock their rows too. Pass of=("self",) or the relations '
                    "to lock."
                )
        return from_clause

    monkeypatch.setattr(SQLCompiler, "get_from_clause", checked_get_from_clause)


# Unordered queries: in random order


def may_be_shuffled(compiler):
    """Whether an unordered query may get `ORDER BY RANDOM()` without changing its meaning:
    a query of its own (not a subquery nor part of a UNION), not DISTINCT (PostgreSQL wants
    DISTINCT's ORDER BY in the select list), not one aggregate row."""
    query = compiler.query
    if query.subquery or query.combinator or query.distinct or compiler.query.is_empty():
        return False
    if query.group_by is None and any(
        getattr(annotation, "contains_aggregate", False)
        for annotation in query.annotation_select.values()
    ):
        return False
    return True


@pytest.fixture(autouse=True)
def unordered_queries_come_back_in_random_order(monkeypatch):
    """Order the project's queries that have no ORDER BY at random: the database's order
    (insertion order, most of the time) is no promise, and a page or an export that shows
    rows in it changes order in production some day. Add `order_by()` where order matters."""
    get_order_by = SQLCompiler.get_order_by

    def shuffled_get_order_by(compiler):
        order_by = get_order_by(compiler)
        if order_by or not may_be_shuffled(compiler) or not called_from_the_project():
            return order_by
        random_order = OrderBy(Random()).resolve_expression(compiler.query)
        return [(random_order, (*compiler.compile(random_order), False))]

    monkeypatch.setattr(SQLCompiler, "get_order_by", shuffled_get_order_by)
