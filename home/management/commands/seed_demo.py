from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from directory.demo import DEMO_PASSWORD, seed_staff, seed_structures
from documents.setup import seed_documents
from home.models import NewsIndexPage
from home.setup import seed_news, setup_site
from offers.demo import seed_offers


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (idempotent) et affiche les identifiants. "
        "Refusé hors développement (DEBUG désactivé) sans --force-outside-development."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force-outside-development",
            action="store_true",
            help=(
                "Charger les données de démonstration même avec DEBUG désactivé, sur un "
                "serveur de démonstration : elles créent des comptes de coordination et "
                "d'édition dont le mot de passe est public (README)."
            ),
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force_outside_development"]:
            raise CommandError(
                "seed_demo est réservé au développement (DEBUG activé) : il crée des comptes "
                "de coordination et d'édition dont le mot de passe est public. Sur un serveur "
                "de démonstration, relancez avec --force-outside-development ; jamais en "
                "production."
            )
        self.seed()

    # The demo's workflow e-mails would bury the logins printed below.
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    @transaction.atomic
    def seed(self):
        setup_site()
        seed_news(NewsIndexPage.objects.get())
        seed_documents()
        logins = seed_staff() + seed_structures()
        seed_offers()
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self.stdout.write(f"\nIdentifiants de démonstration (mot de passe : {DEMO_PASSWORD})")
        for role, user in logins:
            self.stdout.write(f"  {role:<60} {user.email}")
        self.stdout.write("\nSite : http://127.0.0.1:8000/  —  administration : /admin/\n")
