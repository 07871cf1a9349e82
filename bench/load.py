"""Load benchmark: the portal served by gunicorn in production settings, under wrk, beside
the stack's ceiling (the smallest Django view). Not a test: see bench/README.md.

    .venv/bin/python bench/load.py [--reuse] [--duration 10] [--connections 8]

1. The national-scale data in the PostgreSQL database `duoday_bench_load` (bench/seed.py),
   or the existing one with --reuse (migrated to the code's indexes);
2. gunicorn, 2 workers, `bench.settings` (production's, plus the ceiling view), Redis as
   the cache (CACHE_URL), on 127.0.0.1;
3. sessions created for the heaviest employer, the busiest SA and a superuser;
4. wrk on each page in turn, in the same run, logged in where the page needs it;
5. bench/RESULTS.md: requests/s, median, p99, ratio to the ceiling, the machine, the date;
   then the transitions benchmark (bench/transitions.py) appends its table.
"""

import argparse
import datetime
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed import BenchDatabase, seed_database  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/duoday_bench_load"
RESULTS = ROOT / "bench" / "RESULTS.md"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--reuse", action="store_true", help="measure the existing database")
    parser.add_argument("--recreate", action="store_true", help="drop and seed it again")
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--past-offers", type=int, default=None)
    parser.add_argument("--structures", type=int, default=30_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--only", default="", help="only the pages whose label holds this")
    parser.add_argument("--output", default=str(RESULTS))
    parser.add_argument(
        "--collectstatic", action="store_true", help="collect the static files even if done"
    )
    parser.add_argument(
        "--no-transitions", action="store_true", help="skip bench/transitions.py at the end"
    )
    args = parser.parse_args()
    if args.past_offers is None:
        args.past_offers = args.offers
    return args


def server_env(args, database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "CACHE_URL": args.redis,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "PYTHONPATH": str(ROOT),
    }


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpu = model or platform.processor()
    return {"nproc": os.cpu_count(), "cpu": cpu, "os": platform.platform()}


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def prepare(args, env):
    """Seeded data (or --reuse), migrated; static files collected; sessions; who is who."""
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    # As autovacuum would after a while: a migration that rewrote a table leaves its
    # visibility map empty, and the lists' index-only scans (offers 0008) read the heap.
    subprocess.run(
        [python, "manage.py", "dbshell", "--", "-c", "VACUUM ANALYZE"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if args.collectstatic or not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    script = (
        "import json, django; django.setup();"
        "from bench.seed import sessions_and_pages; print(json.dumps(sessions_and_pages()))"
    )
    output = subprocess.run(
        [python, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    import json

    return json.loads(output.strip().splitlines()[-1])


def start_server(args, env):
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    server = subprocess.Popen(
        [
            gunicorn,
            "portal.wsgi:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"{base}/bench/ceiling/", timeout=2).read()
            return server, base
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit(f"gunicorn did not answer: {server.stderr.read().decode()[-2000:]}")


def check_page(base, url, cookie):
    request = urllib.request.Request(base + url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200 or response.geturl() != base + url:
            sys.exit(f"{url}: answered {response.status} at {response.geturl()}")
        return response.headers.get("X-Page-Cache")


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(args, base, url, cookie, uncached=False):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout",
        "30s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if uncached:
        command += ["-s", str(ROOT / "bench" / "uncached.lua")]
    output = subprocess.run(
        [*command, base + url], check=True, capture_output=True, text=True
    ).stdout
    latencies = {match[0]: to_ms(match[1], match[2]) for match in LATENCY.findall(output)}
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    failures = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rate,
        "median_ms": latencies.get("50"),
        "p99_ms": latencies.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": failures.group(1) if failures else "",
    }


def write_results(args, path, who, results, started, load_before, load_after):
    info = machine()
    ceiling = results[0]["rps"]
    lines = [
        "# Load benchmark results (bench/load.py)",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['os']}",
        f"- Load average before / after: {load_before} / {load_after}",
        f"- gunicorn {args.workers} sync workers, `bench.settings` (production settings and "
        "the ceiling view), PostgreSQL `duoday_bench_load`, Redis cache; "
        f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s a page.",
        f"- Data: {who['offers']:,} offers ({who['current_offers']:,} in the current edition), "
        f"{who['structures']:,} structures. Employer: {who['employer_offers']} offers this "
        f"edition; SA: {who['support_duos']} active duos, {who['support_departments']} "
        "departments served.",
        "",
    ]
    # The load before the run: the benchmark's own load is in the load after it.
    if float(str(load_before).split()[0]) > (info["nproc"] or 1):
        lines += [
            "**Disturbed figures**: the load average before the run was above the number of "
            "CPUs (other work on the machine: the tests of other people), so wrk, gunicorn "
            "and PostgreSQL shared the CPUs with it. The ratios to the ceiling, measured "
            "in the same run, say more than the absolute figures; rerun on a quiet machine "
            "(`make bench-load BENCH_ARGS=--reuse`).",
            "",
        ]
    lines += [
        "| page | URL | as | requests/s | median ms | p99 ms | ratio to the ceiling | cache |",
        "|---|---|---|--:|--:|--:|--:|---|",
    ]
    for result in results:
        errors = ""
        if result["non_2xx"] or result["socket_errors"]:
            errors = f" (non-2xx: {result['non_2xx']}; {result['socket_errors']})"
        lines.append(
            f"| {result['label']}{errors} | `{result['url']}` | {result['role']} | "
            f"{result['rps']:.0f} | {result['median_ms']:.1f} | {result['p99_ms']:.1f} | "
            f"{result['rps'] / ceiling:.3f} | {result['cache'] or '—'} |"
        )
    lines += [
        "",
        "« cache »: `hit` when the page comes from the shared cache of visitors' pages "
        "(portal/page_cache.py); a logged-in page never does; « miss (each request) »: wrk "
        "asks each request with a parameter never asked before (bench/uncached.lua), so "
        "that the page is computed every time, as for a new search or a crawler.",
        "",
    ]
    Path(path).write_text("\n".join(lines))


UNCACHED = "uncached"  # wrk asks each request with a new parameter (bench/uncached.lua)

PAGES = [
    ("Ceiling (minimal Django view)", "visitor", "/bench/ceiling/"),
    ("Accueil", "visitor", "/"),
    ("FAQ", "visitor", "/faq/"),
    ("Actualités", "visitor", "/actualites/"),
    ("Public · recherche", "visitor", "/offres/"),
    ("Public · recherche ?q=accueil", "visitor", "/offres/?q=accueil"),
    # A search nobody asked in the last five minutes, or a crawler: every request misses.
    ("Public · recherche, hors cache", "visitor", "/offres/", UNCACHED),
    ("Public · recherche ?q=accueil, hors cache", "visitor", "/offres/?q=accueil", UNCACHED),
    (
        "Public · recherche ?q=boulangerie, hors cache",
        "visitor",
        "/offres/?q=boulangerie",
        UNCACHED,
    ),
    ("Employeur · Offres", "employer", "/espace/offres/"),
    ("Employeur · Annuaire des SA", "employer", "/espace/annuaire/"),
    ("Employeur · Historique", "employer", "/espace/historique/"),
    ("SA · Offres", "support", "/espace/offres/"),
    ("SA · Offres ?q=accueil", "support", "/espace/offres/?q=accueil"),
    ("SA · Mes duos", "support", "/espace/duos/"),
    ("SA · Historique", "support", "/espace/historique/"),
    ("Admin · offres", "superuser", "/admin/offers/offer/"),
    ("Admin · offres ?q=accueil", "superuser", "/admin/offers/offer/?q=accueil"),
]


def main():
    args = parse_args()
    started = datetime.datetime.now(datetime.UTC)
    database = BenchDatabase(args.database, recreate=args.recreate, reuse=args.reuse)
    env = server_env(args, database.url)
    if not args.reuse:
        os.environ.update({key: env[key] for key in env if key != "DJANGO_SETTINGS_MODULE"})
        os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
        import django

        django.setup()
        print(seed_database(args))
        from django.db import connections

        connections.close_all()
    subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], check=True, capture_output=True)
    who = prepare(args, env)
    server, base = start_server(args, env)
    results = []
    load_before = load_average()
    try:
        for label, role, url, *options in PAGES:
            if args.only and args.only.lower() not in label.lower() and url != "/bench/ceiling/":
                continue
            cookie = who["cookies"].get(role, "")
            uncached = UNCACHED in options
            cache = check_page(base, url, cookie)
            result = run_wrk(args, base, url, cookie, uncached=uncached)
            result.update(
                label=label,
                role=role,
                url=url,
                cache="miss (each request)" if uncached else check_page(base, url, cookie),
            )
            print(
                f"{label:<40} {result['rps']:>8.1f} req/s  median {result['median_ms']:>8.1f} ms"
                f"  p99 {result['p99_ms']:>8.1f} ms  (first: {cache})",
                flush=True,
            )
            results.append(result)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    load_after = load_average()
    write_results(args, args.output, who, results, started, load_before, load_after)
    print(f"\nWrote {args.output}")
    if not args.no_transitions:
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), "bench/transitions.py", "--append",
             args.output],
            cwd=ROOT,
            env=env,
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()
