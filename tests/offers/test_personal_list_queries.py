"""The personal lists (employer « Offres », « Annuaire des SA », SA « Offres », « Mes duos »,
« Historique ») run EXACTLY as many queries at two data sizes (issue 10), and no more than
their bound: session, user and structure, the tab's count, the page's own queries, the
site; the footer's settings and pages and the menu come from the shared cache
(portal/page_cache.py) once warm."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import StructureFactory
from tests.offers.test_query_counts import get_twice, populate  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12

LISTS = {
    # name: (who, URL, most queries): the counts measured (session, user and structure,
    # the page's count and rows, the filters' choices, the site and its settings)
    "employer_offers": ("employer", reverse("offers:list"), 8),
    "support_directory": ("employer", reverse("directory:support_directory"), 9),
    "employer_history": ("employer", reverse("offers:history"), 6),
    "support_offers": ("support_referent", reverse("offers:list"), 7),
    "my_duos": ("support_referent", reverse("offers:my_duos"), 7),
    "support_history": ("support_referent", reverse("offers:history"), 6),
}


@pytest.fixture
def grow(populate):  # noqa: F811 (the imported fixture)
    """`count` more of everything each list shows: the offers, interests and duos of
    test_query_counts's `populate`, and SAs serving the employer's department."""

    def grow(count):
        populate(count)
        StructureFactory.create_batch(
            count, support=True, validated=True, served_departments=["69"]
        )

    return grow


def queries_of(client, user, url):
    request = get_twice(client, user, url)
    with CaptureQueriesContext(connection) as context:
        response = request()
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("name", LISTS)
def test_personal_list_runs_the_same_queries_at_two_sizes(
    client, request, grow, employer, support_referent, name
):
    who, url, most = LISTS[name]
    user = request.getfixturevalue(who)
    grow(SMALL)
    small = queries_of(client, user, url)
    grow(LARGE)
    large = queries_of(client, user, url)

    assert small == large, f"{name}: {small} queries, then {large}"
    assert large <= most, f"{name}: {large} queries, more than {most}"
