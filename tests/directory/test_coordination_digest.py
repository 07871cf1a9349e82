"""What waits for the coordinators: the counts on the admin dashboard and the daily digest
e-mailed to the « Coordination » group (`send_coordination_digest`)."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import CoordinationDigest, ModificationRequest, Structure
from directory.services import prepare_coordination_digest
from tests.factories import ModificationRequestFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinators():
    return [UserFactory(coordinator=True), UserFactory(coordinator=True)]


def digest(django_capture_on_commit_callbacks, now=None):
    with django_capture_on_commit_callbacks(execute=True):
        return prepare_coordination_digest(now)


def test_digest_lists_new_support_structures_and_modification_requests(
    coordinators, mailoutbox, django_capture_on_commit_callbacks
):
    structure = StructureFactory(support=True, name="IME Les Tilleuls")
    modification = ModificationRequestFactory(structure=StructureFactory(name="Boulangerie Duval"))
    StructureFactory(support=True, validated=True, name="Cap Emploi déjà validé")
    UserFactory(editor=True)

    assert digest(django_capture_on_commit_callbacks) is not None

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        coordinator.email for coordinator in coordinators
    )
    body = mailoutbox[0].body
    assert "IME Les Tilleuls" in body
    assert "Boulangerie Duval" in body
    assert "Cap Emploi déjà validé" not in body
    validate = reverse("directory_structure_modeladmin_validate", args=[structure.pk])
    process = reverse("directory_modificationrequest_modeladmin_process", args=[modification.pk])
    assert f"http://testserver{validate}" in body or f"{validate}" in body
    assert process in body
    links = re.findall(r"https?://\S+", body)
    assert all(link.startswith("http") for link in links)


def test_digest_is_not_sent_when_nothing_waits(
    coordinators, mailoutbox, django_capture_on_commit_callbacks
):
    StructureFactory(support=True, validated=True)

    assert digest(django_capture_on_commit_callbacks) is None
    assert mailoutbox == []
    assert not CoordinationDigest.objects.exists()


def test_digest_is_never_sent_twice_the_same_day(
    coordinators, mailoutbox, django_capture_on_commit_callbacks
):
    morning = timezone.localtime().replace(hour=8, minute=0)
    StructureFactory(support=True, created_at=morning - datetime.timedelta(hours=1))
    digest(django_capture_on_commit_callbacks, morning)
    StructureFactory(support=True, created_at=morning + datetime.timedelta(minutes=30))

    assert digest(django_capture_on_commit_callbacks, morning + datetime.timedelta(hours=1)) is None
    assert len(mailoutbox) == len(coordinators)


def test_digest_says_only_what_is_new_since_the_last_one(
    coordinators, mailoutbox, django_capture_on_commit_callbacks
):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    StructureFactory(
        support=True, name="Ancienne SA", created_at=yesterday - datetime.timedelta(hours=1)
    )
    digest(django_capture_on_commit_callbacks, yesterday)
    mailoutbox.clear()

    assert digest(django_capture_on_commit_callbacks) is None  # nothing new since
    StructureFactory(support=True, name="Nouvelle SA")
    assert digest(django_capture_on_commit_callbacks) is not None

    body = mailoutbox[0].body
    assert "Nouvelle SA" in body
    assert "Ancienne SA" not in body.split("En tout")[0]


def test_the_command_sends_the_digest(coordinators, mailoutbox, django_capture_on_commit_callbacks):
    StructureFactory(support=True)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_coordination_digest")
        call_command("send_coordination_digest")

    assert len(mailoutbox) == len(coordinators)
    assert CoordinationDigest.objects.count() == 1


# The dashboard


def test_dashboard_shows_what_waits_with_links_to_the_filtered_listings(client):
    client.force_login(UserFactory(coordinator=True))
    StructureFactory.create_batch(2, support=True)
    StructureFactory(support=True, validated=True)
    ModificationRequestFactory()
    ModificationRequestFactory(status=ModificationRequest.Status.PROCESSED)

    response = client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert re.search(r'data-figure="support_to_validate">\s*2\s*<', content)
    assert re.search(r'data-figure="modification_requests">\s*1\s*<', content)
    structures_link = re.search(r'href="([^"]*validation=pending[^"]*)"', content).group(1)
    requests_link = re.search(r'href="([^"]*status__exact=pending[^"]*)"', content).group(1)
    listed = client.get(structures_link.replace("&amp;", "&")).context["object_list"]
    assert len(listed) == 2
    assert all(structure.is_support and not structure.is_validated for structure in listed)
    assert len(client.get(requests_link.replace("&amp;", "&")).context["object_list"]) == 1


def test_editor_sees_no_waiting_panel(client):
    client.force_login(UserFactory(editor=True))
    StructureFactory(support=True)

    response = client.get(reverse("wagtailadmin_home"))

    assert "support_to_validate" not in response.content.decode()


@pytest.mark.parametrize("count", [2, 20])
def test_dashboard_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    client.force_login(UserFactory(coordinator=True))
    StructureFactory.create_batch(count, support=True)
    ModificationRequestFactory.create_batch(count)
    client.get(reverse("wagtailadmin_home"))

    with django_assert_max_num_queries(40):
        response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert Structure.objects.count() >= count
