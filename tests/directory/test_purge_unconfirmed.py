"""Registrations never confirmed are removed once their link has expired, freeing the
address and the SIRET; nobody else ever is."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.users.models import UserProfile

from directory import services
from directory.models import Structure, User
from directory.roles import COORDINATION, EDITORS
from tests.factories import ReferentFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

FOUR_DAYS_AGO = timezone.now() - datetime.timedelta(days=4)


def unconfirmed_registrant(structure=None, sent_at=FOUR_DAYS_AGO, **fields):
    """Someone who registered `structure` and was sent a confirmation link at `sent_at`."""
    return ReferentFactory(
        structure=structure or StructureFactory(),
        is_active=False,
        email_confirmed_at=None,
        date_joined=sent_at,
        confirmation_sent_at=sent_at,
        **fields,
    )


def purge():
    output = io.StringIO()
    call_command("purge_unconfirmed_registrations", stdout=output)
    return output.getvalue()


def exists(user):
    return User.objects.filter(pk=user.pk).exists()


def test_stale_unconfirmed_registration_is_removed_with_its_structure():
    structure = StructureFactory()
    registrant = unconfirmed_registrant(structure)

    purge()

    assert not exists(registrant)
    assert not Structure.objects.filter(pk=structure.pk).exists()


def test_recent_unconfirmed_registration_is_kept():
    registrant = unconfirmed_registrant(sent_at=timezone.now() - datetime.timedelta(days=1))

    purge()

    assert exists(registrant)


def test_structure_with_a_confirmed_referent_is_kept():
    structure = StructureFactory()
    unconfirmed_registrant(structure)
    ReferentFactory(structure=structure)

    purge()

    assert Structure.objects.filter(pk=structure.pk).exists()


def test_deactivated_referent_is_never_purged():
    referent = ReferentFactory(is_active=False, date_joined=FOUR_DAYS_AGO)

    purge()

    assert exists(referent)


def test_a_resent_link_restarts_the_delay(django_capture_on_commit_callbacks):
    registrant = unconfirmed_registrant()
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_email_confirmation(registrant.email)

    purge()

    assert exists(registrant)


def test_the_delay_counts_from_the_last_link_not_from_registration():
    registrant = unconfirmed_registrant(sent_at=timezone.now() - datetime.timedelta(days=1))
    User.objects.filter(pk=registrant.pk).update(date_joined=FOUR_DAYS_AGO)

    purge()

    assert exists(registrant)


@pytest.mark.parametrize(
    "staff",
    [{"is_staff": True}, {"is_superuser": True}, {"coordinator": True}, {"editor": True}],
    ids=["is_staff", "superuser", "coordination", "editors"],
)
def test_staff_never_confirmed_and_deactivated_is_never_purged(staff):
    """Staff created in the admin never confirm an address: deactivated, they look like a
    stale registration but must stay."""
    member = UserFactory(
        is_active=False, email_confirmed_at=None, date_joined=FOUR_DAYS_AGO, **staff
    )

    purge()

    assert exists(member)


def test_staff_group_member_with_a_structure_and_a_sent_link_is_never_purged():
    member = unconfirmed_registrant(staff_groups=[COORDINATION, EDITORS])

    purge()

    assert exists(member)


def test_user_without_a_structure_is_never_purged():
    user = UserFactory(
        is_active=False,
        email_confirmed_at=None,
        date_joined=FOUR_DAYS_AGO,
        confirmation_sent_at=FOUR_DAYS_AGO,
    )

    purge()

    assert exists(user)


def test_user_never_sent_a_confirmation_link_is_never_purged():
    user = ReferentFactory(is_active=False, email_confirmed_at=None, date_joined=FOUR_DAYS_AGO)

    purge()

    assert exists(user)


def test_the_command_counts_users_not_the_rows_deleted_with_them():
    registrant = unconfirmed_registrant()
    UserProfile.get_for_user(registrant)

    output = purge()

    assert "1 compte(s) et 1 structure(s) supprimés." in output
