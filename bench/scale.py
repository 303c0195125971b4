"""The scale benchmark, in-process (issue: insights at scale). Two questions:

1. **A questionnaire screen on a 10x catalogue**: the same screen of the same
   assessment, read through Django's test client, on the seed catalogue and
   again after `synth_catalogue --scale 10` (every theme, track, skill,
   question and step ten times over). Target: at most 1.2x.
2. **The insights page with many saved reports**: `synth_reports` adds reports
   spread over 52 weeks, in steps up to BENCH_REPORTS (default 100,000); at each
   step the default 12-week page is timed, in-process: the aggregates alone
   (`insights.collect`) and the whole admin page. The baseline, from the same
   run, is what the page did before: read every saved snapshot of the range and
   count in Python (`insights.recount`). Target on PostgreSQL: under 200 ms.

    make bench-scale                              # SQLite, then PostgreSQL if DATABASE_URL says so
    BENCH_REPORTS=10000 make bench-scale          # a quick look

Each figure is the median of BENCH_REPEAT (default 30) timings. The results go
into bench/README.md between the scale markers, with the date and machine."""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import README, UNLIMITED, machine, postgres_url, write_readme  # noqa: E402

REPORTS = int(os.environ.get("BENCH_REPORTS", "100000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
START, END = "<!-- scale: written by bench/scale.py -->", "<!-- /scale -->"


def median_ms(run, repeat: int = REPEAT) -> float:
    run()  # warm: the compiled catalogue, the template cache
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def screens(client) -> dict[str, float]:
    """One person half-way through: the second screen, on the seed catalogue and on 10x."""
    from django.core.management import call_command

    from advisor.catalogue import compiled
    from tests.questionnaire_helpers import PROMOTER, about_data

    response = client.post("/assess/")
    about = response["Location"]
    response = client.post(about, about_data(PROMOTER["context"]))
    screen = response["Location"]

    def get() -> None:
        assert client.get(screen).status_code == 200

    seed = median_ms(get, REPEAT * 3)
    call_command("synth_catalogue", "--scale", "10", stdout=io.StringIO())
    compiled.current()
    scaled = median_ms(get, REPEAT * 3)
    return {"seed": seed, "x10": scaled, "questions": compiled.current().question_count}


def insights_steps(client) -> list[dict]:
    from django.core.management import call_command

    from advisor.catalogue.models import Track
    from advisor.reports import insights
    from advisor.reports.models import Report

    url = "/admin/reports/report/insights/"
    order = {slug: i for i, slug in enumerate(Track.objects.values_list("slug", flat=True))}
    steps = sorted({n for n in (1_000, 10_000, REPORTS) if n <= REPORTS})
    rows, have = [], 0
    for n in steps:
        began = time.perf_counter()
        call_command("synth_reports", str(n - have), "--seed", str(n), stdout=io.StringIO())
        made = time.perf_counter() - began
        have = n
        span = insights.Range.recent()
        start, stop = span.moments()
        in_range = Report.objects.filter(created_at__gte=start, created_at__lt=stop)

        def page() -> None:
            assert client.get(url).status_code == 200

        def old_way(in_range=in_range) -> None:
            saved = in_range.values_list("snapshot__tracks", "snapshot__current_role")
            insights.recount(((t, r or "") for t, r in saved.iterator()), order)

        rows.append(
            {
                "reports": n,
                "in_range": in_range.count(),
                "synth_s": made,
                "collect": median_ms(insights.collect),
                "page": median_ms(page),
                "old": median_ms(old_way, max(3, REPEAT // 10)),
            }
        )
        print(f"bench-scale: {rows[-1]}", flush=True)
    return rows


def child(part: str) -> None:
    """Runs in a fresh process, on a fresh database (DATABASE_URL): one part of the bench."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_catalogue", stdout=io.StringIO())
    client = Client()
    if part == "screens":
        result = screens(client)
    else:
        client.force_login(get_user_model().objects.create_superuser("bench", password="x"))
        result = insights_steps(client)
    print("RESULT " + repr(result), flush=True)


def run_child(part: str, database_url: str) -> dict:
    env = (
        os.environ
        | UNLIMITED
        | {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "advisor.settings",
            "DJANGO_SECRET_KEY": "bench-only-not-secret",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SSL_REDIRECT": "false",  # the test client speaks plain HTTP
        }
    )
    done = subprocess.run(
        [sys.executable, __file__, "--child", part], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    sys.stdout.write(done.stdout)
    if done.returncode:
        raise SystemExit(f"bench-scale: the {part} run failed:\n{done.stderr[-5000:]}")
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return eval(line[7:])  # noqa: S307 (our own child's repr of numbers)


def table(database: str, result: dict) -> str:
    s = result["screens"]
    lines = [
        f"#### {database}",
        "",
        "| questionnaire screen (GET) | median ms |",
        "|---|---:|",
        f"| seed catalogue | {s['seed']:.1f} |",
        f"| 10× catalogue ({s['questions']} questions) | {s['x10']:.1f} |",
        f"| **ratio** (target ≤ 1.2×) | **{s['x10'] / s['seed']:.2f}×** |",
        "",
        "| saved reports | in the 12 weeks | synth_reports | aggregates | whole page | "
        "baseline: recount the snapshots | page vs baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["insights"]:
        lines.append(
            f"| {r['reports']:,} | {r['in_range']:,} | {r['synth_s']:.0f} s | {r['collect']:.1f} ms | "
            f"{r['page']:.1f} ms | {r['old']:.0f} ms | {r['page'] / r['old']:.2f}× |"
        )
    return "\n".join(lines)


def main() -> None:
    databases = [("SQLite (embedded, WAL)", lambda: f"sqlite:///{Path(tempfile.mkdtemp()) / 'scale.sqlite3'}")]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        databases.append(("PostgreSQL", lambda: postgres_url(os.environ["DATABASE_URL"])))
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    parts = [
        f"Measured {stamp} on {machine()}; `{'DATABASE_URL=… ' if len(databases) > 1 else ''}"
        f"BENCH_REPORTS={REPORTS} make bench-scale`: medians of {REPEAT} timings "
        f"({REPEAT * 3} for the screens), in-process through Django's test client, debug off."
    ]
    for name, fresh in databases:
        result = {part: run_child(part, fresh()) for part in ("screens", "insights")}
        block = table(name, result)
        print(block, flush=True)
        parts.append(block)
    write_readme("\n\n".join(parts), START, END)
    print(f"bench-scale: written into {README.relative_to(ROOT)}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        child(sys.argv[-1])
    else:
        main()
