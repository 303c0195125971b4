"""The request log: one structured line per request (method, path with the keys
redacted, status, duration), written as one JSON object a line; never the query,
the body, an answer or a report's content."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from advisor.logs import JsonLines, redact
from tests.questionnaire_helpers import PROMOTER, fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd"


def request_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "advisor.requests"]


def as_json(record: logging.LogRecord) -> dict:
    text = JsonLines().format(record)
    assert "\n" not in text
    return json.loads(text)


def test_each_request_is_one_line_with_method_path_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="advisor.requests")
    client.get("/")
    client.post("/assess/")
    client.get("/no/such/page/")
    lines = [as_json(r) for r in request_lines(caplog)]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/", 200),
        ("POST", "/assess/", 302),
        ("GET", "/no/such/page/", 404),
    ]
    assert all(line["event"] == "request" and line["level"] == "INFO" for line in lines)
    assert all(isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0 for line in lines)
    assert lines[1]["message"].startswith("POST /assess/ 302 ")


def test_report_and_share_keys_are_redacted_from_the_log(client, caplog):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    client.get(f"/r/{report.token}/export.csv")
    Client().get(f"/s/{report.share_token}/")
    Client().get(f"/r/{report.token[:-4]}AAAA/")  # a wrong key is refused (404, which Django logs too)
    paths = [r.path for r in request_lines(caplog)]
    assert paths == ["/r/…/export.csv", "/s/…/", "/r/…/"]
    assert any("Not Found: /r/…/" in r.getMessage() for r in caplog.records if r.name == "django.request")
    written = "\n".join(JsonLines().format(r) for r in caplog.records)
    assert report.token not in written and report.share_token not in written
    assert report.token[:-4] not in written


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (f"/r/{TOKEN}/", "/r/…/"),
        (f"/r/{TOKEN}/steps/seo-basics/", "/r/…/steps/seo-basics/"),
        (f"/s/{TOKEN}/plan.ics", "/s/…/plan.ics"),
        (f"/r/{TOKEN}%00zz/print/", "/r/…/print/"),  # a pasted key with junk on it is still a key
        (f"/reminders/stop/{TOKEN}:1v2:x/", "/reminders/stop/…/"),
        ("/accounts/password/reset/MQ/cxyz-0123abcd/", "/accounts/password/reset/…/…/"),
        ("/accounts/password/reset/MQ/set-password/", "/accounts/password/reset/…/…/"),
        ("/reports/", "/reports/"),
        (
            "/assess/0b0c2b7e-4b8b-4c59-9d44-3d4c1d6f0a11/results/",
            "/assess/0b0c2b7e-4b8b-4c59-9d44-3d4c1d6f0a11/results/",
        ),
    ],
)
def test_secret_paths_are_redacted(path, shown):
    assert redact(path) == shown
    assert redact(f'"GET {path} HTTP/1.1" 200') == f'"GET {shown} HTTP/1.1" 200'


def test_the_query_and_the_body_are_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    assessment = fill(client, PROMOTER, finish=False)
    client.get(f"/assess/{assessment.pk}/review/?who=carol-secret")
    written = "\n".join(JsonLines().format(r) for r in caplog.records)
    assert "carol-secret" not in written and "q-" not in written and "seo-sem-operation" not in written
    assert f"/assess/{assessment.pk}/review/" in written


def test_health_probes_are_left_out_unless_they_fail(caplog):
    caplog.set_level(logging.INFO, logger="advisor.requests")
    Client().get("/healthz")
    assert request_lines(caplog) == []


def test_a_record_becomes_one_json_line_with_only_plain_extra_fields():
    try:
        raise ValueError("failed at /r/" + TOKEN + "/\nsecond line")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "Error: %s", (f"/s/{TOKEN}/",), sys.exc_info(), extra={}
        )
    record.request = object()  # Django adds the request; its text holds the raw path
    record.status_code = 500
    line = JsonLines().format(record)
    assert line.count("\n") == 0
    data = json.loads(line)
    assert data["message"] == "Error: /s/…/" and data["status_code"] == 500 and "request" not in data
    assert "ValueError: failed at /r/…/" in data["exception"] and TOKEN not in line


def test_the_configured_log_writes_json_lines_to_standard_error():
    """The settings as a server runs them: every line on stderr is JSON, keys redacted."""
    script = (
        "import django; django.setup(); from django.test import Client; "
        f"Client(raise_request_exception=False).get('/r/{TOKEN}/')"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))} | {
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "DJANGO_SECRET_KEY": "log-test",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SSL_REDIRECT": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        # No database at all, so the request fails and Django logs the error too.
        "DATABASE_URL": "sqlite:////nonexistent-directory/advisor.sqlite3",
    }
    done = subprocess.run(
        # Python's own warnings (no collected static files here) are not log records.
        [sys.executable, "-W", "ignore", "-c", script],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and TOKEN not in done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    (access,) = [line for line in lines if line["logger"] == "advisor.requests"]
    assert (access["method"], access["path"], access["status"]) == ("GET", "/r/…/", 503)
    (error,) = [line for line in lines if line["logger"] == "django.request"]
    assert error["level"] == "ERROR" and error["message"] == "Service Unavailable: /r/…/"
    assert "OperationalError" in error["exception"]
