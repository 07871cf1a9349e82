from django.core.management.base import BaseCommand
from django.db import transaction

from offers.models import Duo, Edition, Interest

ANONYMOUS = "Anonymisé"
# The persons' names stay while their edition is one of the three latest that took place.
KEPT_EDITIONS = 3


def editions_to_anonymise():
    """The editions that took place before the three latest ones that took place.

    Editions are counted, not years: a year without an edition shifts nothing.
    """
    kept = Edition.objects.past().order_by("-duoday_date", "-pk")[:KEPT_EDITIONS]
    return Edition.objects.past().exclude(pk__in=list(kept.values_list("pk", flat=True)))


def anonymise_old_duos():
    """Blank the names of the persons in duos once three editions have taken place since."""
    with transaction.atomic():
        return (
            Duo.objects.filter(offer__edition__in=editions_to_anonymise())
            .exclude(person_first_name=ANONYMOUS, person_last_name=ANONYMOUS)
            .update(person_first_name=ANONYMOUS, person_last_name=ANONYMOUS)
        )


def erase_past_interest_messages():
    """Blank the SAs' « Message à l'employeur » once the edition has taken place.

    The message only helps to organise the duo; it is free text, where a person's name and
    health may have been written despite the warning on the field.
    """
    with transaction.atomic():
        return (
            Interest.objects.filter(offer__edition__in=Edition.objects.past())
            .exclude(message="")
            .update(message="")
        )


class Command(BaseCommand):
    help = (
        "Anonymise les noms des personnes des duos des éditions antérieures aux trois "
        "dernières éditions passées, et efface les messages des structures accompagnantes "
        "aux employeurs des éditions passées."
    )

    def handle(self, *args, **options):
        duos = anonymise_old_duos()
        messages = erase_past_interest_messages()
        self.stdout.write(self.style.SUCCESS(f"{duos} duo(s) anonymisé(s)."))
        self.stdout.write(self.style.SUCCESS(f"{messages} message(s) effacé(s)."))
