"""'E-mail me my private link': the private link sent to an address, validated and rate-limited."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from advisor.reports.models import Report
from tests.fixtures import alice, bob
from tests.limits_helpers import assert_refused
from tests.reports_helpers import save_report
from tests.test_settings_env import ROOT, _check

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.fixture(autouse=True)
def fresh_counters(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REPORT_EMAIL_PER_ADDRESS = 3
    settings.REPORT_EMAIL_PER_CLIENT = 10
    settings.REPORT_EMAIL_WINDOW = 3600
    caches["throttle"].clear()


def send(client, report, address, **extra):
    return client.post(f"/r/{report.token}/email/", {"email": address}, **extra)


def test_the_owner_gets_the_private_link_in_a_plain_text_mail(client, caplog):
    report = save_report(client)
    caplog.set_level(logging.DEBUG)
    response = send(client, report, "  mei@example.com ")
    assert response.status_code == 302 and response["Location"] == f"/r/{report.token}/"
    [message] = mail.outbox
    assert message.to == ["mei@example.com"]
    assert message.subject == "Your private link to your skill-gap report"
    assert f"http://testserver/r/{report.token}/" in message.body
    assert "Keep this link private" in message.body
    assert not message.alternatives  # plain text only
    # The mail carries the link and no report data: the address may be anyone's.
    assert report.title not in message.body and "Product operation" not in message.body
    page = client.get(response["Location"]).content.decode()
    assert "The private link was sent to mei@example.com." in page
    # The token is in the mail and the owner's own page, nowhere else: not in the logs.
    assert all(report.token not in record.getMessage() for record in caplog.records)


def test_the_mail_is_in_the_readers_language(client):
    report = save_report(client)
    client.cookies["django_language"] = "zh-hans"
    assert send(client, report, "mei@example.com").status_code == 302
    with translation.override("zh-hans"):
        subject = translation.gettext("Your private link to your skill-gap report")
        keep = translation.gettext(
            "Keep this link private: anyone who has it can open and change your report. To let someone read the "
            "report without changing it, create a read-only link on the report page instead."
        )
    assert mail.outbox[0].subject == subject and keep in mail.outbox[0].body


def test_the_form_is_on_the_owners_page_prefilled_for_an_account(client):
    client.force_login(alice())
    report = save_report(client)
    page = client.get(f"/r/{report.token}/").content.decode()
    assert "E-mail me my private link" in page
    assert f'action="/r/{report.token}/email/#email-link"' in page
    assert 'value="alice@example.com"' in page


def test_an_anonymous_owner_gets_an_empty_field(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/").content.decode()
    assert 'type="email" name="email" id="id_email" value=""' in page


def test_a_read_only_reader_has_no_form_and_cannot_send(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    page = Client().get(f"/s/{report.share_token}/").content.decode()
    assert "E-mail me my private link" not in page
    assert Client().post(f"/s/{report.share_token}/email/", {"email": "x@example.com"}).status_code == 404
    assert mail.outbox == []


def test_another_account_cannot_send_the_link(client):
    client.force_login(alice())
    report = save_report(client)
    stranger = Client()
    stranger.force_login(bob())
    assert send(stranger, report, "bob@example.com").status_code == 404
    assert send(Client(), Report(token="x" * 43), "bob@example.com").status_code == 404
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("", "Enter the e-mail address to send the link to."),
        ("not-an-address", "Enter a valid e-mail address, such as name@example.com."),
        ("a@b@example.com", "Enter a valid e-mail address, such as name@example.com."),
        ("x" * 250 + "@example.com", "Ensure this value has at most 254 characters"),
    ],
)
def test_a_bad_address_is_refused_on_the_page_with_the_form_open(client, address, error):
    report = save_report(client)
    response = send(client, report, address)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page and 'aria-invalid="true"' in page
    assert '<details id="email-link" class="email-link mt-3 pt-3 border-top" open>' in page
    assert mail.outbox == []


def test_a_fourth_mail_to_one_address_within_the_hour_is_refused_with_429(client, caplog):
    report = save_report(client)
    for _ in range(3):
        assert send(client, report, "mei@example.com").status_code == 302
    response = send(client, report, "MEI@example.com")  # the same address, however written
    assert_refused(response, within=3600, says="Too many e-mails for now; nothing was sent.")
    assert len(mail.outbox) == 3
    # Django logs refused requests with their path: the token is not written out.
    assert all(report.token not in record.getMessage() for record in caplog.records)
    assert any("Too Many Requests: /r/…/email/" in record.getMessage() for record in caplog.records)
    # Another address from the same browser still goes through.
    assert send(client, report, "other@example.com").status_code == 302
    assert len(mail.outbox) == 4


def test_one_client_may_send_ten_mails_an_hour_whatever_the_addresses(client):
    report = save_report(client)
    for i in range(10):
        assert send(client, report, f"person{i}@example.com").status_code == 302
    refused = send(client, report, "person-new@example.com")
    assert refused.status_code == 429 and "Too many e-mails for now" in refused.content.decode()
    assert len(mail.outbox) == 10
    # The limit is per client: another IP address is not held back by it.
    assert send(client, report, "person-new@example.com", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_behind_a_proxy_the_client_is_the_address_the_proxy_saw(client, settings):
    settings.BEHIND_PROXY = True
    settings.REPORT_EMAIL_PER_CLIENT = 1
    report = save_report(client)
    assert send(client, report, "a@example.com", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2").status_code == 302
    # A spoofed first entry does not make a new client: the proxy's own entry is the last.
    assert send(client, report, "b@example.com", HTTP_X_FORWARDED_FOR="9.9.9.9, 2.2.2.2").status_code == 429
    assert send(client, report, "c@example.com", HTTP_X_FORWARDED_FOR="2.2.2.2, 3.3.3.3").status_code == 302


def test_the_limits_are_read_from_the_environment(client, settings):
    settings.REPORT_EMAIL_PER_ADDRESS = 1
    report = save_report(client)
    assert send(client, report, "mei@example.com").status_code == 302
    assert send(client, report, "mei@example.com").status_code == 429
    code = (
        "from django.conf import settings as s; "
        "print(s.REPORT_EMAIL_PER_ADDRESS, s.REPORT_EMAIL_PER_CLIENT, s.REPORT_EMAIL_WINDOW, s.CACHES['throttle']['BACKEND'])"
    )
    env = {"DJANGO_REPORT_EMAIL_PER_ADDRESS": "5", "DJANGO_REPORT_EMAIL_PER_CLIENT": "20"}
    env |= {"DJANGO_REPORT_EMAIL_WINDOW": "600", "DJANGO_RATE_LIMIT_CACHE": "database"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'advisor.settings'); django.setup(); {code}",
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "true"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.split() == ["5", "20", "600", "django.core.cache.backends.db.DatabaseCache"], out.stderr
    result = _check(DJANGO_DEBUG="true", DJANGO_REPORT_EMAIL_PER_ADDRESS="three")
    assert result.returncode != 0 and "DJANGO_REPORT_EMAIL_PER_ADDRESS" in result.stderr
    result = _check(DJANGO_DEBUG="true", DJANGO_RATE_LIMIT_CACHE="redis")
    assert result.returncode != 0 and "DJANGO_RATE_LIMIT_CACHE" in result.stderr


def test_with_the_database_cache_the_count_is_shared_by_every_process(client, settings):
    """Two processes have two cache objects; with the database cache both read one table."""
    table = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "advisor_rate_limits"}
    settings.CACHES = settings.CACHES | {"throttle": table, "throttle-elsewhere": table}
    call_command("createcachetable", verbosity=0)
    settings.REPORT_EMAIL_PER_ADDRESS = 2
    report = save_report(client)
    assert send(client, report, "mei@example.com").status_code == 302
    assert send(client, report, "mei@example.com").status_code == 302
    settings.RATELIMIT_USE_CACHE = "throttle-elsewhere"  # as another server would count
    assert send(Client(), report, "mei@example.com").status_code == 429
    assert len(mail.outbox) == 2
