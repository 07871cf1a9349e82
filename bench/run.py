"""Benchmark of the portal's hot pages at national scale. Not a test: see bench/README.md.

    .venv/bin/python bench/run.py [--offers N] [--structures N] [--database URL] [--runs N]

Builds a separate database (a temporary SQLite file by default, or the PostgreSQL database
of --database, created if missing and dropped at the end), fills it with `bulk_create`, then
requests each hot page with Django's test client as the right user and prints, per page,
the median and p95 wall time, the number of SQL queries and its slowest query, then the
EXPLAIN of the slowest query of the slowest page (and of every page above --slow-ms).
"""

import argparse
import json
import math
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.seed import BenchDatabase, actors, seed_database  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--offers", type=int, default=100_000, help="offers of the current edition (100,000)"
    )
    parser.add_argument(
        "--past-offers",
        type=int,
        default=None,
        help="offers of each of the 2 past editions (default: as many as --offers)",
    )
    parser.add_argument(
        "--structures", type=int, default=30_000, help="structures: 90%% employers, 10%% SA"
    )
    parser.add_argument(
        "--database",
        default=None,
        help="postgres://user@host:port/name or sqlite:////path (default: a temp SQLite file)",
    )
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests first (2)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the data")
    parser.add_argument(
        "--slow-ms",
        type=float,
        default=300.0,
        help="also EXPLAIN the slowest query of every page whose median exceeds this (300)",
    )
    parser.add_argument(
        "--queries",
        action="store_true",
        help="also list every query (median ms) of the pages whose median exceeds --slow-ms",
    )
    parser.add_argument("--only", default="", help="only the pages whose label contains this")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="the database exists and holds bench data already: measure it, do not refill it",
    )
    parser.add_argument("--recreate", action="store_true", help="drop an existing --database first")
    parser.add_argument("--json", dest="json_path", help="also write the results to this file")
    args = parser.parse_args()
    if args.past_offers is None:
        args.past_offers = args.offers
    if args.structures < 10 or args.offers < 1:
        parser.error("at least 10 structures and 1 offer")
    return args


def pages(who):
    """(label, role, URL) of every page measured."""
    q = "accueil"
    return [
        ("Employeur · Offres", "employer", "/espace/offres/"),
        ("SA · Offres", "support", "/espace/offres/"),
        (
            "SA · Offres ?department&q",
            "support",
            f"/espace/offres/?department={who['department']}&q={q}",
        ),
        ("Employeur · page d'une offre", "employer", f"/espace/offres/{who['employer_offer']}/"),
        ("SA · page d'une offre", "support", f"/espace/offres/{who['support_offer']}/"),
        ("Public · recherche", "visitor", "/offres/"),
        (
            "Public · recherche ?q&department",
            "visitor",
            f"/offres/?q={q}&department={who['public_department']}",
        ),
        (
            "Public · recherche, dernière page",
            "visitor",
            f"/offres/?page={who['public_last_page']}",
        ),
        ("SA · Mes duos", "support", "/espace/duos/"),
        ("Employeur · Historique", "employer", "/espace/historique/"),
        ("SA · Historique", "support", "/espace/historique/"),
        ("Employeur · Annuaire des SA", "employer", "/espace/annuaire/"),
        ("Admin · offres", "superuser", "/admin/offers/offer/"),
        ("Admin · offres ?q", "superuser", f"/admin/offers/offer/?q={q}"),
        ("Admin · accueil (tableau de bord)", "superuser", "/admin/"),
    ]


