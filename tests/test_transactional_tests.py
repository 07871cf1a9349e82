"""A test with `transaction=True` commits for real and empties every table when it ends;
tests/conftest.py puts the migrations' data and the site tree back, so that the tests
after it on the same worker (and further concurrency tests on PostgreSQL) find them.

pytest-django runs transactional tests after the others, in file order: the second test
below runs after the first one has emptied the database.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Site

from directory.models import Department, Structure
from home.models import HomePage
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def migrations_and_site_content():
    return {
        "departments": Department.objects.count(),
        "staff groups": Group.objects.filter(name__in=["Éditeurs", "Coordination"]).count(),
        "home pages": HomePage.objects.count(),
        "default site on the home page": Site.objects.filter(
            is_default_site=True, root_page__in=HomePage.objects.all()
        ).count(),
        "documentary collections": Collection.objects.filter(depth=2).count() > 0,
    }


EXPECTED = {
    "departments": 101,
    "staff groups": 2,
    "home pages": 1,
    "default site on the home page": 1,
    "documentary collections": True,
}


def test_a_transactional_test_commits_data_and_finds_the_site():
    StructureFactory(name="Structure commise")

    assert Structure.objects.filter(name="Structure commise").exists()
    assert migrations_and_site_content() == EXPECTED


def test_the_next_transactional_test_finds_the_site_again_but_not_the_committed_data():
    assert migrations_and_site_content() == EXPECTED
    assert not Structure.objects.filter(name="Structure commise").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_serialized_rollback_test_starts_from_the_same_content():
    assert migrations_and_site_content() == EXPECTED
