"""Transitions in parallel: 1, 2, 4 and 16 SAs, each in its own process with its own database
connection, declare then withdraw their interest in an offer of their own, again and again
for --duration seconds, through offers/workflow.py (its row lock on the offer only). Prints
transitions per second at each concurrency; `--append RESULTS.md` adds the table there.
Not a test: see bench/README.md.

    .venv/bin/python bench/transitions.py [--database postgres://…] [--duration 5]

Each offer ends as it started (« Non concrétisée », no interest). The notifications go to
the database task queue as in production (`bench.settings`); the tasks enqueued by the run
are deleted at the end.
"""

import argparse
import datetime
import multiprocessing
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/duoday_bench_load"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per concurrency")
    parser.add_argument("--concurrency", default="1,2,4,16")
    parser.add_argument("--append", help="append the results to this Markdown file")
    return parser.parse_args()


def setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/7")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    import django

    django.setup()


def pairs(count):
    """`count` (SA, referent, offer) triples: validated SAs, each with a « Non concrétisée »
    offer of the current edition in a department it serves, a different offer each."""
    from directory.enums import StructureKind
    from directory.models import Structure, User
    from offers.enums import OfferStatus
    from offers.models import Offer

    chosen, used = [], set()
    supports = Structure.objects.filter(
        kind=StructureKind.SUPPORT, validated_at__isnull=False
    ).order_by("pk")
    for structure in supports.iterator():
        user = User.objects.filter(structure=structure, is_active=True).order_by("pk").first()
        offer = (
            Offer.objects.current()
            .within_reach_of(structure)
            .filter(status=OfferStatus.OPEN)
            .exclude(pk__in=used)
            .exclude(interests__isnull=False)
            .order_by("pk")
            .first()
        )
        if user is None or offer is None:
            continue
        used.add(offer.pk)
        chosen.append((structure.pk, user.pk, offer.pk))
        if len(chosen) == count:
            return chosen
    sys.exit(f"Only {len(chosen)} SAs with an offer of their own; {count} needed.")


def act(job):
    """One SA's loop, in its own process, from `start` to `deadline` (every process
    ready by then): (transitions, refusals)."""
    (structure_id, user_id, offer_id), start, deadline = job
    from django.db import connections

    from directory.models import Structure, User
    from offers import workflow
    from offers.models import Offer

    connections.close_all()  # a connection of this process's own
    structure = Structure.objects.get(pk=structure_id)
    user = User.objects.get(pk=user_id)
    offer = Offer.objects.get(pk=offer_id)
    time.sleep(max(0.0, start - time.time()))
    done = refused = 0
    while time.time() < deadline:
        try:
            workflow.declare_interest(offer, structure, user)
            workflow.withdraw_interest(offer, structure)
            done += 2
        except workflow.InvalidTransition:
            refused += 1
    connections.close_all()
    return done, refused


def cpu_times():
    """(busy, total) jiffies of every CPU since boot (/proc/stat)."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def measure(jobs, duration):
    """(transitions, refusals, seconds, CPU busy fraction, share of samples with a row or
    table lock waiting, share with a backend waiting on an internal lock): while the SAs
    act, the parent samples pg_locks and pg_stat_activity every 50 ms, so that a flat rate
    can be told apart as CPU saturation (busy near 1.0, no waits) or lock contention."""
    from django.db import connection, connections

    connections.close_all()  # never share the parent's connection with the children
    # Time for every process to start, connect and load its objects before the clock.
    start = time.time() + 2 + len(jobs) * 0.5
    deadline = start + duration
    context = multiprocessing.get_context("fork")
    with context.Pool(len(jobs)) as pool:
        pending = pool.map_async(act, [(job, start, deadline) for job in jobs])
        time.sleep(max(0.0, start - time.time()))
        cpu_start, samples, waits, internal = cpu_times(), 0, 0, 0
        with connection.cursor() as cursor:
            while time.time() < deadline:
                cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
                samples += 1
                waits += cursor.fetchone()[0] > 0
                # PostgreSQL's internal locks (WAL insertion, buffers…) are not in pg_locks.
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND wait_event_type = 'LWLock'"
                )
                internal += cursor.fetchone()[0] > 0
                time.sleep(0.05)
        cpu_end = cpu_times()
        connections.close_all()
        results = pending.get()
        elapsed = time.time() - start
    done = sum(result[0] for result in results)
    refused = sum(result[1] for result in results)
    busy = (cpu_end[0] - cpu_start[0]) / max(1, cpu_end[1] - cpu_start[1])
    return done, refused, elapsed, busy, waits / max(1, samples), internal / max(1, samples)


def main():
    args = parse_args()
    setup(args.database)
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    if connection.vendor != "postgresql":
        sys.exit("The transitions benchmark needs PostgreSQL (--database postgres://…).")
    levels = [int(level) for level in args.concurrency.split(",")]
    jobs = pairs(max(levels))
    first_task = DBTaskResult.objects.order_by("-enqueued_at").values_list("pk", flat=True)
    first_task = first_task.first()
    started = datetime.datetime.now(datetime.UTC)
    rows = []
    for level in levels:
        done, refused, elapsed, busy, waiting, internal = measure(jobs[:level], args.duration)
        rate = done / elapsed
        rows.append((level, done, refused, elapsed, rate, busy, waiting, internal))
        print(f"{level:>3} SAs: {done} transitions in {elapsed:.1f} s = {rate:.1f}/s, "
              f"{refused} refused, CPU busy {busy:.0%}, lock waits in {waiting:.0%} of "
              f"samples, internal (LWLock) waits in {internal:.0%}", flush=True)  # fmt: skip
    enqueued = DBTaskResult.objects.filter(enqueued_at__gte=started)
    deleted, _ = enqueued.delete()
    print(f"Deleted the {deleted} notification tasks enqueued by the run ({first_task=}).")
    if args.append:
        base = rows[0][4]
        lines = [
            "",
            "## Transitions in parallel (bench/transitions.py)",
            "",
            f"{started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, load average "
            f"{' '.join(f'{value:.2f}' for value in os.getloadavg())}. Each SA, in its own "
            "process and connection, declares then withdraws its interest in its own offer "
            f"(`offers/workflow.py`), for {args.duration:g} s.",
            "",
            "| SAs at once | transitions | refused | transitions/s | × one SA | CPU busy "
            "| CPU ms a transition | samples with a lock wait | with an LWLock wait |",
            "|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        cpus = os.cpu_count() or 1
        lines += [
            f"| {level} | {done} | {refused} | {rate:.0f} | {rate / base:.2f} | {busy:.0%} "
            f"| {busy * cpus * elapsed / max(1, done) * 1000:.1f} | {waiting:.0%} "
            f"| {internal:.0%} |"
            for level, done, refused, elapsed, rate, busy, waiting, internal in rows
        ]
        lines += [
            "",
            "« CPU busy »: the machine's CPUs over the run (/proc/stat), the SAs' processes, "
            "PostgreSQL and this sampler together, and per transition (« CPU ms a transition "
            "»: busy × CPUs × seconds / transitions); « samples with a lock wait »: the share of "
            "pg_locks samples (every 50 ms) that found a lock not granted; « with an LWLock "
            "wait »: the samples of pg_stat_activity that found a backend waiting on one of "
            "PostgreSQL's internal locks (WAL, buffers). Rates that stop growing with the "
            "CPUs busy and no lock waits are the machine's limit, not a lock.",
        ]
        with open(args.append, "a") as results:
            results.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
