"""The national-scale data of the benchmarks (bench/README.md): a separate database
(`BenchDatabase`), filled with `bulk_create` and a fixed random seed (`seed_database`), and
the heaviest users of each kind (`actors`), whom bench/run.py and bench/load.py measure as.
"""

import datetime
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 2000
CHUNK = 10_000  # offers built, inserted and given their interests and duos at a time


# --- The database -------------------------------------------------------------------------


class BenchDatabase:
    """The separate database: created if missing, dropped at the end if this run made it."""

    def __init__(self, url, recreate=False, reuse=False):
        self.tmpdir = None
        if url is None:
            self.tmpdir = tempfile.mkdtemp(prefix="duoday-bench-")
            url = f"sqlite:///{self.tmpdir}/bench.sqlite3"
        self.url = url
        parts = urllib.parse.urlparse(url)
        self.vendor = "postgresql" if parts.scheme.startswith("postgres") else "sqlite"
        self.parts = parts
        self.created = False
        exists = self._exists()
        if exists and recreate:
            self._drop()
            exists = False
        if exists and not reuse:
            sys.exit(
                f"{self.label()} exists already: pass --reuse to measure its data, "
                "or --recreate to drop it and start again."
            )
        if not exists and reuse:
            sys.exit(f"{self.label()} does not exist: nothing to --reuse.")
        if not exists:
            self._create()
            self.created = True

    def label(self):
        if self.vendor == "sqlite":
            return f"SQLite {self.sqlite_path}"
        return f"PostgreSQL database {self.name} on {self.parts.hostname}:{self.parts.port or 5432}"

    @property
    def sqlite_path(self):
        return self.parts.path[1:] if self.parts.path.startswith("//") else self.parts.path

    @property
    def name(self):
        return self.parts.path.lstrip("/")

    def _pg_args(self):
        args = ["-h", self.parts.hostname or "127.0.0.1", "-p", str(self.parts.port or 5432)]
        if self.parts.username:
            args += ["-U", urllib.parse.unquote(self.parts.username)]
        return args

    def _pg_env(self):
        env = dict(os.environ)
        if self.parts.password:
            env["PGPASSWORD"] = urllib.parse.unquote(self.parts.password)
        return env

    def _exists(self):
        if self.vendor == "sqlite":
            return Path(self.sqlite_path).exists()
        result = subprocess.run(
            ["psql", *self._pg_args(), "-d", "postgres", "-Atc",
             f"SELECT 1 FROM pg_database WHERE datname = '{self.name}'"],
            env=self._pg_env(), capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            sys.exit(
                f"PostgreSQL unreachable: {result.stderr.strip()}\nStart it with "
                "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`."
            )
        return result.stdout.strip() == "1"

    def _create(self):
        if self.vendor == "postgresql":
            subprocess.run(
                ["createdb", *self._pg_args(), self.name], env=self._pg_env(), check=True
            )

    def _drop(self):
        if self.vendor == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(self.sqlite_path + suffix).unlink(missing_ok=True)
        else:
            subprocess.run(
                ["dropdb", *self._pg_args(), "--if-exists", "--force", self.name],
                env=self._pg_env(), check=True,
            )  # fmt: skip

    def cleanup(self, keep):
        if keep:
            print(f"\nKept {self.label()} ({self.url}).")
            return
        if self.created:
            self._drop()
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)


# --- The data -----------------------------------------------------------------------------

# Rough weight of each department (population, employers): the rest weighs 1.
HEAVY_DEPARTMENTS = {
    "75": 6, "59": 5, "13": 4.5, "69": 4.5, "92": 4, "93": 4, "94": 3, "33": 3.5, "31": 3.5,
    "44": 3, "62": 3, "78": 3, "77": 3, "91": 3, "95": 3, "06": 2.5, "67": 2.5, "76": 2.5,
    "34": 2.5, "38": 2.5, "35": 2.2, "57": 2.2, "83": 2, "974": 1.5,
}  # fmt: skip
LIGHT_DEPARTMENTS = {"971": 0.6, "972": 0.6, "973": 0.4, "976": 0.4, "48": 0.3, "23": 0.4}

