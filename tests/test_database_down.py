"""While the database is down: /healthz says so with a 503 and Retry-After, and
pages answer a translated 503 that says to try again, never a 500. Nothing saved
before is lost once it is back."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import OperationalError, connections
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from advisor.errors import server_error
from advisor.questionnaire.models import ContextAnswer
from tests.questionnaire_helpers import PROMOTER, about_data, fill, start
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")
ROOT = Path(__file__).resolve().parent.parent
DOWN = "The advisor is briefly unavailable"


@contextmanager
def database(error: type[Exception] | None = None):
    """Every new cursor fails as the driver fails when the server is gone (or with `error`)."""
    db = connections["default"]

    def refuse(*args, **kwargs):
        raise (error or db.Database.OperationalError)("connection refused: the database is down (test)")

    original = db.create_cursor
    db.create_cursor = refuse
    try:
        yield
    finally:
        db.create_cursor = original


def browser(**headers) -> Client:
    # Errors must come back as the responses a person gets, not be raised into the test.
    return Client(raise_request_exception=False, **headers)


def test_healthz_is_200_while_the_database_answers(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = browser().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


def test_healthz_is_503_with_retry_after_when_the_database_does_not_answer():
    with database():
        response = browser().get("/healthz")
    assert response.status_code == 503 and response.content == b"database unavailable\n"
    assert int(response["Retry-After"]) > 0
    assert browser().get("/healthz").status_code == 200  # healed without a restart


def test_healthz_answers_a_probe_by_address_over_plain_http(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["advisor.example.com"]
    response = browser().get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert browser().get("/", HTTP_HOST="advisor.example.com").status_code == 301  # the rest still redirects


def test_a_page_answers_a_translated_503_that_says_to_try_again():
    with database():
        response = browser().get("/assess/")
    page = response.content.decode()
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    assert DOWN in page and "Everything you have saved is safe." in page
    assert 'href="/assess/">Try again</a>' in page
    assert 'lang="en"' in page and "Server error" not in page


@pytest.mark.parametrize("path", ["//evil.example/", "/\\evil.example/", "///evil.example/"])
def test_try_again_never_leads_off_the_site(rf, path):
    request = rf.get("/")
    request.path = request.path_info = path  # what a server hands over for such a request line
    try:
        raise OperationalError("the database is down (test)")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    again = re.search(r'href="([^"]*)">Try again</a>', response.content.decode()).group(1)
    assert again.startswith("/") and again[1] not in "/\\" and urlsplit(again).netloc == ""


def test_the_page_is_in_the_readers_language():
    with database():
        page = browser(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/").content.decode()
    assert 'lang="zh-hans"' in page
    with translation.override("zh-hans"):
        assert gettext(DOWN) in page and gettext("Try again") in page


def test_a_saved_report_answers_503_and_opens_again_once_the_database_is_back(client, caplog):
    report = save_report(client)
    client.raise_request_exception = False
    with database():
        response = client.get(f"/r/{report.token}/")
    assert response.status_code == 503 and DOWN in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    # Django's error log names the outage, with the report's key redacted.
    assert any("Service Unavailable: /r/…/" in r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert all(report.token not in r.getMessage() for r in caplog.records)
    back = client.get(f"/r/{report.token}/")
    assert back.status_code == 200 and report.title in back.content.decode()


def test_answers_sent_during_the_outage_get_a_503_and_earlier_answers_are_kept(client):
    assessment = start(client)
    about = f"/assess/{assessment.pk}/about/"
    assert client.post(about, about_data(PROMOTER["context"])).status_code == 302

    def years() -> str:
        return ContextAnswer.objects.get(assessment=assessment, question__slug="years").choice.value

    assert years() == "3"
    client.raise_request_exception = False
    with database():
        response = client.post(about, about_data(PROMOTER["context"] | {"years": "6"}))
    page = response.content.decode()
    assert response.status_code == 503
    assert "what you just sent may not have been saved" in page and "Go back and send it again" in page
    assert "Try again" not in page  # a link would GET a form's address
    assert years() == "3"
    assert client.get(about).status_code == 200


def test_an_htmx_request_is_told_to_reload_the_page():
    assessment_client = Client(raise_request_exception=False)
    assessment = fill(assessment_client, finish=False)
    with database():
        response = assessment_client.get(f"/assess/{assessment.pk}/review/", HTTP_HX_REQUEST="true")
    assert response.status_code == 503 and response["HX-Refresh"] == "true"


def test_other_database_errors_stay_500s():
    with database(error=connections["default"].Database.ProgrammingError):
        response = browser().get("/assess/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert DOWN not in response.content.decode()


@pytest.fixture
def silent_server():
    """A port that accepts connections and never says a word, as a hung database server does."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield f"127.0.0.1:{server.getsockname()[1]}"


@pytest.mark.parametrize(
    "url",
    [
        "postgres://advisor@127.0.0.1:1/advisor",
        "postgres://advisor@{silent}/advisor?connect_timeout=1",
        "sqlite:////nonexistent-directory/advisor.sqlite3",
    ],
    ids=["refused", "silent", "sqlite"],
)
def test_a_real_dead_database_gets_the_same_answers(url, silent_server):
    """No patching: a server that refuses connections, one that never answers (given up
    on after the connect timeout, not when gunicorn kills the worker), a file that cannot be opened."""
    url = url.format(silent=silent_server)
    started = time.monotonic()
    script = (
        "import django; django.setup(); from django.test import Client; "
        "c = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE='en'); "
        "h = c.get('/healthz'); p = c.get('/'); "
        f"print(h.status_code, h['Retry-After'], p.status_code, p['Retry-After'], {DOWN!r} in p.content.decode())"
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))} | {
        "DJANGO_SETTINGS_MODULE": "advisor.settings",
        "DJANGO_SECRET_KEY": "dead-database-test",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SSL_REDIRECT": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "DATABASE_URL": url,
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["503", "30", "503", "30", "True"]
    assert time.monotonic() - started < 20
