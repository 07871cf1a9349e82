from django.core.management.base import BaseCommand

from documents.setup import setup_collections
from home.setup import setup_site


class Command(BaseCommand):
    help = "Crée l'arborescence du site public et les collections de ressources s'il manque."

    def handle(self, *args, **options):
        setup_site()
        setup_collections()
        self.stdout.write(self.style.SUCCESS("Site public prêt."))
