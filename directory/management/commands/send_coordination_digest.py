from django.core.management.base import BaseCommand

from directory.services import prepare_coordination_digest


class Command(BaseCommand):
    help = (
        "Envoie aux membres du groupe « Coordination » le récapitulatif de ce qui les attend "
        "(nouvelles SA à valider, nouvelles demandes de modification), s'il y a du nouveau "
        "depuis le précédent ; jamais deux fois le même jour (à lancer chaque jour)."
    )

    def handle(self, *args, **options):
        digest = prepare_coordination_digest()
        if digest is None:
            self.stdout.write("Rien de nouveau, ou récapitulatif du jour déjà envoyé.")
        else:
            self.stdout.write(self.style.SUCCESS("Récapitulatif envoyé."))
