import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from directory.emails import EMAIL_CONFIRMATION_MAX_AGE
from directory.models import Structure, User


def stale_registrants(now=None):
    """Registrants whose last confirmation link has expired unused.

    Only people who registered a structure (a confirmation link was sent to them): never a
    staff member, a superuser or a member of a staff group, never anyone who confirmed an
    address once. A resent link restarts the delay (`confirmation_sent_at`).
    """
    limit = (now or timezone.now()) - datetime.timedelta(seconds=EMAIL_CONFIRMATION_MAX_AGE)
    in_a_group = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    return User.objects.filter(
        email_confirmed_at__isnull=True,
        is_active=False,
        is_staff=False,
        is_superuser=False,
        structure__isnull=False,
        confirmation_sent_at__lt=limit,
    ).exclude(Exists(in_a_group))


def purge_unconfirmed_registrations(now=None):
    """Remove the registrations whose e-mail was never confirmed once the link has expired:
    their address and their structure's SIRET become free again. Returns the numbers of
    users and structures removed.
    """
    with transaction.atomic():
        registrants = list(
            stale_registrants(now).select_for_update(of=("self",)).values_list("pk", "structure_id")
        )
        user_ids = [pk for pk, _structure_id in registrants]
        _total, deleted = User.objects.filter(pk__in=user_ids).delete()
        # A structure goes with its registrant only if nobody else joined it.
        orphans = Structure.objects.filter(
            pk__in={structure_id for _pk, structure_id in registrants}, referents=None
        )
        _total, deleted_structures = orphans.delete()
    return (
        deleted.get(User._meta.label, 0),
        deleted_structures.get(Structure._meta.label, 0),
    )


class Command(BaseCommand):
    help = (
        "Supprime les inscriptions dont l'adresse e-mail n'a pas été confirmée à temps "
        "(à lancer chaque jour)."
    )

    def handle(self, *args, **options):
        users, structures = purge_unconfirmed_registrations()
        self.stdout.write(
            self.style.SUCCESS(f"{users} compte(s) et {structures} structure(s) supprimés.")
        )
