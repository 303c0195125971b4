"""Two app servers (two `bin/serve` gunicorn processes) on one PostgreSQL database,
as a load balancer would use them: a questionnaire started on one continues on the
other, and a rate limit reached on one holds on the other (the database cache).

Heavy, and PostgreSQL only: `.ci/run` runs it once, against the suite's own test
database, which both servers share with the test."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from tests.test_serve import SERVE, free_port

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Browser:
    """One person's cookies, sent to whichever server the request goes to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, url: str):
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True).encode()
        # Django checks the Referer's origin on HTTPS only; plain HTTP needs just the token.
        return self._open(urllib.request.Request(url, data=body, method="POST"))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _serve(port: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [SERVE], env=env | {"PORT": str(port)}, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    pytest.fail(f"bin/serve on port {port} did not answer within a minute")


@pytest.fixture
def two_servers(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers need a shared PostgreSQL database (run with DATABASE_URL=postgres://…)")
    env = {
        "PATH": os.environ["PATH"],
        "HOST": "127.0.0.1",
        "DJANGO_SECRET_KEY": "two-servers-test-only",
        "DATABASE_URL": _database_url(),
        "DJANGO_RATE_LIMIT_CACHE": "database",
        "DJANGO_REPORT_EMAIL_PER_CLIENT": "2",
    }
    servers = []
    try:
        for _ in range(2):  # one after the other: the second's migrate finds nothing to do
            port = free_port()
            servers.append((f"http://127.0.0.1:{port}", _serve(port, env)))
        yield [url for url, _ in servers]
    finally:
        for _, server in servers:
            server.terminate()
            server.wait(timeout=30)


def test_a_questionnaire_started_on_one_server_continues_on_the_other(two_servers):
    a, b = two_servers
    person = Browser()
    person.get(a + "/assess/")
    status, headers, _ = person.post(a + "/assess/", {})
    assert status == 302
    about = headers["Location"]
    assert re.match(r"/assess/[0-9a-f-]+/about/$", about)
    status, _, page = person.get(b + about)  # the session lives in the database
    assert status == 200 and 'name="c-years"' in page
    answers = {"c-current_role": "seo-sem-operation", "c-years": "3", "c-company_type": "product-led",
               "c-hours_per_week": "5", "c-sells_online": "no", "c-goal": "not-sure", "c-company_size": "20-200",
               "nav": "next"}  # fmt: skip
    status, headers, _ = person.post(b + about, answers)
    assert status == 302 and not headers["Location"].endswith("/about/")
    status, _, page = person.get(a + about)  # back on the first server, the answers are there
    assert re.search(r'name="c-years" value="3"[^>]*checked', page)


def test_a_rate_limit_reached_on_one_server_holds_on_the_other(two_servers, client):
    from tests.reports_helpers import save_report

    a, b = two_servers
    report = save_report(client)
    person = Browser()
    person.get(f"{a}/r/{report.token}/")
    for server in (a, b):  # two e-mails allowed per client, one on each server
        status, _, _ = person.post(f"{server}/r/{report.token}/email/", {"email": "me@example.com"})
        assert status == 302
    status, headers, page = person.post(f"{b}/r/{report.token}/email/", {"email": "me@example.com"})
    assert status == 429 and int(headers["Retry-After"]) > 0
    status, _, _ = person.post(f"{a}/r/{report.token}/email/", {"email": "other@example.com"})
    assert status == 429


def test_a_lockout_reached_on_one_server_holds_on_the_other(two_servers):
    from django.contrib.auth import get_user_model

    a, b = two_servers
    get_user_model().objects.create_user("mei", "mei@example.com", "the-right-passphrase-for-mei")
    person = Browser()
    person.get(a + "/accounts/login/")
    for _ in range(5):  # DJANGO_LOGIN_FAILURE_LIMIT's default
        status, _, _ = person.post(a + "/accounts/login/", {"username": "mei", "password": "wrong"})
        assert status in (422, 429)  # refused, then paused
    other = Browser()  # someone else, on the other server, with the right password
    other.get(b + "/accounts/login/")
    status, headers, _ = other.post(
        b + "/accounts/login/", {"username": "mei", "password": "the-right-passphrase-for-mei"}
    )
    assert status == 429 and int(headers["Retry-After"]) > 0
