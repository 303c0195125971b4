"""Does the password-reset answer tell a stranger whether an address has an account?

`make bench-reset` starts the app as `make serve` runs it (gunicorn, debug off) on a
fresh SQLite file, with a real SMTP connection to a local mail server that, like a
distant one, takes SMTP_DELAY seconds (default 0.3) to accept each message. One
account has an address; then known and unknown addresses are asked for in turn,
REPEATS times each (default 40), one request at a time, and the time until the
whole answer has arrived is noted. The mail server counts what it received, to
show that every known address did get its mail. Medians and the ratio known ÷
unknown are printed and written into bench/README.md."""

from __future__ import annotations

import os
import platform
import re
import socketserver
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

DELAY = float(os.environ.get("SMTP_DELAY", "0.3"))
REPEATS = int(os.environ.get("REPEATS", "40"))
START, END = "<!-- reset timing: written by bench/reset_timing.py -->", "<!-- /reset timing -->"
received: list[str] = []


class SlowSMTP(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greet, EHLO, MAIL, RCPT, DATA (slow to accept), QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 bench ESMTP")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                message = []
                while (body := self.rfile.readline()) not in (b".\r\n", b""):
                    message.append(body.decode(errors="replace"))
                time.sleep(DELAY)  # a distant server's round trips and checks
                received.append("".join(message))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


def ask(server: run.Server, address: str) -> float:
    csrf = f"csrftoken={run.CSRF}"
    body = f"csrfmiddlewaretoken={run.CSRF}&email={address}"
    started = time.perf_counter()
    status, headers, _ = server.request("POST", "/accounts/password/reset/", csrf, body)
    seconds = time.perf_counter() - started
    assert status == 302 and headers["location"].endswith("/sent/"), (status, headers)
    return seconds


def main() -> None:
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SlowSMTP)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    os.environ |= {
        "DJANGO_SMTP": "true",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp.server_address[1]),
        "WEB_CONCURRENCY": "2",
    }
    server = run.Server(f"sqlite:///{Path(tempfile.mkdtemp()) / 'reset.sqlite3'}")
    try:
        signup = (
            f"csrfmiddlewaretoken={run.CSRF}&username=known&email=known%40example.com"
            "&password1=a-long-bench-password-1&password2=a-long-bench-password-1"
        )
        status, _, _ = server.request("POST", "/accounts/signup/", f"csrftoken={run.CSRF}", signup)
        assert status == 302, status
        times: dict[str, list[float]] = {"known": [], "unknown": []}
        for i in range(REPEATS):
            times["known"].append(ask(server, "known%40example.com"))
            times["unknown"].append(ask(server, f"nobody{i}%40example.com"))
        deadline = time.monotonic() + 30
        while len(received) < REPEATS and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.stop()
        smtp.shutdown()
    known, unknown = (statistics.median(times[k]) * 1000 for k in ("known", "unknown"))
    p90 = {k: statistics.quantiles(v, n=10)[-1] * 1000 for k, v in times.items()}
    mails = sum(1 for m in received if re.search(r"known@example\.com", m))
    block = "\n".join(
        [
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {run.machine()}; Python "
            f"{platform.python_version()}; `make bench-reset`: {REPEATS} requests each, one at a time, "
            f"the mail server taking {DELAY:.2f} s per message.",
            "",
            "| address | median ms | p90 ms |",
            "|---|---:|---:|",
            f"| with an account (a mail is sent) | {known:.1f} | {p90['known']:.1f} |",
            f"| without one (no mail) | {unknown:.1f} | {p90['unknown']:.1f} |",
            "",
            f"Known ÷ unknown, medians: {known / unknown:.2f}×. Mails the server received for the known "
            f"address: {mails} of {REPEATS}. Sending in the request would add about {DELAY * 1000:.0f} ms "
            "to every known address's answer.",
        ]
    )
    print(block)
    run.write_readme(block, START, END)
    print(f"bench: written into {run.README.relative_to(run.ROOT)}")


if __name__ == "__main__":
    main()