def percentile(values, fraction):
    """Linear interpolation between the closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def normalized(sql):
    """The same query from one request to the next: no cursor name, no current time."""
    sql = re.sub(r"_django_curs_\d+_\w+_\d+", "_django_curs", sql)
    return re.sub(r"'\d{4}-\d\d-\d\d[ T][\d:.]+(\+00:00)?'", "'<now>'", sql)


def without_cursor(sql):
    """The SELECT of a server-side cursor (PostgreSQL: DECLARE … FOR SELECT …)."""
    match = re.match(r"DECLARE \S+ .*?CURSOR WITH(OUT)? HOLD FOR (.*)$", sql, re.S)
    return match.group(2) if match else sql


def measure(client, url, runs, warmup):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times, counts, sql_times = [], [], []
    query_times = defaultdict(list)
    examples = {}
    for index in range(warmup + runs):
        reset_queries()  # DEBUG's log keeps 9,000 queries, then captures nothing
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if index < warmup:
            continue
        times.append(elapsed * 1000)
        counts.append(len(captured.captured_queries))
        sql_times.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        for query in captured.captured_queries:
            key = normalized(query["sql"])
            query_times[key].append(float(query["time"]) * 1000)
            examples[key] = query["sql"]
    slowest_key, slowest_times = max(
        query_times.items(), key=lambda item: statistics.median(item[1]), default=("", [0])
    )
    slowest_sql = examples.get(slowest_key, "")
    return {
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "queries": max(counts),
        "queries_min": min(counts),
        "sql_ms": statistics.median(sql_times),
        "slowest_query_ms": statistics.median(slowest_times),
        "slowest_query": slowest_sql,
        # (SQL, median ms, times run per request)
        "all_queries": [
            (examples[key], statistics.median(t), len(t) / runs) for key, t in query_times.items()
        ],
        "bytes": len(response.content),
    }


def explain(sql):
    from django.db import connection

    sql = without_cursor(sql)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return "\n".join(row[0] for row in rows)
    return "\n".join(f"{row[0]:>4} {row[1]:>4}  {row[-1]}" for row in rows)


def server_version():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def load():
    """Other work on the machine skews the timings: say how busy it was."""
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def short(sql, width=160):
    """One line, the column lists elided."""
    sql = " ".join(sql.split())
    column = r'(?:"?\w+"?\."\w+"(?: AS "\w+")?|[^,()]+ AS "\w+")'
    sql = re.sub(rf"SELECT (DISTINCT )?{column}(, {column})+ FROM", r"SELECT \1… FROM", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


# --- Main ---------------------------------------------------------------------------------


def main():
    args = parse_args()
    database = BenchDatabase(args.database, recreate=args.recreate, reuse=args.reuse)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = database.url
    try:
        run(args, database)
    finally:
        from django.db import connections

        connections.close_all()
        database.cleanup(args.keep)


def run(args, database):
    import django

    django.setup()
    from django.conf import settings

    # What a page costs behind the shared caches (portal/page_cache.py): every request a
    # miss (a timeout of 0 stores nothing). bench/load.py measures pages as served.
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 0
    from django.db import connection
    from django.test import Client

    from offers.models import Offer

    print(f"Database: {database.label()} ({server_version()}), {os.cpu_count()} CPUs, {load()}")
    summary = {}
    if not args.reuse:
        summary = seed_database(args)
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    elif not Offer.objects.exists():
        sys.exit("--reuse: the database holds no offer.")

    who = actors()
    print(
        f"\nEmployer: {who['employer'].name} ({who['employer'].n} offers this edition); "
        f"SA: {who['support'].name} ({who['support'].n} active duos, "
        f"{who['support'].served_departments.count()} departments served)"
    )
    clients = {"visitor": Client(HTTP_HOST="127.0.0.1")}
    for role, user_key in (
        ("employer", "employer_user"),
        ("support", "support_user"),
        ("superuser", "superuser"),
    ):
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(who[user_key])

    results = []
    print(f"\n{args.runs} timed requests per page after {args.warmup} untimed ones; {load()}.\n")
    header = (
        f"{'page':<36} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'SQL ms':>8} "
        f"{'slowest q ms':>12}"
    )
    print(header)
    print("-" * len(header))
    for label, role, url in pages(who):
        if args.only and args.only.lower() not in label.lower():
            continue
        result = measure(clients[role], url, args.runs, args.warmup)
        result.update(label=label, role=role, url=url)
        results.append(result)
        queries = str(result["queries"])
        if result["queries_min"] != result["queries"]:
            queries = f"{result['queries_min']}-{result['queries']}"
        print(
            f"{label:<36} {queries:>7} {result['median_ms']:>10.1f} {result['p95_ms']:>8.1f} "
            f"{result['sql_ms']:>8.1f} {result['slowest_query_ms']:>12.1f}",
            flush=True,
        )

    print(f"\nMeasured; {load()}.")
    print("\nSlowest query of each page (median ms):")
    for result in results:
        slowest_query = short(result["slowest_query"])
        print(f"- {result['label']} [{result['slowest_query_ms']:.1f} ms] {slowest_query}")

    if args.queries:
        for result in results:
            if result["median_ms"] <= args.slow_ms:
                continue
            print(f"\nEvery query of « {result['label']} » (median ms, ×n: run n times a request):")
            for sql, median, per_request in result["all_queries"]:
                times = f"×{per_request:g}" if per_request != 1 else ""
                print(f"  {median:7.1f} {times:>4}  {short(sql, 200)}")

    print("\nMarkdown:\n")
    print("| page | URL | queries | median ms | p95 ms | SQL ms | slowest query ms |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for result in results:
        queries = str(result["queries"])
        if result["queries_min"] != result["queries"]:
            queries = f"{result['queries_min']}–{result['queries']}"
        print(
            f"| {result['label']} | `{result['url']}` | {queries} | {result['median_ms']:.0f} | "
            f"{result['p95_ms']:.0f} | {result['sql_ms']:.0f} | {result['slowest_query_ms']:.0f} |"
        )

    if not results:
        print(f"No page matches --only {args.only!r}.")
        return
    slowest = max(results, key=lambda result: result["median_ms"])
    to_explain = [slowest] + [
        result for result in results if result is not slowest and result["median_ms"] > args.slow_ms
    ]
    kind = (
        "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    )
    for result in to_explain:
        title = "slowest page" if result is slowest else f"above {args.slow_ms:.0f} ms"
        print(
            f"\n{kind} of the slowest query of « {result['label']} » ({title}, "
            f"{result['median_ms']:.0f} ms; query {result['slowest_query_ms']:.1f} ms):\n"
        )
        print(without_cursor(result["slowest_query"]))
        print()
        print(explain(result["slowest_query"]))

    if args.json_path:
        Path(args.json_path).write_text(
            json.dumps(
                {
                    "database": connection.vendor,
                    "args": vars(args),
                    "summary": summary,
                    "results": results,
                },
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )


if __name__ == "__main__":
    main()
