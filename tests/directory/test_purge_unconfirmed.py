"""Registrations never confirmed are removed once their link has expired, freeing the
address and the SIRET."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from directory.models import Structure, User
from tests.factories import ReferentFactory, StructureFactory

pytestmark = pytest.mark.django_db

FOUR_DAYS_AGO = timezone.now() - datetime.timedelta(days=4)


def unconfirmed_registrant(structure, date_joined):
    return ReferentFactory(
        structure=structure, is_active=False, email_confirmed_at=None, date_joined=date_joined
    )


def test_stale_unconfirmed_registration_is_removed_with_its_structure():
    structure = StructureFactory()
    registrant = unconfirmed_registrant(structure, FOUR_DAYS_AGO)

    call_command("purge_unconfirmed_registrations")

    assert not User.objects.filter(pk=registrant.pk).exists()
    assert not Structure.objects.filter(pk=structure.pk).exists()


def test_recent_unconfirmed_registration_is_kept():
    structure = StructureFactory()
    registrant = unconfirmed_registrant(structure, timezone.now() - datetime.timedelta(days=1))

    call_command("purge_unconfirmed_registrations")

    assert User.objects.filter(pk=registrant.pk).exists()


def test_structure_with_a_confirmed_referent_is_kept():
    structure = StructureFactory()
    unconfirmed_registrant(structure, FOUR_DAYS_AGO)
    ReferentFactory(structure=structure)

    call_command("purge_unconfirmed_registrations")

    assert Structure.objects.filter(pk=structure.pk).exists()


def test_deactivated_referent_is_never_purged():
    referent = ReferentFactory(is_active=False, date_joined=FOUR_DAYS_AGO)

    call_command("purge_unconfirmed_registrations")

    assert User.objects.filter(pk=referent.pk).exists()
