"""Rate limits (advisor/limits.py): starting a questionnaire, signing up, logging
in, password-reset mail and share-link rotation each answer 429 over their limit,
with Retry-After and one translated page saying when to try again; nothing is done."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report
from tests.accounts_helpers import signup_data
from tests.fixtures import alice
from tests.limits_helpers import assert_refused
from tests.reports_helpers import save_report
from tests.test_settings_env import ROOT, _check

pytestmark = pytest.mark.usefixtures("seeded")
RESET = "/accounts/password/reset/"


def test_starting_questionnaires_is_limited_per_client_at_sixty_an_hour_by_default(client):
    for _ in range(60):
        assert client.post("/assess/").status_code == 302
    before = Assessment.objects.count()
    page = assert_refused(client.post("/assess/"), within=3600)
    assert "nothing was done" in page and "<h1" in page
    assert Assessment.objects.count() == before
    # Another client is not held back, and reading the start page never is.
    assert Client(REMOTE_ADDR="10.0.0.2").post("/assess/").status_code == 302
    assert client.get("/assess/").status_code == 200


def test_the_refusal_says_the_minutes_left_in_the_window(client, settings):
    settings.RATE_LIMIT_START = "1/10m"
    client.post("/assess/")
    response = client.post("/assess/")
    wait = int(response["Retry-After"])
    minutes = -(-wait // 60)
    unit = "minute" if minutes == 1 else "minutes"
    assert f"Try again in {minutes} {unit}." in assert_refused(response, within=600)


def test_an_htmx_request_over_the_limit_gets_the_429_in_place_of_the_main_area(client, settings):
    settings.RATE_LIMIT_START = "1/h"
    client.post("/assess/")
    response = client.post("/assess/", HTTP_HX_REQUEST="true")
    page = assert_refused(response, within=3600)
    assert "<html" not in page
    assert response["HX-Retarget"] == "#main" and response["HX-Reswap"] == "innerHTML"


def test_sign_up_is_limited_per_client(client, settings):
    settings.RATE_LIMIT_SIGNUP = "2/h"
    refused = signup_data(password2="does-not-match")
    assert client.post("/accounts/signup/", refused).status_code == 422
    assert client.post("/accounts/signup/", refused).status_code == 422
    assert_refused(client.post("/accounts/signup/", signup_data()), within=3600)
    assert not get_user_model().objects.filter(username="carol").exists()
    other = Client(REMOTE_ADDR="10.0.0.3")
    assert other.post("/accounts/signup/", signup_data())["Location"] == "/reports/"


def test_logging_in_is_limited_per_client_whatever_the_accounts(client, settings):
    settings.RATE_LIMIT_LOGIN = "3/h"
    alice()
    for name in ("ann", "ben", "cui"):  # one wrong try at each of many accounts
        assert client.post("/accounts/login/", {"username": name, "password": "guess"}).status_code == 422
    assert_refused(client.post("/accounts/login/", {"username": "alice", "password": "guess"}), within=3600)
    assert client.get("/accounts/login/").status_code == 200


def test_password_reset_mail_is_limited_per_address_across_clients(client, settings, mailoutbox):
    settings.RATE_LIMIT_PASSWORD_RESET_ADDRESS = "2/h"
    alice()
    for n in range(2):
        response = Client(REMOTE_ADDR=f"10.0.1.{n}").post(RESET, {"email": "alice@example.com"})
        assert response.status_code == 302
    assert_refused(Client(REMOTE_ADDR="10.0.1.9").post(RESET, {"email": "ALICE@example.com "}), within=3600)
    assert len(mailoutbox) == 2
    # Another address from the same client still goes.
    assert Client(REMOTE_ADDR="10.0.1.9").post(RESET, {"email": "bob@example.com"}).status_code == 302


def test_password_reset_mail_is_limited_per_client_across_addresses(client, settings, mailoutbox):
    settings.RATE_LIMIT_PASSWORD_RESET_CLIENT = "3/h"
    alice()
    for name in ("ann", "ben", "cui"):
        assert client.post(RESET, {"email": f"{name}@example.com"}).status_code == 302
    assert_refused(client.post(RESET, {"email": "alice@example.com"}), within=3600)
    assert mailoutbox == []


def test_the_address_limit_is_the_same_for_an_address_without_an_account(client, settings):
    """Hitting it tells nothing about which addresses are registered."""
    settings.RATE_LIMIT_PASSWORD_RESET_ADDRESS = "1/h"
    alice()
    answers = []
    for address in ("alice@example.com", "stranger@example.com"):
        first = Client(REMOTE_ADDR="10.0.2.1").post(RESET, {"email": address})
        second = Client(REMOTE_ADDR="10.0.2.2").post(RESET, {"email": address})
        refusal = assert_refused(second, within=3600)
        answers.append((first.status_code, first["Location"], second.status_code, "nothing was done" in refusal))
    assert answers[0] == answers[1] == (302, "/accounts/password/reset/sent/", 429, True)


def test_share_link_rotation_is_limited_per_client_but_turning_sharing_off_never_is(client, settings):
    settings.RATE_LIMIT_SHARE = "2/h"
    report = save_report(client)
    url = f"/r/{report.token}/share/"
    assert client.post(url, {"action": "create"}).status_code == 302
    assert client.post(url, {"action": "regenerate"}).status_code == 302
    token = Report.objects.get(pk=report.pk).share_token
    page = assert_refused(client.post(url, {"action": "regenerate"}), within=3600)
    assert "nothing was done" in page
    assert Report.objects.get(pk=report.pk).share_token == token
    # A leaked link can always be closed.
    assert client.post(url, {"action": "revoke"}).status_code == 302
    assert Report.objects.get(pk=report.pk).share_token is None


def test_with_the_database_cache_a_limit_hit_on_one_server_holds_on_another(client, settings):
    table = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "advisor_rate_limits"}
    settings.CACHES = settings.CACHES | {"throttle": table, "throttle-elsewhere": table}
    call_command("createcachetable", verbosity=0)
    settings.RATE_LIMIT_START = "2/h"
    assert client.post("/assess/").status_code == 302
    assert client.post("/assess/").status_code == 302
    settings.RATELIMIT_USE_CACHE = "throttle-elsewhere"  # as another server would count
    assert_refused(Client().post("/assess/"), within=3600)


def test_set_high_through_the_environment_the_limits_let_the_benchmark_through():
    from bench.run import UNLIMITED

    names = ("RATE_LIMIT_START", "RATE_LIMIT_SIGNUP", "RATE_LIMIT_LOGIN", "RATE_LIMIT_SHARE")
    names += ("RATE_LIMIT_PASSWORD_RESET_ADDRESS", "RATE_LIMIT_PASSWORD_RESET_CLIENT", "AXES_FAILURE_LIMIT")
    code = "from django.conf import settings as s; print(" + ", ".join(f"s.{n}" for n in names) + ")"
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'advisor.settings'); django.setup(); {code}",
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "true"} | UNLIMITED,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["100000000/m"] * 6 + ["100000000"], out.stderr


def test_set_high_the_start_limit_lets_hundreds_of_starts_from_one_client_through(client, settings):
    settings.RATE_LIMIT_START = "100000000/m"
    for _ in range(200):
        assert client.post("/assess/").status_code == 302


@pytest.mark.parametrize("value", ["lots", "10", "10/w", "0/h", "5/0m", "-1/h"])
def test_a_malformed_rate_stops_start_up_naming_the_variable(value):
    result = _check(DJANGO_DEBUG="true", DJANGO_RATE_LIMIT_SIGNUP=value)
    assert result.returncode != 0 and "DJANGO_RATE_LIMIT_SIGNUP" in result.stderr
    assert "count per period" in result.stderr


def test_a_well_formed_rate_is_taken():
    assert _check(DJANGO_DEBUG="true", DJANGO_RATE_LIMIT_SIGNUP="5/15m").returncode == 0


def test_edit_and_retake_count_as_starting_a_questionnaire(client, settings):
    from tests.reports_helpers import save_report

    report = save_report(client)
    settings.RATE_LIMIT_START = "2/h"  # a new rate counts afresh
    assert client.post(f"/r/{report.token}/retake/").status_code == 302
    assert client.post(f"/assess/{report.assessment_id}/edit/").status_code == 302
    refused = client.post(f"/r/{report.token}/retake/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.post(f"/assess/{report.assessment_id}/edit/").status_code == 429
    assert client.post("/assess/").status_code == 429
