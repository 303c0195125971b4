"""Benchmarks: how long the pages people wait on take to build, against a baseline in the same run.

Run with `make bench` (SQLite in a throwaway file). The machine is noisy, so each
figure is the median of many runs, and the ratio to the baseline (the home page,
measured in the same run) is what to compare between runs and machines."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only",
        "DJANGO_STATIC_MANIFEST": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{DB}",
    }
)

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from advisor import scoring  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "40"))


def median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm up caches and template loading
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    from advisor.reports.models import Report
    from tests.questionnaire_helpers import fill

    client = Client()
    draft = fill(client, finish=False)
    assessment = fill(client)
    client.post(f"/reports/save/{assessment.pk}/")
    report = Report.objects.get(assessment=assessment)

    reqs = [scoring.Requirement(f"s{i}", 1 + i % 5, 1 + i % 4, i % 3 == 0) for i in range(12)]
    steps = [
        scoring.Step(f"s{i}-{n}", f"s{i}", n, 4, (f"s{i}-{n - 1}",) if n > 1 else ())
        for i in range(12)
        for n in (1, 2, 3, 4)
    ]
    levels = {f"s{i}": i % 5 for i in range(12)}

    rows = [
        ("home page (baseline)", median_ms(lambda: client.get("/"))),
        ("questionnaire step", median_ms(lambda: client.get(f"/assess/{draft.pk}/traffic/"))),
        ("results page", median_ms(lambda: client.get(f"/assess/{assessment.pk}/results/"))),
        (
            "results tab (htmx partial)",
            median_ms(
                lambda: client.get(
                    f"/assess/{assessment.pk}/results/?track=product-operation",
                    HTTP_HX_REQUEST="true",
                    HTTP_HX_TARGET="results-body",
                )
            ),
        ),
        ("saved report page", median_ms(lambda: client.get(f"/r/{report.token}/"))),
        (
            "scoring: one track, 12 skills, 48 steps",
            median_ms(lambda: scoring.assess("t", reqs, levels, steps, 5), 2000),
        ),
    ]
    base = rows[0][1]
    print(
        f"# Benchmarks · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {platform.processor() or platform.machine()}"
    )
    print(f"# Python {platform.python_version()}, Django {django.get_version()}, SQLite, median of {RUNS} runs")
    print(f"{'what':45} {'median ms':>10} {'× baseline':>11}")
    for name, ms in rows:
        print(f"{name:45} {ms:10.2f} {ms / base:11.2f}")


if __name__ == "__main__":
    main()