JOB_TITLES = [
    "Agent·e d'accueil", "Hôte·sse d'accueil", "Boulanger·ère", "Vendeur·se",
    "Assistant·e administratif·ve", "Aide-soignant·e", "Magasinier·ère", "Cuisinier·ère",
    "Agent·e des espaces verts", "Développeur·se web", "Comptable", "Chargé·e de communication",
    "Préparateur·rice de commandes", "Employé·e de libre-service", "Serveur·se",
    "Agent·e d'entretien", "Technicien·ne de maintenance", "Secrétaire médical·e",
    "Conseiller·ère clientèle", "Opérateur·rice de production", "Chauffeur·se livreur·se",
    "Animateur·rice", "Auxiliaire de puériculture", "Bibliothécaire", "Mécanicien·ne auto",
    "Fleuriste", "Coiffeur·se", "Pâtissier·ère", "Caissier·ère", "Agent·e de sécurité",
    "Gestionnaire de paie", "Infirmier·ère", "Électricien·ne", "Peintre en bâtiment",
    "Jardinier·ère paysagiste", "Assistant·e RH", "Archiviste", "Réceptionniste",
    "Agent·e de restauration", "Manutentionnaire",
]  # fmt: skip
SENTENCES = [
    "Découverte du poste aux côtés d'un professionnel expérimenté.",
    "Participation aux tâches quotidiennes de l'équipe.",
    "Accueil du public et orientation des visiteurs.",
    "Préparation des commandes et contrôle de la qualité.",
    "Observation des gestes métier puis mise en pratique encadrée.",
    "Présentation de l'entreprise, de ses valeurs et de ses métiers.",
    "Utilisation des outils numériques du service.",
    "Échanges avec les collègues sur leur parcours professionnel.",
    "Entretien des espaces et respect des consignes de sécurité.",
    "Mise en rayon, étiquetage et relation avec la clientèle.",
    "Tenue de l'agenda, classement et saisie de documents.",
    "Repas pris avec l'équipe, bilan de la journée en fin d'après-midi.",
]
COMMUNES = [
    "Saint-Denis", "Montreuil", "Villeurbanne", "Argenteuil", "Roubaix", "Tourcoing",
    "Nanterre", "Vitry-sur-Seine", "Créteil", "Colombes", "Aubervilliers", "Asnières-sur-Seine",
    "Rueil-Malmaison", "Champigny-sur-Marne", "Saint-Maur-des-Fossés", "Drancy", "Antibes",
    "Cannes", "Mérignac", "Pessac", "Vénissieux", "Clichy", "Issy-les-Moulineaux", "Noisy-le-Grand",
    "Levallois-Perret", "Neuilly-sur-Seine", "Sarcelles", "Évry-Courcouronnes", "Cergy",
    "Bourg-en-Bresse", "Quimper", "Valence", "Chambéry", "Niort", "Laval", "Belfort",
]  # fmt: skip
FIRST_NAMES = [
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Lucas", "Hugo",
    "Louis", "Nathan", "Gabriel", "Jules", "Adam", "Karim", "Mamadou", "Yasmine", "Nour", "Théo",
]  # fmt: skip
LAST_NAMES = [
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
]  # fmt: skip
EMPLOYER_WORDS = [
    "Boulangerie", "Mairie de", "Clinique", "Transports", "Garage", "Hôtel", "Librairie",
    "Pharmacie", "Menuiserie", "Conseil départemental", "Agence", "Restaurant", "Groupe",
    "Coopérative", "Laboratoire", "Centre hospitalier", "Association", "Banque", "Imprimerie",
]  # fmt: skip


def postcode_for(code):
    if code == "2A":
        return "20000"
    if code == "2B":
        return "20200"
    if len(code) == 3:
        return f"{code}00"
    return f"{code}000"


def bench_siret(number):
    """A valid SIRET, distinct for each number below 10**8 (the shared generator)."""
    from directory.validators import siret_for

    return siret_for(f"{number // 10:08d}", establishment=number % 10 + 1)


def duoday_date(year):
    """The third Thursday of November."""
    first = datetime.date(year, 11, 1)
    return first + datetime.timedelta(days=(3 - first.weekday()) % 7, weeks=2)


def aware(day, rng):
    from django.utils import timezone

    moment = datetime.datetime.combine(day, datetime.time(8)) + datetime.timedelta(
        seconds=rng.randrange(11 * 3600)
    )
    return timezone.make_aware(moment)


def random_day(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange(max(1, (end - start).days + 1)))


def status_weights(past):
    from offers.enums import OfferStatus

    if past:
        return [OfferStatus.OPEN, OfferStatus.IN_PROGRESS, OfferStatus.FILLED], [25, 10, 65]
    return [OfferStatus.OPEN, OfferStatus.IN_PROGRESS, OfferStatus.FILLED], [55, 25, 20]


