"""Hostile input in the coordinators' admin: never an error page, nothing saved on error.

Every « DuoDay » listing gets hostile values in its query string (its declared filters,
the search `q`, the ordering `o`, the page `p`, the export, and parameters it does not
declare); the admin forms the project defines (a structure's correction, an edition's
creation and correction, the confirmation pages of « Valider », « Marquer comme traitée »
and « Rendre courante ») get them in their fields and in `next`.
"""

import datetime
import itertools
from urllib.parse import quote

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import ModificationRequest, Structure
from offers.models import Edition, Offer
from portal.admin import duoday_admin
from tests.factories import (
    DuoFactory,
    EditionFactory,
    InvitationFactory,
    ModificationRequestFactory,
    OfferFactory,
    StructureFactory,
    UserFactory,
)

HOSTILE = [
    "",
    " ",
    "a" * 10_000,
    "mot " * 2_500,
    "\x00",
    "ateliers\x00",
    "😀👩🏽‍💻",
    "\u202eédition\u200f",
    "<script>alert(1)</script>",
    '=HYPERLINK("https://exemple.invalid","Cliquez")',
    "٣",
    "１２",
    "-1",
    "0",
    "9" * 30,
    "9" * 5_000,
    "1e5",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "null",
    "True",
    "2026-13-45",
    "..",
    "//exemple.invalid/",
    "https://exemple.invalid/",
    "javascript:alert(1)",
    "\r\nSet-Cookie: x=1",
]
hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))


def hostile_fields(names):
    """Some of the form's fields, each with a hostile value."""
    return st.dictionaries(st.sampled_from(names), hostile, min_size=1)


EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def coordinator_client(client, db):
    client.force_login(UserFactory(coordinator=True))
    return client


