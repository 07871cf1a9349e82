from django.core.management.base import BaseCommand

from offers.enums import ReminderKind
from offers.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Envoie les rappels dus, une seule fois chacun : offres « En cours » sans duo depuis "
        "14 jours, offres « Non concrétisée » trois semaines avant le DuoDay. À lancer chaque "
        "jour."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(
            self.style.SUCCESS(
                f"{sent[ReminderKind.OFFER_WITHOUT_DUO]} offre(s) « En cours » sans duo "
                f"rappelée(s) ; {sent[ReminderKind.OPEN_OFFERS_BEFORE_DUODAY]} employeur(s) "
                "aux offres « Non concrétisée » rappelé(s)."
            )
        )
