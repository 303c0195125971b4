"""Password reset answers an address with an account exactly as it answers one
without, in content and in time: the mail, which only the first gets, is sent after
the response has reached the browser. A real server (pytest-django's live server)
and an e-mail backend that holds each send until the test lets it go show the
order: the answer arrives while the send is still held."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from advisor import after_response
from tests.accounts_helpers import GATE_SECONDS, GatedMail
from tests.fixtures import alice

URL = "/accounts/password/reset/"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def gated_mail(settings):
    settings.EMAIL_BACKEND = "tests.accounts_helpers.GatedMail"
    settings.AFTER_RESPONSE_IN_BACKGROUND = True  # as in production
    GatedMail.gate.clear()
    GatedMail.sent.clear()
    yield GatedMail
    GatedMail.gate.set()  # let a send still held finish before the next test
    after_response.wait()


def ask_for_reset(server: str, address: str, language: str = "en") -> tuple[http.client.HTTPResponse, float]:
    """GET the form, then POST the address as a browser would; the POST's answer and its seconds."""
    host = urlsplit(server).netloc
    connection = http.client.HTTPConnection(host, timeout=GATE_SECONDS * 3)
    connection.request("GET", URL, headers={"Accept-Language": language})
    form = connection.getresponse()
    page = form.read().decode()
    cookie = form.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    connection.close()
    connection = http.client.HTTPConnection(host, timeout=GATE_SECONDS * 3)
    started = time.monotonic()
    connection.request(
        "POST",
        URL,
        body=urlencode({"csrfmiddlewaretoken": token, "email": address}),
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": language},
    )
    response = connection.getresponse()
    response.read()
    seconds = time.monotonic() - started
    connection.close()
    return response, seconds


def wait_for_sends(mail: type[GatedMail], count: int) -> list:
    deadline = time.monotonic() + GATE_SECONDS * 2
    while len(mail.sent) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return list(mail.sent)


def test_the_answer_for_a_known_address_arrives_before_its_mail_is_sent(live_server, transactional_db, gated_mail):
    alice()
    response, seconds = ask_for_reset(live_server.url, "alice@example.com")
    assert response.status == 302 and response.getheader("Location") == "/accounts/password/reset/sent/"
    # The backend is still holding the send: without the deferral the answer would
    # only have come once the gate gave up, GATE_SECONDS later, with the mail sent.
    assert gated_mail.sent == [], f"the mail was sent before the answer ({seconds:.1f} s)"
    gated_mail.gate.set()
    (mail,) = wait_for_sends(gated_mail, 1)
    assert mail.to == ["alice@example.com"]
    assert "Your username, in case you have forgotten it: alice" in mail.body


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_a_mail_in_their_language(
    live_server, transactional_db, gated_mail
):
    alice()
    answers = {}
    for address in ("alice@example.com", "stranger@example.com"):
        response, _ = ask_for_reset(live_server.url, address, language="zh-hans")
        headers = {k: v for k, v in response.getheaders() if k not in {"Date", "Set-Cookie"}}
        answers[address] = (response.status, headers)
    assert answers["alice@example.com"] == answers["stranger@example.com"]
    gated_mail.gate.set()
    (mail,) = wait_for_sends(gated_mail, 1)
    assert mail.to == ["alice@example.com"]
    assert mail.subject == "重置你在职业路径顾问的密码"  # sent after the response, still in the request's language


def test_work_still_queued_when_the_process_exits_is_done_first(tmp_path):
    """A gunicorn worker restarting (max_requests, a deploy) exits normally: a mail
    still waiting on the background thread is sent before the process ends."""
    done = tmp_path / "sent"
    script = f"""
import os, time, django
os.environ["DJANGO_SETTINGS_MODULE"] = "advisor.settings"
os.environ["DJANGO_AFTER_RESPONSE_IN_BACKGROUND"] = "true"
django.setup()
from django.http import HttpResponse
from advisor.after_response import after_response
def slow_mail():
    time.sleep(1)
    open({str(done)!r}, "w").write("sent")
response = HttpResponse()
after_response(response, slow_mail, what="a slow mail")
response.close()
"""
    subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, check=True, timeout=60, env=os.environ | {"PYTHONPATH": str(ROOT)}
    )
    assert done.read_text() == "sent"