def read(response):
    """The whole response, so that a lazy export runs its queries here (and the test
    client closes it)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response


# Listings


@pytest.fixture
def listings(coordinator_client):
    """[(listing URL, the parameters it declares)], with one row at least in each."""
    current = EditionFactory(current=True)
    DuoFactory(offer=OfferFactory(edition=current))
    InvitationFactory()
    ModificationRequestFactory()
    StructureFactory(support=True)
    found = []
    for model_admin in duoday_admin.modeladmin_instances:
        url = model_admin.url_helper.index_url
        view = coordinator_client.get(url).context["view"]
        declared = [
            parameter
            for spec in view.filter_specs
            for parameter in spec.expected_parameters()
            if parameter is not None
        ]
        found.append((url, declared))
    return found


UNDECLARED = [
    "password__startswith",
    "token__startswith",
    "structure__referents__password__regex",
    "pk__in",
    "zzz",
    "e",
    "ot",
]


@EXAMPLES
@given(data=st.data())
def test_listings_never_fail_on_a_hostile_query_string(coordinator_client, listings, data):
    url, declared = data.draw(st.sampled_from(listings))
    names = st.one_of(st.sampled_from([*declared, "q", "o", "p", *UNDECLARED]), hostile)
    params = data.draw(st.dictionaries(names, hostile, max_size=4))
    params.update(data.draw(st.sampled_from([{}, {"export": "csv"}, {"export": "xlsx"}])))

    response = read(coordinator_client.get(url, params))

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == url


@EXAMPLES
@given(
    name=st.sampled_from(
        ["directory_structure", "directory_modificationrequest", "offers_edition", "offers_duo"]
    ),
    view=st.sampled_from(["inspect", "history", "edit"]),
    object_id=hostile.filter(lambda text: text and "/" not in text),
)
def test_object_views_never_fail_on_a_hostile_id(coordinator_client, name, view, object_id):
    response = coordinator_client.get(
        f"/admin/{name.replace('_', '/', 1)}/{view}/{quote(object_id)}/"
    )

    assert response.status_code in (302, 404)


# Forms


def snapshot(instance):
    instance.refresh_from_db()
    return model_to_dict(instance)


@pytest.fixture
def support_structure(db):
    return StructureFactory(support=True, validated=True, served_departments=["69", "01"])


STRUCTURE_FIELDS = [
    "name",
    "siret",
    "structure_type",
    "address",
    "postcode",
    "commune",
    "department",
    "served_departments",
    "phone",
    "email",
]


@EXAMPLES
@given(data=st.data())
def test_a_structure_correction_never_fails_and_keeps_nothing_on_error(
    coordinator_client, support_structure, data
):
    before = snapshot(support_structure)
    post = {
        **{key: value for key, value in before.items() if key in STRUCTURE_FIELDS},
        "served_departments": [department.pk for department in before["served_departments"]],
    }
    post.update(data.draw(hostile_fields(STRUCTURE_FIELDS)))
    url = reverse("directory_structure_modeladmin_edit", args=[support_structure.pk])

    response = coordinator_client.post(url, post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert snapshot(support_structure) == before


EDITION_FIELDS = ["year", "duoday_date", "registration_opens", "registration_closes"]


def edition_form(year):
    return {
        "year": year,
        "duoday_date": f"{year}-11-18",
        "registration_opens": f"{year}-09-01",
        "registration_closes": f"{year}-11-10",
    }


@pytest.fixture
def current_edition(db):
    return EditionFactory(current=True)


@EXAMPLES
@given(data=st.data())
def test_an_edition_creation_never_fails_and_saves_nothing_on_error(
    coordinator_client, current_edition, data
):
    count = Edition.objects.count()
    year = timezone.localdate().year + 2
    post = {
        **edition_form(year),
        **data.draw(hostile_fields(EDITION_FIELDS)),
    }

    response = coordinator_client.post(reverse("offers_edition_modeladmin_create"), post)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Edition.objects.count() == count


@EXAMPLES
@given(data=st.data())
def test_an_edition_correction_never_fails_and_keeps_nothing_on_error(
    coordinator_client, current_edition, data
):
    year = timezone.localdate().year + 3
    edition = Edition.objects.filter(year=year).first() or EditionFactory(year=year)
    before = snapshot(edition)
    post = {
        **edition_form(year),
        **data.draw(hostile_fields(EDITION_FIELDS)),
    }

    response = coordinator_client.post(
        reverse("offers_edition_modeladmin_edit", args=[edition.pk]), post
    )

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert snapshot(edition) == before


# Confirmation pages: « Valider », « Marquer comme traitée », « Rendre courante »

years = itertools.count(timezone.localdate().year + 10)


@EXAMPLES
@given(next_url=hostile, response_text=hostile, method=st.sampled_from(["get", "post"]))
def test_processing_a_request_never_fails_and_keeps_nothing_on_error(
    coordinator_client, next_url, response_text, method
):
    modification = ModificationRequestFactory()
    url = reverse("directory_modificationrequest_modeladmin_process", args=[modification.pk])

    response = getattr(coordinator_client, method)(
        url, {"next": next_url, "response": response_text}
    )

    assert response.status_code in (200, 302)
    modification.refresh_from_db()
    if response.status_code == 200:
        assert modification.status == ModificationRequest.Status.PENDING
    else:
        assert not response["Location"].startswith(("//", "http", "javascript"))


@EXAMPLES
@given(next_url=hostile, method=st.sampled_from(["get", "post"]))
def test_validating_a_structure_never_fails_on_a_hostile_next_page(
    coordinator_client, next_url, method
):
    structure = StructureFactory(support=True)
    url = reverse("directory_structure_modeladmin_validate", args=[structure.pk])

    response = getattr(coordinator_client, method)(url, {"next": next_url})

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert not response["Location"].startswith(("//", "http", "javascript"))
    assert Structure.objects.get(pk=structure.pk).is_validated == (method == "post")


@EXAMPLES
@given(next_url=hostile, method=st.sampled_from(["get", "post"]))
def test_making_an_edition_current_never_fails_on_a_hostile_next_page(
    coordinator_client, next_url, method
):
    year = next(years)
    edition = EditionFactory(
        year=year,
        duoday_date=datetime.date(year, 11, 18),
        registration_opens=datetime.date(year, 9, 1),
        registration_closes=datetime.date(year, 11, 10),
    )
    url = reverse("offers_edition_modeladmin_make_current", args=[edition.pk])

    response = getattr(coordinator_client, method)(url, {"next": next_url})

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert not response["Location"].startswith(("//", "http", "javascript"))


# « Annuler le duo », « Supprimer l’offre »: a reason and a next page


@EXAMPLES
@given(next_url=hostile, reason=hostile, method=st.sampled_from(["get", "post"]))
def test_cancelling_a_duo_never_fails_and_does_nothing_on_error(
    coordinator_client, next_url, reason, method
):
    duo = DuoFactory()
    url = reverse("offers_duo_modeladmin_cancel", args=[duo.pk])

    response = getattr(coordinator_client, method)(url, {"next": next_url, "reason": reason})

    assert response.status_code in (200, 302)
    duo.refresh_from_db()
    if response.status_code == 200:
        assert duo.cancelled_at is None
    else:
        assert not response["Location"].startswith(("//", "http", "javascript"))
        assert duo.cancelled_at is not None


@EXAMPLES
@given(next_url=hostile, reason=hostile, method=st.sampled_from(["get", "post"]))
def test_deleting_a_filled_offer_never_fails_and_does_nothing_on_error(
    coordinator_client, next_url, reason, method
):
    offer = DuoFactory().offer
    url = reverse("offers_offer_modeladmin_delete_filled", args=[offer.pk])

    response = getattr(coordinator_client, method)(url, {"next": next_url, "reason": reason})

    assert response.status_code in (200, 302)
    exists = Offer.objects.filter(pk=offer.pk).exists()
    if response.status_code == 200:
        assert exists
    else:
        assert not response["Location"].startswith(("//", "http", "javascript"))
        assert not exists