def seed(args):
    """Fill the database; returns a summary and the seeding time."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from directory.enums import EMPLOYER_TYPES, SUPPORT_TYPES, StructureKind
    from directory.models import Department, Structure, User
    from offers.enums import Modality, OfferStatus, Sector
    from offers.models import Duo, Edition, Interest, Offer, seeph_week

    rng = random.Random(args.seed)
    now = timezone.now()
    today = timezone.localdate()
    password = make_password(None)  # unusable: the benchmark logs in with force_login
    departments = list(Department.objects.order_by("code"))
    assert len(departments) == 101, f"{len(departments)} departments"
    weights = [
        HEAVY_DEPARTMENTS.get(d.code, LIGHT_DEPARTMENTS.get(d.code, 1.0)) for d in departments
    ]
    code_of = {d.pk: d.code for d in departments}

    # Structures: 90 % employers, 10 % SA; 1 ‰ of the employers are national ones that
    # publish a fifth of the offers, the others a few offers each in their own department.
    n_support = max(1, round(args.structures * 0.1))
    n_employers = args.structures - n_support
    structures = []
    for index in range(n_employers):
        department = rng.choices(departments, weights)[0]
        structures.append(
            Structure(
                kind=StructureKind.EMPLOYER,
                name=f"{rng.choice(EMPLOYER_WORDS)} {rng.choice(LAST_NAMES)} {index:05d}",
                siret=bench_siret(10_000_000 + index),
                structure_type=rng.choice(EMPLOYER_TYPES),
                address=f"{rng.randrange(1, 200)} rue de la République",
                postcode=postcode_for(department.code),
                commune=rng.choice(COMMUNES),
                department=department,
                phone="01 23 45 67 89",
                email=f"employeur{index}@bench.duoday.test",
                created_at=now - datetime.timedelta(days=rng.randrange(1, 900)),
                validated_at=now,
            )
        )
    for index in range(n_support):
        department = rng.choices(departments, weights)[0]
        structures.append(
            Structure(
                kind=StructureKind.SUPPORT,
                name=f"{rng.choice(SUPPORT_TYPES).label} {rng.choice(LAST_NAMES)} {index:05d}",
                siret=bench_siret(50_000_000 + index),
                structure_type=rng.choice(SUPPORT_TYPES),
                address=f"{rng.randrange(1, 200)} avenue Jean Jaurès",
                postcode=postcode_for(department.code),
                commune=rng.choice(COMMUNES),
                department=department,
                phone="01 98 76 54 32",
                email=f"sa{index}@bench.duoday.test",
                created_at=now - datetime.timedelta(days=rng.randrange(1, 900)),
                # 5 % still waiting for the coordination's validation.
                validated_at=None if rng.random() < 0.05 else now,
            )
        )
    with transaction.atomic():
        Structure.objects.bulk_create(structures, batch_size=BATCH)
    assert all(s.pk for s in structures), "bulk_create returned no primary keys"
    employers = structures[:n_employers]
    supports = structures[n_employers:]

    # SA served departments: their own, every department covered by some SA, 10 % of them
    # regional or national (5 to 15 departments), the others 1 to 3.
    served = [{sa.department_id} for sa in supports]
    for position, department in enumerate(rng.sample(departments, len(departments))):
        served[position % n_support].add(department.pk)
    for departments_of_sa in served:
        extra = rng.randint(4, 14) if rng.random() < 0.1 else rng.choice([0, 0, 1, 2])
        departments_of_sa.update(d.pk for d in rng.choices(departments, weights, k=extra))
    Through = Structure.served_departments.through
    with transaction.atomic():
        Through.objects.bulk_create(
            [
                Through(structure_id=sa.pk, department_id=department_id)
                for sa, ids in zip(supports, served, strict=True)
                for department_id in ids
            ],
            batch_size=BATCH * 5,
        )
    sa_by_department = defaultdict(list)
    for sa, ids in zip(supports, served, strict=True):
        if sa.validated_at is not None:
            for department_id in ids:
                sa_by_department[department_id].append(sa.pk)

    # Referents: 1 to 3 per structure, 5 per national employer; and the superuser.
    n_national = max(1, n_employers // 1000)
    users = []
    for position, structure in enumerate(structures):
        count = 5 if position < n_national else rng.choice([1, 1, 1, 2, 2, 3])
        for rank in range(count):
            users.append(
                User(
                    email=f"referent{structure.pk}-{rank}@bench.duoday.test",
                    password=password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    phone="06 12 34 56 78",
                    job_title="Référent·e DuoDay",
                    structure_id=structure.pk,
                    email_confirmed_at=now,
                    date_joined=structure.created_at,
                )
            )
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=BATCH)
    referents_of = defaultdict(list)
    for user in users:
        referents_of[user.structure_id].append(user.pk)
    User.objects.create_superuser(
        email="admin@bench.duoday.test", password=None, first_name="Admin", last_name="Bench"
    )

    # Editions: the current one (still to come) and the two before it.
    year = today.year if duoday_date(today.year) >= today else today.year + 1
    editions = []
    for offset in (2, 1, 0):
        edition_year = year - offset
        date = duoday_date(edition_year)
        editions.append(
            Edition(
                year=edition_year,
                duoday_date=date,
                week_start=seeph_week(date)[0],
                week_end=seeph_week(date)[1],
                registration_opens=datetime.date(edition_year, 6, 1),
                registration_closes=date - datetime.timedelta(days=7),
                is_current=offset == 0,
            )
        )
    Edition.objects.bulk_create(editions)
    editions = list(Edition.objects.order_by("year"))

    # Offers, with interests and duos consistent with their status.
    statuses_counts = defaultdict(int)
    interests_total = duos_total = 0
    for edition in editions:
        total = args.offers if edition.is_current else args.past_offers
        statuses, status_w = status_weights(past=not edition.is_current)
        opens = edition.registration_opens
        last_day = min(today, edition.registration_closes)
        for start in range(0, total, CHUNK):
            offers = []
            for _index in range(start, min(total, start + CHUNK)):
                if rng.random() < 0.2:
                    employer = employers[rng.randrange(n_national)]
                    department = rng.choices(departments, weights)[0]
                else:
                    employer = (
                        employers[rng.randrange(n_national, n_employers)]
                        if (n_employers > n_national)
                        else employers[0]
                    )
                    department = (
                        employer.department
                        if rng.random() < 0.85
                        else rng.choices(departments, weights)[0]
                    )
                status = rng.choices(statuses, status_w)[0]
                sentences = rng.sample(SENTENCES, rng.randint(2, 4))
                offers.append(
                    Offer(
                        edition_id=edition.pk,
                        structure_id=employer.pk,
                        referent_id=rng.choice(referents_of[employer.pk]),
                        title=rng.choice(JOB_TITLES),
                        description=" ".join(sentences),
                        sector=rng.choice(Sector.values),
                        address=f"{rng.randrange(1, 300)} boulevard Victor Hugo",
                        postcode=postcode_for(code_of[department.pk]),
                        commune=rng.choice(COMMUNES),
                        department_id=department.pk,
                        modality=Modality.REMOTE if rng.random() < 0.1 else Modality.ON_SITE,
                        date=edition.duoday_date,
                        schedule="9h – 17h",
                        accessibility="Locaux de plain-pied, ascenseur, toilettes adaptées.",
                        status=status,
                        created_at=aware(random_day(rng, opens, last_day), rng),
                    )
                )
                statuses_counts[(edition.year, status)] += 1
            with transaction.atomic():
                Offer.objects.bulk_create(offers, batch_size=BATCH)
                interests, duos = [], []
                for offer in offers:
                    candidates = sa_by_department[offer.department_id]
                    if offer.status == OfferStatus.OPEN or not candidates:
                        continue
                    later = offer.created_at + datetime.timedelta(days=rng.randint(1, 20))
                    if offer.status == OfferStatus.IN_PROGRESS:
                        chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))
                    else:
                        chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))
                    for sa_pk in chosen:
                        interests.append(
                            Interest(
                                offer_id=offer.pk,
                                structure_id=sa_pk,
                                user_id=rng.choice(referents_of[sa_pk]),
                                message="Nous accompagnons une personne intéressée."
                                if rng.random() < 0.5
                                else "",
                                created_at=later,
                            )
                        )
                    if offer.status == OfferStatus.FILLED:
                        if len(chosen) > 1 and rng.random() < 0.1:
                            # A duo formed, then cancelled, before the one that holds.
                            duos.append(
                                Duo(
                                    offer_id=offer.pk,
                                    structure_id=chosen[1],
                                    created_by_id=rng.choice(referents_of[chosen[1]]),
                                    person_first_name=rng.choice(FIRST_NAMES),
                                    person_last_name=rng.choice(LAST_NAMES),
                                    created_at=later,
                                    cancelled_at=later + datetime.timedelta(hours=2),
                                )
                            )
                        duos.append(
                            Duo(
                                offer_id=offer.pk,
                                structure_id=chosen[0],
                                created_by_id=rng.choice(referents_of[chosen[0]]),
                                person_first_name=rng.choice(FIRST_NAMES),
                                person_last_name=rng.choice(LAST_NAMES),
                                created_at=later + datetime.timedelta(days=1),
                            )
                        )
                Interest.objects.bulk_create(interests, batch_size=BATCH)
                Duo.objects.bulk_create(duos, batch_size=BATCH)
                interests_total += len(interests)
                duos_total += len(duos)
            print(f"  edition {edition.year}: {min(total, start + CHUNK):,} offers", flush=True)
    return {
        "employers": n_employers,
        "support_structures": n_support,
        "national_employers": n_national,
        "referents": len(users),
        "editions": [e.year for e in editions],
        "offers": sum(statuses_counts.values()),
        "offers_by_edition_and_status": {
            f"{year} {status}": count for (year, status), count in sorted(statuses_counts.items())
        },
        "interests": interests_total,
        "duos": duos_total,
    }


def analyze():
    """What autovacuum does after a bulk load (PostgreSQL), `PRAGMA optimize` (SQLite)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def seed_database(args):
    """migrate, the public site, the data, then ANALYZE; returns the summary."""
    from django.core.management import call_command

    from home.setup import setup_site

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    setup_site()
    print(f"Migrated and built the site in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    summary = seed(args)
    summary["seed_seconds"] = round(time.perf_counter() - started)
    started = time.perf_counter()
    analyze()
    summary["analyze_seconds"] = round(time.perf_counter() - started)
    return summary


# --- The pages ----------------------------------------------------------------------------


def actors():
    """The heaviest users of each kind, so that each page is measured at its worst."""
    from django.db.models import Count, Q

    from directory.enums import StructureKind
    from directory.models import Structure, User
    from offers.enums import OPEN_STATUSES, OfferStatus
    from offers.models import Edition, Interest, Offer

    current = Edition.current()
    employer = (
        Structure.objects.filter(kind=StructureKind.EMPLOYER)
        .annotate(n=Count("offers", filter=Q(offers__edition=current)))
        .order_by("-n", "pk")
        .first()
    )
    support = (
        Structure.objects.filter(kind=StructureKind.SUPPORT, validated_at__isnull=False)
        .annotate(
            n=Count(
                "duos",
                filter=Q(duos__offer__edition=current, duos__cancelled_at__isnull=True),
            )
        )
        .order_by("-n", "pk")
        .first()
    )
    served = list(support.served_departments.values_list("pk", flat=True))
    busiest_department = (
        Offer.objects.filter(edition=current, status__in=OPEN_STATUSES, department__in=served)
        .values("department")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("department", flat=True)
        .first()
    ) or served[0]
    employer_offer = (
        Offer.objects.filter(structure=employer, edition=current)
        .annotate(n=Count("interests"))
        .order_by("-n", "pk")
        .first()
    )
    support_offer = (
        Interest.objects.filter(
            structure=support, offer__edition=current, offer__status=OfferStatus.IN_PROGRESS
        )
        .order_by("pk")
        .values_list("offer_id", flat=True)
        .first()
    )
    if support_offer is None:
        support_offer = (
            Offer.objects.filter(edition=current, status__in=OPEN_STATUSES, department__in=served)
            .values_list("pk", flat=True)
            .first()
        )
    public_count = Offer.objects.public().count()
    return {
        "public_last_page": max(1, math.ceil(public_count / 20)),
        "employer": employer,
        "employer_user": User.objects.filter(structure=employer).order_by("pk").first(),
        "employer_offer": employer_offer.pk,
        "support": support,
        "support_user": User.objects.filter(structure=support).order_by("pk").first(),
        "support_offer": support_offer,
        "department": busiest_department,
        "superuser": User.objects.filter(is_superuser=True).first(),
        "public_department": (
            Offer.objects.public()
            .values("department")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .values_list("department", flat=True)
            .first()
        )
        or busiest_department,
    }


def sessions_and_pages():
    """Sessions of the heaviest users (as bench/run.py measures them) for bench/load.py's
    wrk (`Cookie: sessionid=…`), and the data's size for its report."""
    from django.conf import settings
    from django.test import Client

    from directory.models import Structure
    from offers.models import Offer

    who = actors()
    cookies = {"visitor": ""}
    for role, user_key in (
        ("employer", "employer_user"),
        ("support", "support_user"),
        ("superuser", "superuser"),
    ):
        client = Client()
        client.force_login(who[user_key])
        name = settings.SESSION_COOKIE_NAME
        cookies[role] = f"{name}={client.cookies[name].value}"
    return {
        "cookies": cookies,
        "offers": Offer.objects.count(),
        "current_offers": Offer.objects.current().count(),
        "structures": Structure.objects.count(),
        "employer_offers": who["employer"].n,
        "support_duos": who["support"].n,
        "support_departments": who["support"].served_departments.count(),
    }
