"""The load benchmark: `make serve` under wrk, each figure against two bare Django
views that render a page of the same byte size as the results page, in the same
run: a static one (one variable of padding) and a loop one (a loop over rows,
bench/urls.py). SQLite always; PostgreSQL too when DATABASE_URL points at a
server (the bench creates and drops its own database there, `advisor_bench`).

    make bench-load                                  # 5 rounds, 10 s a run, 32 connections
    BENCH_ROUNDS=1 BENCH_SECONDS=3 make bench-load   # a quick look

Each round runs both baselines, then every page, so each page's run sits between
two baseline runs; a page's ratio in a round is against the mean of those two.
Prints the medians over the rounds (req/s, ratios, p50/p95/p99, errors) for
every page, a read mix and the whole journey, with each target met or not, and
writes them into bench/README.md with the date, machine and command."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
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
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
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


STATIC, LOOP = "bare view, static, same size as results", "bare view, loop over rows, same size as results"
# Issue 25's targets: (baseline, least share of its req/s), by run.
TARGETS = {
    "questionnaire screen": (STATIC, 0.30),
    "answer (POST)": (STATIC, 0.30),
    "results": (LOOP, 0.50),
    "saved report": (LOOP, 0.50),
    "whole journey": (STATIC, 0.20),
}


def measure(database_url: str) -> list[dict]:
    """Every run, ROUNDS times, the baselines first in each round; one row per run
    with the medians over the rounds."""
    server = Server(database_url)
    try:
        people = [person(server) for _ in range(8)]
        draft = person(server, finish=False)
        size = len(server.get(people[0].results, people[0].cookie)[2].encode())
        baselines = [
            (STATIC, [("GET", f"/bench/bare/?bytes={size}", "", "")], "page.lua"),
            (LOOP, [("GET", f"/bench/loop/?bytes={size}", "", "")], "page.lua"),
        ]
        for _, entries, _ in baselines:
            assert abs(len(server.get(entries[0][1])[2].encode()) - size) <= 1
        pages = [
            ("home", [("GET", "/", p.cookie, "") for p in people], "page.lua"),
            ("questionnaire screen", [("GET", draft.screen, draft.cookie, "")], "page.lua"),
            ("answer (POST)", [("POST", draft.screen, draft.cookie, draft.answer)], "page.lua"),
            ("results", [("GET", p.results, p.cookie, "") for p in people], "page.lua"),
            ("saved report", [("GET", p.report, "", "") for p in people], "page.lua"),
            (
                "read mix: results, report, home",
                [
                    e
                    for p in people
                    for e in (("GET", p.results, p.cookie, ""), ("GET", p.report, "", ""), ("GET", "/", p.cookie, ""))
                ],
                "page.lua",
            ),
            ("whole journey", [], "journey.lua"),
        ]
        rounds: list[dict[str, dict]] = []
        for n in range(ROUNDS + 1):
            # The last round is the baselines alone: every page run then has one after it.
            runs = baselines if n == ROUNDS else baselines + pages
            done = {}
            for name, entries, script in runs:
                print(
                    f"bench: round {min(n + 1, ROUNDS)}/{ROUNDS}{' (closing baselines)' if n == ROUNDS else ''}: {name} …",
                    flush=True,
                )
                done[name] = wrk(server, entries, script=script)
            rounds.append(done)
        return summarise(rounds, [name for name, _, _ in baselines + pages])
    finally:
        server.stop()


def summarise(rounds: list[dict[str, dict]], names: list[str]) -> list[dict]:
    """Medians over the rounds; a run's ratio in a round is against the mean of the
    baseline runs before and after it (the same round's and the next round's)."""
    rows = []
    for name in names:
        per = [(i, r[name]) for i, r in enumerate(rounds) if name in r]
        if name in (STATIC, LOOP):
            per = per[:-1]  # the closing baselines only frame the last round's pages
        row = {"name": name, "rounds": len(per)}
        for key in ("rps", "p50_us", "p95_us", "p99_us"):
            row[key] = statistics.median(x[key] for _, x in per)
        row["errors"] = sum(x["errors"] for _, x in per)
        for base in (STATIC, LOOP):
            around = [(rounds[i][base]["rps"] + rounds[i + 1][base]["rps"]) / 2 for i, _ in per]
            row[base] = statistics.median(x["rps"] / b for (_, x), b in zip(per, around, strict=True))
            row[base + " p95"] = statistics.median(
                x["p95_us"] / ((rounds[i][base]["p95_us"] + rounds[i + 1][base]["p95_us"]) / 2) for i, x in per
            )
        if name == "whole journey":
            row["journeys_per_s"] = statistics.median(x["journeys_per_s"] for _, x in per)
            row["journeys"] = sum(x["journeys"] for _, x in per)
            row["broken"] = sum(x.get("broken", 0) for _, x in per)
        rows.append(row)
    return rows


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


def verdict(row: dict) -> str:
    if row["name"] not in TARGETS:
        return ""
    base, share = TARGETS[row["name"]]
    met = row[base] >= share
    return f"≥ {share:.0%} of {'loop' if base == LOOP else 'static'}: {'met' if met else 'missed'}"


def ratio(row: dict, base: str) -> str:
    return "100%" if row["name"] == base else f"{row[base]:.0%}"


def table(database: str, rows: list[dict]) -> str:
    lines = [
        f"#### {database}",
        "",
        "| run | req/s | vs static | vs loop | p50 ms | p95 ms | p99 ms | p95 vs static | errors | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['rps']:.0f} | {ratio(r, STATIC)} | {ratio(r, LOOP)} | {r['p50_us'] / 1000:.1f} | "
            f"{r['p95_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | {r[STATIC + ' p95']:.2f}× | {r['errors']} | "
            f"{verdict(r)} |"
        )
    journey = rows[-1]
    took = f"{CONNECTIONS / journey['journeys_per_s']:.1f} s" if journey["journeys"] else f"more than {SECONDS} s"
    lines += [
        "",
        f"Medians over {journey['rounds']} rounds. Whole journey: {journey['journeys_per_s']:.2f} journeys/s "
        f"({journey['journeys']} completed, {journey['broken']} broken off, over all rounds); one journey takes "
        f"about {took} with {CONNECTIONS} people at once (Little's law).",
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
        f"`{'DATABASE_URL=… ' if len(databases) > 1 else ''}BENCH_ROUNDS={ROUNDS} BENCH_SECONDS={SECONDS} "
        f"make bench-load`: wrk, {CONNECTIONS} connections, {SECONDS} s a run, {ROUNDS} rounds; "
        f"load average at the start {os.getloadavg()[0]:.1f}.",
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
