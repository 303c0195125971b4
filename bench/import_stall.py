"""Does an import stall the people answering? (issue 31)

Starts `bin/serve` (as `make serve`) on a fresh database with the seed catalogue,
sends BENCH_WALKERS (default 16) people through the questionnaire over and over,
each timing every answer it posts, and after BENCH_WARMUP seconds (default 10)
imports a catalogue ten times the seed's (`synth_catalogue --scale 10 --output`)
with `manage.py import_catalogue` in a separate process, as an operator would.
The walkers carry on until BENCH_AFTER seconds (default 5) after the import ends.

Reported per database: the import's duration, and the answers posted before
and during it (count, median, p95, slowest). Target: no answer waits 2 s or more
while the import runs. SQLite always; PostgreSQL too when DATABASE_URL points at
a server (the bench creates and drops its own database, `advisor_bench_import`).

    make bench-import

The results go into bench/README.md between the import markers, with the date
and machine."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import CSRF, UNLIMITED, Server, answers, machine, write_readme  # noqa: E402

WALKERS = int(os.environ.get("BENCH_WALKERS", "16"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "10"))
AFTER = float(os.environ.get("BENCH_AFTER", "5"))
START, END = "<!-- import: written by bench/import_stall.py -->", "<!-- /import -->"
LIMIT = 2.0  # seconds: the target for the slowest answer during the import


def manage(database_url: str, *args: str) -> float:
    env = os.environ | UNLIMITED | {"DATABASE_URL": database_url, "DJANGO_SECRET_KEY": "bench-only-not-secret"}
    env["DJANGO_CATALOGUE_IMPORT_MAX_BYTES"] = str(16 * 1024 * 1024)  # the 10x file is 2.2 MB
    began = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - began


class Walkers:
    """People answering, each timing its answers: (when posted, seconds taken, status)."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.stop = threading.Event()
        self.answers: list[tuple[float, float, int]] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.walk, daemon=True) for _ in range(WALKERS)]

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def join(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)

    def walk(self) -> None:
        csrf = f"csrfmiddlewaretoken={CSRF}"
        while not self.stop.is_set():
            status, headers, _ = self.server.request("POST", "/assess/", f"csrftoken={CSRF}", csrf)
            session = re.search(r"sessionid=([^;]+)", headers.get("set-cookie", ""))
            if status != 302 or not session:
                self.record(time.perf_counter(), 0.0, status)
                continue
            cookie = f"csrftoken={CSRF}; sessionid={session.group(1)}"
            url = headers["location"]
            while "/review/" not in url and not self.stop.is_set():
                page = self.server.get(url, cookie)[2]
                began = time.perf_counter()
                status, headers, _ = self.server.request("POST", url, cookie, answers(page))
                self.record(began, time.perf_counter() - began, status)
                if status != 302:
                    break
                url = headers["location"]

    def record(self, when: float, took: float, status: int) -> None:
        with self.lock:
            self.answers.append((when, took, status))


def summary(rows: list[tuple[float, float, int]]) -> str:
    times = sorted(t for _, t, _ in rows)
    errors = sum(status != 302 for _, _, status in rows)
    if not times:
        return "no answers | | | | "
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return (
        f"{len(times)} | {statistics.median(times) * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
        f"{times[-1] * 1000:.0f} ms | {errors}"
    )


def measure(database_url: str, catalogue: Path) -> dict:
    server = Server(database_url)
    try:
        walkers = Walkers(server)
        walkers.start()
        time.sleep(WARMUP)
        began = time.perf_counter()
        took = manage(database_url, "import_catalogue", str(catalogue))
        ended = time.perf_counter()
        time.sleep(AFTER)
        walkers.join()
    finally:
        server.stop()
    rows = walkers.answers
    before = [r for r in rows if r[0] < began]
    # An answer waits on the import if it was posted while it ran, or was still waiting when it began.
    during = [r for r in rows if r[0] <= ended and r[0] + r[1] >= began]
    after = [r for r in rows if r[0] > ended]
    slowest = max((t for _, t, _ in during), default=0.0)
    # Where the slowest waits fell: seconds into the import, and how long the import ran.
    worst = sorted(during, key=lambda r: -r[1])[:3]
    where = ", ".join(f"{t:.2f} s at +{w - began:.1f} s" for w, t, _ in worst)
    return {"import": took, "before": before, "during": during, "after": after, "slowest": slowest, "where": where}


def postgres_url(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS advisor_bench_import WITH (FORCE)")
        conn.execute("CREATE DATABASE advisor_bench_import")
    return urlunsplit(urlsplit(url)._replace(path="/advisor_bench_import"))


def drop_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS advisor_bench_import WITH (FORCE)")


def main() -> None:
    work = Path(tempfile.mkdtemp())
    catalogue = work / "catalogue-x10.yaml"
    databases = [("SQLite (embedded, WAL)", f"sqlite:///{work / 'bench.sqlite3'}")]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        databases.append(("PostgreSQL", postgres_url(os.environ["DATABASE_URL"])))
    manage(databases[0][1], "migrate", "--noinput")
    manage(databases[0][1], "synth_catalogue", "--scale", "10", "--output", str(catalogue))
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    lines = [
        f"Measured {stamp} on {machine()}: {WALKERS} people answering, a {catalogue.stat().st_size:,}-byte "
        f"10x catalogue imported after {WARMUP:.0f} s (`make bench-import`); load average at the start "
        f"{os.getloadavg()[0]:.1f} (the machine is shared: compare the rows of one run, not runs).",
        "",
        "| database | import | answers | count | median | p95 | slowest | errors |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for name, url in databases:
        found = measure(url, catalogue)
        for part in ("before", "during", "after"):
            label = {"before": "before the import", "during": "during the import", "after": "after it"}[part]
            lines.append(f"| {name} | {found['import']:.1f} s | {label} | {summary(found[part])} |")
        met = "met" if found["slowest"] < LIMIT else "MISSED"
        verdicts.append(
            f"{name}: slowest answer during the import {found['slowest']:.2f} s, target < {LIMIT:.0f} s: {met} "
            f"(the three slowest: {found['where']}, of {found['import']:.1f} s)."
        )
        print(lines[-3:], verdicts[-1], flush=True)
    if len(databases) > 1:
        drop_postgres(os.environ["DATABASE_URL"])
    shutil.rmtree(work, ignore_errors=True)
    block = "\n".join(lines + [""] + [f"- {v}" for v in verdicts])
    write_readme(block, START, END)
    print(block)


if __name__ == "__main__":
    main()
