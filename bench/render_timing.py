"""In-process render timing, for quick relative checks while working on a page
(issue 25): Django's test client on a warm process, debug off, a fresh SQLite
file, no server and no wrk. Each page and both bench baselines (bench/urls.py)
are requested N times in turn, for five rounds; it prints the median time per
request and each page against the loop and the static baseline. Not the load
figures: those come from `make bench-load` on an idle machine, where HTTP's
fixed cost per request narrows every ratio against the static baseline.

    .venv/bin/python bench/render_timing.py          # N=100
    N=30 PROFILE=results .venv/bin/python bench/render_timing.py   # and a cProfile of one page"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ |= {
    "DJANGO_SETTINGS_MODULE": "advisor.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "bench-only-not-secret-bench-only-not-secret-bench",
    "DJANGO_ALLOWED_HOSTS": "testserver",
    "DJANGO_SSL_REDIRECT": "false",
    "DJANGO_STATIC_MANIFEST": "false",  # no collectstatic needed
    "DJANGO_URLCONF": "bench.urls",
    "DATABASE_URL": f"sqlite:///{Path(tempfile.mkdtemp()) / 'render.sqlite3'}",
    "DJANGO_RATE_LIMIT_START": "100000000/m",
}


def main() -> None:
    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)  # one JSON line a request would be timed too
    from django.core.management import call_command
    from django.test import Client

    from advisor.questionnaire import flow as flows
    from advisor.reports.models import Report
    from tests.questionnaire_helpers import about_data, fill, start

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    person = Client()
    assessment = fill(person)
    person.post(f"/reports/save/{assessment.pk}/")
    report = Report.objects.get(assessment=assessment)
    results, saved = f"/assess/{assessment.pk}/results/", f"/r/{report.token}/"
    size = len(person.get(results).content)
    draft = Client()
    half = start(draft)
    draft.post(f"/assess/{half.pk}/about/", about_data({}))
    screen = f"/assess/{half.pk}/{flows.load(half).sections[1].slug}/"
    choices: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="([cq]-[^"]+)" value="([^"]*)"', draft.get(screen).content.decode()):
        choices.setdefault(name, []).append(value)
    answer = {name: values[len(values) // 2] for name, values in choices.items()} | {"nav": "next"}
    anyone = Client()
    pages = {
        "static": lambda: anyone.get(f"/bench/bare/?bytes={size}"),
        "loop": lambda: anyone.get(f"/bench/loop/?bytes={size}"),
        "results": lambda: person.get(results),
        "saved report": lambda: person.get(saved),
        "questionnaire screen": lambda: draft.get(screen),
        "answer (POST)": lambda: draft.post(screen, answer),
    }
    for name, page in pages.items():
        assert page().status_code in (200, 302), name  # and warm
    n = int(os.environ.get("N", "100"))
    times: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(5):
        for name, page in pages.items():
            began = time.perf_counter()
            for _ in range(n):
                page()
            times[name].append((time.perf_counter() - began) / n * 1000)
    median = {name: statistics.median(t) for name, t in times.items()}
    print(f"results page {size} bytes; medians of 5 rounds of {n}; load average {os.getloadavg()[0]:.1f}")
    print("| page | ms a request | loop baseline's share | static baseline's share |")
    print("|---|---:|---:|---:|")
    for name, ms in median.items():
        print(f"| {name} | {ms:.2f} | {median['loop'] / ms:.0%} | {median['static'] / ms:.0%} |")
    if profiled := os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(lambda: [pages[profiled]() for _ in range(n)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
