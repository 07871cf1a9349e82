"""Benchmark of « Importer des offres » with a big file. Not a test: see bench/README.md.

    .venv/bin/python bench/import_offers.py [--rows 5000] [--database URL] [--format xlsx]

Builds a separate database (a temporary SQLite file by default, or the PostgreSQL database
of --database, created if missing and dropped at the end, as bench/run.py does), an
employer with three referents and the current edition, then a file of --rows valid offers
(several departments, sectors, referents). As the employer, with Django's test client, it
uploads the file (read, every row checked by OfferForm, preview stored), opens the preview,
then confirms (every row checked again, then saved), and prints the time and the number of
SQL queries of each step and of the whole import.
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
sys.path.insert(0, str(BENCH_DIR))

from run import BenchDatabase, load, server_version  # noqa: E402

TARGET_SECONDS = 10
POSTCODES = [
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13001", "Marseille"),
    ("59000", "Lille"),
    ("33000", "Bordeaux"),
    ("20000", "Ajaccio"),
    ("97400", "Saint-Denis"),
    ("01000", "Bourg-en-Bresse"),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000, help="offers in the file (5000)")
    parser.add_argument(
        "--format", choices=["xlsx", "csv", "both"], default="both", help="file format (both)"
    )
    parser.add_argument(
        "--database",
        default=None,
        help="postgres://user@host:port/name or sqlite:////path (default: a temp SQLite file)",
    )
    parser.add_argument("--recreate", action="store_true", help="drop an existing --database")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the rows")
    parser.add_argument("--profile", action="store_true", help="print a profile of each step")
    return parser.parse_args()


def file_rows(count, emails, rng):
    from offers.enums import Modality, Sector

    sectors = [str(label) for label in Sector.labels]
    modalities = [str(label) for label in Modality.labels]
    for number in range(1, count + 1):
        postcode, commune = rng.choice(POSTCODES)
        yield [
            f"Offre de duo n° {number}",
            "Découvrir le métier aux côtés d'un professionnel : accueil, visite, mise en "
            "situation, bilan de la journée avec l'équipe.",
            rng.choice(sectors),
            f"{number} rue de la République",
            postcode,
            commune,
            "",
            rng.choice(modalities),
            "",
            "9 h – 17 h",
            "Locaux de plain-pied.",
            rng.choice(emails),
        ]


def build_file(file_format, count, emails, rng):
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from offers.imports import COLUMNS

    headers = [str(column.header) for column in COLUMNS]
    rows = list(file_rows(count, emails, rng))
    if file_format == "csv":
        text = "\r\n".join(";".join(row) for row in [headers, *rows]) + "\r\n"
        return SimpleUploadedFile("offres.csv", text.encode("utf-8"))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Offres")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return SimpleUploadedFile("offres.xlsx", stream.getvalue())


def timed(label, request, profile=False):
    """Run `request()`; print its wall and CPU time and its SQL queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile() if profile else None
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        response = request()
        if profiler:
            profiler.disable()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"  {label:<42} {seconds:6.2f} s  (CPU {cpu:5.2f} s)  {len(queries):5d} queries"
        f"  [{response.status_code}]"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return response, seconds, cpu


def main():
    args = parse_args()
    database = BenchDatabase(args.database, recreate=args.recreate)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = database.url
    # The summary e-mails go to files in a temporary directory, not to the console.
    os.environ["EMAIL_FILE_PATH"] = tempfile.mkdtemp(prefix="duoday-bench-mails-")
    try:
        run(args, database)
    finally:
        from django.db import connections

        connections.close_all()
        database.cleanup(keep=False)
        shutil.rmtree(os.environ["EMAIL_FILE_PATH"], ignore_errors=True)


def run(args, database):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from directory.departments import department_code_for_postcode
    from directory.models import Department, Structure, User
    from home.setup import setup_site
    from offers.models import Edition, Offer, seeph_week

    print(f"Database: {database.label()} ({server_version()}), {os.cpu_count()} CPUs, {load()}")
    call_command("migrate", interactive=False, verbosity=0)
    setup_site()
    year = timezone.localdate().year + 1
    duoday = timezone.localdate().replace(year=year, month=11, day=19)
    Edition.objects.create(
        year=year,
        duoday_date=duoday,
        week_start=seeph_week(duoday)[0],
        week_end=seeph_week(duoday)[1],
        registration_opens=duoday.replace(month=9, day=1),
        registration_closes=duoday.replace(day=12),
        is_current=True,
    )
    employer = Structure.objects.create(
        kind="employer",
        name="Groupe national",
        siret="73282932000074",
        structure_type="entreprise_privee",
        address="1 rue de la Paix",
        postcode="75002",
        commune="Paris",
        department=Department.objects.get(code=department_code_for_postcode("75002")),
        validated_at=timezone.now(),
    )
    referents = [
        User.objects.create_user(
            email=f"referent{number}@groupe.fr",
            first_name="Camille",
            last_name=f"Référent {number}",
            structure=employer,
            email_confirmed_at=timezone.now(),
        )
        for number in range(3)
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(referents[0])
    client.get(reverse("offers:import"))  # warm the caches (Wagtail settings, templates)

    rng = random.Random(args.seed)
    formats = ["xlsx", "csv"] if args.format == "both" else [args.format]
    for file_format in formats:
        Offer.objects.all().delete()
        upload = build_file(file_format, args.rows, [user.email for user in referents], rng)
        print(f"\n{args.rows} rows, {file_format.upper()}, {upload.size / 1024:.0f} KB:")
        response, read_seconds, read_cpu = timed(
            "upload: read, check every row, store",
            lambda upload=upload: client.post(reverse("offers:import"), {"file": upload}),
            args.profile,
        )
        preview_url = response["Location"]
        timed("preview page (100 rows a page)", lambda url=preview_url: client.get(url))
        response, confirm_seconds, confirm_cpu = timed(
            "confirm: check every row again, save",
            lambda url=preview_url: client.post(url),
            args.profile,
        )
        created = Offer.objects.count()
        total, cpu = read_seconds + confirm_seconds, read_cpu + confirm_cpu
        verdict = "OK" if created == args.rows and total < TARGET_SECONDS else "OVER"
        print(
            f"  {'upload + confirm':<42} {total:6.2f} s  (CPU {cpu:5.2f} s)  → {created} offers "
            f"saved [{verdict}: target {TARGET_SECONDS} s]"
        )
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
