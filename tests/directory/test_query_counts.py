"""The « Mon compte » pages run as many SQL queries for 3 referents, invitations and
modification requests as for 30 (spec §9: « a bounded number of SQL queries, whatever the
data size »).

The bounds are what the pages run today on a warm request (Wagtail's site and settings
cached); a change that adds a query per referent, invitation, request or department breaks
them.
"""

import pytest
from django.urls import reverse

from directory.models import Department
from tests.factories import (
    InvitationFactory,
    ModificationRequestFactory,
    ReferentFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db

DATA_SIZES = [3, 30]

ACCOUNT_QUERIES = 12
SUPPORT_ACCOUNT_QUERIES = 13  # + the served departments
ACCEPT_INVITATION_QUERIES = 6  # no session, no user: an anonymous visitor
INVITE_REFERENT_QUERIES = 8
MODIFICATION_REQUEST_QUERIES = 8


def populate(structure, count):
    """`count` colleagues (one in three deactivated), pending invitations and modification
    requests in `structure`; returns one of its active referents."""
    referent = ReferentFactory(structure=structure)
    for number in range(count):
        ReferentFactory(structure=structure, is_active=number % 3 != 0)
    InvitationFactory.create_batch(count, structure=structure, invited_by=referent)
    ModificationRequestFactory.create_batch(count, structure=structure, author=referent)
    return referent


def get_twice(client, user, url):
    """Log in, warm the caches with a first request, and return a function for the second."""
    if user is not None:
        client.force_login(user)
    client.get(url)
    return lambda: client.get(url)


@pytest.mark.parametrize("count", DATA_SIZES)
def test_account_queries_do_not_grow_with_referents_invitations_or_requests(
    client, django_assert_max_num_queries, count
):
    referent = populate(StructureFactory(), count)
    request = get_twice(client, referent, reverse("directory:account"))

    with django_assert_max_num_queries(ACCOUNT_QUERIES):
        response = request()

    assert len(response.context["referents"]) == count + 1
    assert len(response.context["pending_invitations"]) == count


@pytest.mark.parametrize("count", DATA_SIZES)
def test_support_account_queries_do_not_grow_with_served_departments(
    client, django_assert_max_num_queries, count
):
    served = Department.objects.order_by("code")[:count]
    referent = populate(
        StructureFactory(support=True, validated=True, served_departments=served), count
    )
    request = get_twice(client, referent, reverse("directory:account"))

    with django_assert_max_num_queries(SUPPORT_ACCOUNT_QUERIES):
        response = request()

    assert len(response.context["served_departments"]) == count


@pytest.mark.parametrize("count", DATA_SIZES)
def test_invitation_acceptance_page_queries_do_not_grow_with_the_structure(
    client, django_assert_max_num_queries, count
):
    referent = populate(StructureFactory(), count)
    invitation = InvitationFactory(structure=referent.structure, invited_by=referent)
    request = get_twice(
        client, None, reverse("directory:accept_invitation", args=[invitation.link_token()])
    )

    with django_assert_max_num_queries(ACCEPT_INVITATION_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_add_referent_page_queries_do_not_grow_with_referents_or_invitations(
    client, django_assert_max_num_queries, count
):
    referent = populate(StructureFactory(), count)
    request = get_twice(client, referent, reverse("directory:invite_referent"))

    with django_assert_max_num_queries(INVITE_REFERENT_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_modification_request_page_queries_do_not_grow_with_requests(
    client, django_assert_max_num_queries, count
):
    referent = populate(StructureFactory(), count)
    request = get_twice(client, referent, reverse("directory:modification_request"))

    with django_assert_max_num_queries(MODIFICATION_REQUEST_QUERIES):
        response = request()

    assert response.status_code == 200
