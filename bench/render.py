"""Rendering cost of the personal lists, in process. Not a test: see bench/README.md.

    .venv/bin/python bench/render.py --database sqlite:////path/bench.sqlite3 [--runs 50]

Measures, on a database that bench/run.py seeded and kept (`--keep`), each logged-in list
page through Django's test client as the heaviest user of its kind: the time of the request
and the time spent rendering its template (the outermost `Template.render`, lazy queries of
the template included), median and minimum. Then renders alone, with `render_to_string`,
the offers' filter form (5 selects, 101 departments) and their table (20 rows).

Times are CPU times of this process (`time.process_time`: SQLite runs in it too), which
other work on the machine disturbs less than wall time; `--wall` for wall time.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://…")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first (3)")
    parser.add_argument("--wall", action="store_true", help="wall time, not CPU time")
    return parser.parse_args()


clock = time.process_time


class RenderTimer:
    """Time spent in the outermost template render of each request."""

    def __init__(self):
        from django.template.backends.django import Template

        self.total = 0.0
        self.depth = 0
        original = Template.render
        timer = self

        def render(self, context=None, request=None):
            timer.depth += 1
            start = clock()
            try:
                return original(self, context, request)
            finally:
                timer.depth -= 1
                if timer.depth == 0:
                    timer.total += clock() - start

        Template.render = render


def timed_ms(function, runs, warmup):
    times = []
    for index in range(warmup + runs):
        start = clock()
        function()
        if index >= warmup:
            times.append((clock() - start) * 1000)
    return times


def summary(times):
    """Median and minimum: other work on the machine inflates the median, rarely the minimum."""
    return f"{statistics.median(times):>7.1f} {min(times):>5.1f}"


def main():
    global clock
    args = parse_args()
    if args.wall:
        clock = time.perf_counter
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DATABASE_URL"] = args.database
    import django

    django.setup()
    from django.template.loader import render_to_string
    from django.test import Client

    from bench.seed import actors
    from directory.models import Department
    from offers.filters import OfferFilter
    from offers.models import Offer

    who = actors()
    clients = {}
    for role, user_key in (("employer", "employer_user"), ("support", "support_user")):
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(who[user_key])
    timer = RenderTimer()
    pages = [
        ("Employeur · Offres", "employer", "/espace/offres/"),
        ("Employeur · Annuaire des SA", "employer", "/espace/annuaire/"),
        ("Employeur · Historique", "employer", "/espace/historique/"),
        ("SA · Offres", "support", "/espace/offres/"),
        ("SA · Mes duos", "support", "/espace/duos/"),
        ("SA · Mon compte", "support", "/espace/compte/"),
    ]
    kind = "wall" if args.wall else "CPU"
    print(f"{args.runs} timed requests per page ({kind} time), load {os.getloadavg()[0]:.2f}\n")
    print(f"{'page':<30} {'request ms (med, min)':>21}   {'template ms (med, min)':>22}")
    for label, role, url in pages:
        requests, renders = [], []
        for index in range(args.warmup + args.runs):
            timer.total = 0.0
            start = clock()
            response = clients[role].get(url)
            elapsed = clock() - start
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            if index >= args.warmup:
                requests.append(elapsed * 1000)
                renders.append(timer.total * 1000)
        print(f"{label:<30} {summary(requests):>21}   {summary(renders):>22}")

    # Every department (101 options), a status, a modality and a sector: 5 selects.
    form = OfferFilter(
        {"modality": "distanciel"},
        queryset=Offer.objects.none(),
        departments=Department.objects.all(),
    ).form
    offers = list(
        Offer.objects.filter(structure=who["employer"])
        .select_related("structure", "department")
        .order_by("pk")[:20]
    )
    context = {"page_obj": offers, "structure": who["employer"]}
    print()
    for label, template, template_context in (
        ("filter form (5 selects)", "includes/filter_form.html", {"filter": {"form": form}}),
        ("offer_table.html, 20 rows", "offers/includes/offer_table.html", context),
    ):
        times = timed_ms(
            lambda t=template, c=template_context: render_to_string(t, c),
            args.runs,
            args.warmup,
        )
        print(f"{label:<30} {summary(times):>21}   (render_to_string)")


if __name__ == "__main__":
    main()
