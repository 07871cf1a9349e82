"""`manage.py seed_demo` and `manage.py setup_site` can be run again and again; seed_demo,
whose staff accounts have the README's public password, only in development."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from directory.models import User
from home.models import HomePage, NewsPage


def seed_demo():
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def development(settings):
    """As under `portal.settings.dev` (`make run`), where seed_demo is meant to run."""
    settings.DEBUG = True


def content_counts():
    return {
        "pages": Page.objects.count(),
        "news": NewsPage.objects.count(),
        "documents": get_document_model().objects.count(),
        "users": User.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture
def fresh_install(db):
    """The database as `migrate` leaves it: Wagtail's placeholder page is the site's root."""
    placeholder = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="welcome")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = placeholder
    site.save()
    HomePage.objects.get().delete()


def test_seed_demo_builds_the_site_on_a_fresh_install(client, fresh_install):
    seed_demo()

    assert Site.objects.get().root_page.specific_class is HomePage
    assert client.get("/").status_code == 200


def test_seed_demo_removes_wagtail_placeholder_page(fresh_install):
    seed_demo()

    assert not Page.objects.filter(slug="welcome").exists()


def test_seed_demo_loads_news_documents_and_demo_logins(db):
    seed_demo()

    assert NewsPage.objects.count() == 3
    assert get_document_model().objects.count() == 5
    assert User.objects.filter(email="editrice@duoday.fr", groups__name="Éditeurs").exists()
    assert User.objects.filter(email="coordination@duoday.fr", groups__name="Coordination").exists()


def test_seed_demo_run_twice_adds_nothing_the_second_time(fresh_install):
    seed_demo()
    counts_after_first_run = content_counts()

    seed_demo()

    assert content_counts() == counts_after_first_run


def test_seed_demo_prints_the_demo_logins(db):
    output = io.StringIO()

    call_command("seed_demo", stdout=output)

    assert "Identifiants de démonstration (mot de passe : DuoDay-demo-2026)" in output.getvalue()
    assert "editrice@duoday.fr" in output.getvalue()


def test_setup_site_run_twice_adds_nothing_the_second_time(db):
    call_command("setup_site", stdout=io.StringIO())
    counts_after_first_run = content_counts()

    call_command("setup_site", stdout=io.StringIO())

    assert content_counts() == counts_after_first_run


def test_seed_demo_is_refused_outside_development(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="seed_demo est réservé au développement"):
        seed_demo()

    assert not User.objects.filter(email="coordination@duoday.fr").exists()


def test_seed_demo_outside_development_runs_when_explicitly_forced(db, settings):
    settings.DEBUG = False

    call_command("seed_demo", "--force-outside-development", stdout=io.StringIO())

    assert User.objects.filter(email="coordination@duoday.fr").exists()
