"""The load benchmark: `make serve` under wrk, each figure against a bare Django
view that renders a page of the same byte size as the results page, in the
same run. SQLite always; PostgreSQL too when DATABASE_URL points at a server
(the bench creates and drops its own database there, `advisor_bench`).

    make bench                      # 60 s per run, 32 connections
    BENCH_SECONDS=10 make bench     # a quick look

Prints req/s, p50/p95/p99 and errors per page, for the journey and for a read
mix, and writes them into bench/README.md with the date, machine and command."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).with_name("README.md")
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
CSRF = "benchbenchbenchbenchbenchbench32"  # as in journey.lua
START, END = "<!-- results: written by bench/run.py -->", "<!-- /results -->"
# The load comes from one address, far faster than any person: the rate limits and
# the login lockout (settings.py's abuse block) are raised out of its way.
UNLIMITED = {
    "DJANGO_RATE_LIMIT_START": "100000000/m",
    "DJANGO_RATE_LIMIT_SIGNUP": "100000000/m",
    "DJANGO_RATE_LIMIT_LOGIN": "100000000/m",
    "DJANGO_RATE_LIMIT_PASSWORD_RESET_ADDRESS": "100000000/m",
    "DJANGO_RATE_LIMIT_PASSWORD_RESET_CLIENT": "100000000/m",
    "DJANGO_RATE_LIMIT_SHARE": "100000000/m",
    "DJANGO_REPORT_EMAIL_PER_ADDRESS": "100000000",
    "DJANGO_REPORT_EMAIL_PER_CLIENT": "100000000",
    "DJANGO_LOGIN_FAILURE_LIMIT": "100000000",
}


# --- the server -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """bin/serve (the same as `make serve`) with the bench's URLconf, on a fresh database."""

    def __init__(self, database_url: str) -> None:
        self.port = free_port()
        env = (
            os.environ
            | UNLIMITED
            | {
                "DATABASE_URL": database_url,
                "DJANGO_SECRET_KEY": "bench-only-not-secret",
                "DJANGO_URLCONF": "bench.urls",
                "PORT": str(self.port),
                "HOST": "127.0.0.1",
            }
        )
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (read back when the server fails to start)
        self.process = subprocess.Popen([ROOT / "bin" / "serve"], cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        for _ in range(240):
            try:
                if self.get("/bench/bare/?bytes=10")[0] == 200:
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit("bench: the server did not start; its log:\n" + self.output())

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()[-5000:]

    def request(self, method: str, path: str, cookie: str = "", body: str = "") -> tuple[int, dict, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Cookie": cookie}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def get(self, path: str, cookie: str = "") -> tuple[int, dict, str]:
        return self.request("GET", path, cookie)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- people, prepared before the load ------------------------------------------------


def answers(page: str) -> str:
    values: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="([cq]-[^"]+)" value="([^"]*)"', page):
        values.setdefault(name, []).append(value)
    picks = [f"{name}={choices[len(choices) // 2]}" for name, choices in values.items()]
    return "&".join([f"csrfmiddlewaretoken={CSRF}", "nav=next", *picks])


@dataclass
class Person:
    cookie: str
    results: str = ""
    report: str = ""
    screen: str = ""
    answer: str = ""


def person(server: Server, *, finish: bool = True) -> Person:
    """One person through the questionnaire with http.client, as the browser would."""
    csrf = f"csrfmiddlewaretoken={CSRF}"
    status, headers, _ = server.request("POST", "/assess/", f"csrftoken={CSRF}", csrf)
    session = re.search(r"sessionid=([^;]+)", headers["set-cookie"]).group(1)
    who = Person(cookie=f"csrftoken={CSRF}; sessionid={session}")
    url = headers["location"]
    while "/review/" not in url:
        page = server.get(url, who.cookie)[2]
        who.screen, who.answer = url, answers(page)
        status, headers, _ = server.request("POST", url, who.cookie, who.answer)
        assert status == 302, (url, status)
        url = headers["location"]
        if not finish and "/about/" not in who.screen:
            return who  # stopped on the second screen, answers kept
    status, headers, _ = server.request("POST", url.replace("/review/", "/finish/"), who.cookie, csrf)
    who.results = headers["location"]
    save = who.results.replace("/assess/", "/reports/save/").replace("results/", "")
    status, headers, _ = server.request("POST", save, who.cookie, csrf)
    who.report = headers["location"].split("#")[0]
    return who


# --- wrk -----------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("bench: installing Debian's wrk", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return shutil.which("wrk") or sys.exit("bench: wrk did not install")
    sys.exit("bench: needs wrk (apt-get install wrk)")


def wrk(server: Server, entries: list[tuple[str, str, str, str]], *, script: str = "page.lua") -> dict:
    threads = CONNECTIONS if script == "journey.lua" else 2
    command = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(Path(__file__).with_name(script)),
        f"http://127.0.0.1:{server.port}/",
    ]
    if entries:
        command += ["--", *("|".join(e) for e in entries)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH "))
    out = json.loads(line[6:])
    seconds = out["duration_us"] / 1e6
    out["rps"] = out["requests"] / seconds
    out["errors"] = out["socket_errors"] + out["status_errors"] + out["timeouts"] + out.get("broken", 0)
    if "journeys" in out:
        out["journeys_per_s"] = out["journeys"] / seconds
    return out


# --- one database ----------------------------------------------------------------------


def measure(database_url: str) -> list[tuple[str, dict]]:
    server = Server(database_url)
    try:
        people = [person(server) for _ in range(8)]
        draft = person(server, finish=False)
        size = len(server.get(people[0].results, people[0].cookie)[2].encode())
        bare = [("GET", f"/bench/bare/?bytes={size}", "", "")]
        assert abs(len(server.get(bare[0][1])[2].encode()) - size) <= 1
        runs = [
            ("bare view, same size as results", bare),
            ("home", [("GET", "/", p.cookie, "") for p in people]),
            ("questionnaire screen", [("GET", draft.screen, draft.cookie, "")]),
            ("answer (POST)", [("POST", draft.screen, draft.cookie, draft.answer)]),
            ("results", [("GET", p.results, p.cookie, "") for p in people]),
            ("saved report", [("GET", p.report, "", "") for p in people]),
            (
                "read mix: results, report, home",
                [
                    e
                    for p in people
                    for e in (("GET", p.results, p.cookie, ""), ("GET", p.report, "", ""), ("GET", "/", p.cookie, ""))
                ],
            ),
        ]
        rows = []
        for name, entries in runs:
            print(f"bench: {name} …", flush=True)
            rows.append((name, wrk(server, entries)))
        print("bench: whole journey …", flush=True)
        rows.append(("whole journey", wrk(server, [], script="journey.lua")))
        return rows
    finally:
        server.stop()


def postgres_url(url: str) -> str:
    """A database of the bench's own on the server DATABASE_URL names, created afresh."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS advisor_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE advisor_bench")
    return urlunsplit(parts._replace(path="/advisor_bench"))


# --- the report --------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return f"{platform.node()}, {os.cpu_count()} cores, {cpu}"


def table(database: str, rows: list[tuple[str, dict]]) -> str:
    bare = rows[0][1]
    lines = [
        f"#### {database}",
        "",
        "| run | req/s | vs bare | p50 ms | p95 ms | p99 ms | p95 vs bare | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['rps'] / bare['rps']:.0%} | {r['p50_us'] / 1000:.1f} | "
            f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r['p95_us'] / bare['p95_us']:.2f}× | {r['errors']} |"
        )
    journey = rows[-1][1]
    took = f"{CONNECTIONS / journey['journeys_per_s']:.1f} s" if journey["journeys"] else f"more than {SECONDS} s"
    lines += [
        "",
        f"Whole journey: {journey['journeys_per_s']:.2f} journeys/s ({journey['journeys']} completed, "
        f"{journey.get('broken', 0)} broken off); one journey takes about {took} "
        f"with {CONNECTIONS} people at once (Little's law).",
    ]
    return "\n".join(lines)


def write_readme(block: str, start: str = START, end: str = END) -> None:
    """Put `block` between the markers in bench/README.md (added at the end the first time)."""
    text = README.read_text(encoding="utf-8")
    if start not in text:
        text += f"\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    README.write_text(f"{before}{start}\n{block}\n{end}{after}", encoding="utf-8")


def main() -> None:
    ensure_wrk()
    databases = [("SQLite (embedded, WAL)", f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}")]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        databases.append(("PostgreSQL", postgres_url(os.environ["DATABASE_URL"])))
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    parts = [
        f"Measured {stamp} on {machine()}; Python {platform.python_version()}; "
        f"`{'DATABASE_URL=… ' if len(databases) > 1 else ''}BENCH_SECONDS={SECONDS} make bench`: "
        f"wrk, {CONNECTIONS} connections, {SECONDS} s a run.",
    ]
    for name, url in databases:
        rows = measure(url)
        block = table(name, rows)
        print(block, flush=True)
        parts.append(block)
    write_readme("\n\n".join(parts))
    print(f"bench: written into {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
