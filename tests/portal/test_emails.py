"""The e-mail tasks as production runs them: queued in the database (django_tasks_db), sent
by `db_worker`. The queue never holds a token, a link, an address or a body; the worker
builds the links, and they work; finished tasks are pruned."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains

from directory.emails import send_invitation, send_password_reset
from directory.models import Invitation, User
from offers import workflow
from tests.directory.helpers import link_path
from tests.factories import (
    DEFAULT_PASSWORD,
    InvitationFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings, monkeypatch):
    """Production's task backend: tasks wait in the database until the worker runs.

    The worker closes the connection between tasks, which would end the test's transaction
    on PostgreSQL: here it keeps it.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def queued_arguments():
    return [json.dumps(task.args_kwargs, ensure_ascii=False) for task in DBTaskResult.objects.all()]


def run_worker():
    call_command(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
        stdout=io.StringIO(),
    )


def assert_queue_holds_none_of(*values):
    arguments = queued_arguments()
    assert arguments, "nothing was queued"
    for argument in arguments:
        assert "@" not in argument
        assert "http" not in argument
        for value in values:
            assert value not in argument


REGISTRATION = {
    "kind": "employer",
    "name": "Boulangerie Dupain",
    "siret": "73282932000074",
    "structure_type": "entreprise_privee",
    "address": "12 rue des Lilas",
    "postcode": "75011",
    "commune": "Paris",
    "structure_phone": "01 02 03 04 05",
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@dupain.fr",
    "phone": "06 11 22 33 44",
    "job_title": "Gérante",
    "password1": DEFAULT_PASSWORD,
    "password2": DEFAULT_PASSWORD,
}


def test_registration_queues_only_an_id_and_the_worker_sends_a_working_link(
    database_queue, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/inscription/", REGISTRATION)

    assert mailoutbox == []
    assert_queue_holds_none_of("Camille", "Martin", "Dupain", "/inscription/confirmer/")

    run_worker()

    [message] = mailoutbox
    assert message.to == ["camille.martin@dupain.fr"]
    assertContains(client.get(link_path(message)), "Votre compte est activé.")


def test_invitation_queues_no_token_and_the_worker_sends_a_working_link(
    database_queue, client, mailoutbox, django_capture_on_commit_callbacks
):
    referent = ReferentFactory(structure=StructureFactory(name="Boulangerie Dupain"))
    client.force_login(referent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/espace/compte/referents/ajouter/",
            {"first_name": "Alix", "last_name": "Bernard", "email": "alix.bernard@dupain.fr"},
        )
    invitation = Invitation.objects.get()

    assert_queue_holds_none_of(invitation.link_token(), invitation.token_hash, "Alix", "Dupain")

    run_worker()

    [message] = mailoutbox
    assert link_path(message) == f"/invitation/{invitation.link_token()}/"
    client.logout()
    assertContains(client.get(link_path(message)), "Activer mon compte")


def test_password_reset_queues_no_token_and_the_worker_sends_a_working_link(
    database_queue, client, mailoutbox
):
    user = ReferentFactory(email="camille.martin@dupain.fr")

    client.post("/mot-de-passe/oubli/", {"email": user.email})

    assert_queue_holds_none_of("/mot-de-passe/nouveau/")
    run_worker()
    [message] = mailoutbox
    assert message.to == [user.email]
    response = client.get(link_path(message), follow=True)
    assertContains(response, "Nouveau mot de passe")


def test_workflow_notifications_queue_ids_only(
    database_queue, mailoutbox, django_capture_on_commit_callbacks
):
    offer = OfferFactory(title="Vendeur en boulangerie", postcode="69003")
    support = ReferentFactory(
        structure=StructureFactory(support=True, validated=True, postcode="69001")
    )

    with django_capture_on_commit_callbacks(execute=True):
        workflow.declare_interest(offer, support.structure, support, "Nous avons une candidate.")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.form_duo(offer, support.structure, support, "Léa", "Durand")

    assert_queue_holds_none_of("Léa", "Durand", "candidate", "Vendeur")
    for task in DBTaskResult.objects.all():
        assert all(isinstance(value, int) for value in task.args_kwargs["args"])
        assert task.args_kwargs["kwargs"] == {}
    run_worker()
    assert len(mailoutbox) == 2


def test_a_task_for_an_object_gone_meanwhile_sends_nothing(
    database_queue, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory()
    send_invitation.enqueue(invitation.pk)
    invitation.delete()

    run_worker()

    assert mailoutbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# Pruning (README « Production »: daily, finished tasks kept 7 days)


def finished_task(days_ago, status="SUCCESSFUL"):
    finished_at = timezone.now() - datetime.timedelta(days=days_ago)
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="directory.emails.send_email_confirmation",
        backend_name="default",
        queue_name="default",
        run_after=finished_at,
        finished_at=finished_at,
        exception_class_path="",
        traceback="",
    )


def test_pruning_removes_the_tasks_finished_more_than_seven_days_ago(database_queue):
    old = finished_task(8)
    old_failure = finished_task(8, status="FAILED")
    recent = finished_task(1)

    call_command("prune_db_task_results", "--min-age-days", "7", verbosity=0)

    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert recent.pk in remaining
    assert old.pk not in remaining
    assert old_failure.pk not in remaining


def test_pruning_keeps_the_tasks_not_run_yet(database_queue):
    user = User.objects.create_user("personne@exemple.fr")
    send_password_reset.enqueue(user.pk)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - datetime.timedelta(days=30))

    call_command("prune_db_task_results", "--min-age-days", "7", verbosity=0)

    assert DBTaskResult.objects.count() == 1
