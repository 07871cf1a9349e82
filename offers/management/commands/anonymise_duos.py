from django.core.management.base import BaseCommand
from django.db import transaction

from offers.models import Duo, Edition

ANONYMOUS = "Anonymisé"
KEPT_EDITIONS = 3


def anonymise_old_duos():
    """Blank the names of the persons in duos once three editions have passed since."""
    current = Edition.current()
    if current is None:
        return 0
    with transaction.atomic():
        return (
            Duo.objects.filter(offer__edition__year__lte=current.year - KEPT_EDITIONS)
            .exclude(person_last_name=ANONYMOUS)
            .update(person_first_name=ANONYMOUS, person_last_name=ANONYMOUS)
        )


class Command(BaseCommand):
    help = "Anonymise les noms des personnes des duos de plus de trois éditions."

    def handle(self, *args, **options):
        count = anonymise_old_duos()
        self.stdout.write(self.style.SUCCESS(f"{count} duo(s) anonymisé(s)."))
