"""How many gunicorn processes and threads: the results page, a questionnaire
screen and the bare baseline under wrk, for a few worker layouts, on SQLite.

    .venv/bin/python bench/workers.py      # BENCH_SECONDS=10 by default here

The figures behind the choice in gunicorn.conf.py; bench/README.md keeps them."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("BENCH_SECONDS", "10")

import run  # noqa: E402

LAYOUTS = [("gthread", 3, 1), ("gthread", 3, 4), ("gthread", 5, 4), ("gthread", 2, 8), ("sync", 3, 1)]


def main() -> None:
    print("| class | processes × threads | bare req/s | results req/s (vs bare) | screen req/s (vs bare) |")
    print("|---|---|---:|---:|---:|")
    for kind, workers, threads in LAYOUTS:
        os.environ |= {"GUNICORN_WORKER_CLASS": kind, "WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": str(threads)}
        server = run.Server(f"sqlite:///{Path(tempfile.mkdtemp()) / 'workers.sqlite3'}")
        try:
            people = [run.person(server) for _ in range(4)]
            draft = run.person(server, finish=False)
            bare = run.wrk(server, [("GET", "/bench/bare/?bytes=33000", "", "")])["rps"]
            results = run.wrk(server, [("GET", p.results, p.cookie, "") for p in people])["rps"]
            screen = run.wrk(server, [("GET", draft.screen, draft.cookie, "")])["rps"]
        finally:
            server.stop()
        print(
            f"| {kind} | {workers} × {threads} | {bare:.0f} | {results:.0f} ({results / bare:.0%}) "
            f"| {screen:.0f} ({screen / bare:.0%}) |",
            flush=True,
        )


if __name__ == "__main__":
    main()
