import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from directory.models import Structure, User
from directory.services import EMAIL_CONFIRMATION_MAX_AGE


def purge_unconfirmed_registrations(now=None):
    """Remove the registrations whose e-mail was never confirmed once the link has expired:
    their address and their structure's SIRET become free again. Returns (users, structures).
    """
    limit = (now or timezone.now()) - datetime.timedelta(seconds=EMAIL_CONFIRMATION_MAX_AGE)
    with transaction.atomic():
        stale = User.objects.filter(
            email_confirmed_at__isnull=True, is_active=False, date_joined__lt=limit
        )
        structure_ids = set(stale.exclude(structure=None).values_list("structure_id", flat=True))
        user_count, _deleted = stale.delete()
        # A structure goes with its registrant only if nobody else joined it.
        orphans = Structure.objects.filter(pk__in=structure_ids, referents=None)
        structure_count = orphans.count()
        orphans.delete()
    return user_count, structure_count


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
