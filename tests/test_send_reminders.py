"""`manage.py send_reminders`: what the e-mail says, once per ISO week, dry run,
what it skips and says it skipped, bounded queries, a mail server that fails."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advisor.questionnaire.models import Assessment
from advisor.questionnaire.results import StepInfo
from advisor.reports import reminders
from advisor.reports.models import Reminder, Report, StepProgress
from tests.fixtures import alice
from tests.reports_helpers import results, save_report, track_of

pytestmark = pytest.mark.usefixtures("seeded")


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue().strip()


def opted_in(client, user=None, language: str = "en"):
    """A logged-in person with a saved report and the weekly e-mail on."""
    client.force_login(user or alice())
    client.cookies["django_language"] = language
    report = save_report(client)
    assert client.post(f"/r/{report.token}/reminder/", {"weekly": "on"}).status_code == 302
    return report


def plan(report) -> tuple[StepInfo, ...]:
    """The steps of the track the report opens on, in order."""
    return track_of(report, report.track or results(report).recommended).steps


def test_the_email_holds_the_next_step_the_progress_and_both_links(client):
    report = opted_in(client)
    steps = plan(report)
    StepProgress.objects.create(report=report, step=steps[0].slug, state="done")
    StepProgress.objects.create(report=report, step=steps[1].slug, state="skipped")
    StepProgress.objects.create(report=report, step=steps[2].slug, state="learning")

    assert run() == (
        "Sent 1 weekly reminder(s); skipped 0 with every step done, 0 without an e-mail address; "
        "0 already sent this week."
    )
    (message,) = mail.outbox
    step = steps[2]  # the first one pending or being learned
    assert message.to == ["alice@example.com"]
    assert message.subject == f"This week: {step.title.en}"
    body = message.body
    assert step.practice.en in body and "You are learning it already" in body
    english = [r for r in step.links if r.language in ("en", "both")] or step.links
    assert ("Resources:" in body) == bool(english)
    for resource in english:
        assert f"- {resource.title.en or resource.title.zh}: {resource.url}" in body
    assert f"2 of {len(steps)} steps done or skipped ({round(200 / len(steps))}%)" in body
    assert (
        f"http://testserver/r/{report.token}/?track={report.track or results(report).recommended}#step-{step.slug}"
        in body
    )
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/reminders/stop/") and unsubscribe.strip("<>") in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Reminder.objects.get().last_sent_at is not None


def test_it_sends_once_per_iso_week(client):
    opted_in(client)
    run()
    assert run().startswith("Sent 0 weekly reminder(s)") and len(mail.outbox) == 1
    assert "1 already sent this week" in run()
    # Last week's sending does not count for this week.
    reminder = Reminder.objects.get()
    reminder.last_sent_at = reminders.week_start(timezone.now()) - datetime.timedelta(seconds=1)
    reminder.save(update_fields=["last_sent_at"])
    assert run().startswith("Sent 1 weekly reminder(s)") and len(mail.outbox) == 2


def test_a_week_starts_on_monday_at_midnight():
    sunday = datetime.datetime(2027, 3, 7, 23, 59, tzinfo=datetime.UTC)
    monday = datetime.datetime(2027, 3, 8, 0, 0, tzinfo=datetime.UTC)
    assert reminders.week_start(sunday) == datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)
    assert reminders.week_start(monday) == monday == reminders.week_start(monday + datetime.timedelta(days=6))


def test_a_dry_run_sends_and_records_nothing(client):
    opted_in(client)
    assert run("--dry-run") == (
        "Dry run: would send 1 weekly reminder(s); skipped 0 with every step done, 0 without an e-mail "
        "address; 0 already sent this week."
    )
    assert mail.outbox == [] and Reminder.objects.get().last_sent_at is None
    assert run().startswith("Sent 1")


def test_it_skips_a_report_whose_steps_are_all_done_and_says_so(client):
    report = opted_in(client)
    StepProgress.objects.bulk_create(
        StepProgress(report=report, step=s.slug, state="done" if i % 2 else "skipped")
        for i, s in enumerate(plan(report))
    )
    assert "skipped 1 with every step done" in run() and mail.outbox == []
    assert Reminder.objects.get().last_sent_at is None  # a step set back to pending gets its e-mail this week


def test_it_skips_an_account_without_an_address_and_says_so(client):
    user = alice()
    opted_in(client, user)
    user.email = ""
    user.save()
    assert "1 without an e-mail address" in run() and mail.outbox == []


def test_the_email_is_in_the_language_of_the_opt_in(client):
    report = opted_in(client, language="zh-hans")
    run()
    (message,) = mail.outbox
    step = plan(report)[0]
    assert step.title.zh in message.subject and step.practice.zh in message.body


def test_queries_do_not_grow_with_the_number_of_reminders_or_steps(client, django_user_model):
    def counted() -> int:
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            run()
        return len(queries)

    opted_in(client)
    one = counted()
    for name in ("bea", "cai", "dai", "eli"):
        client.logout()
        opted_in(client, django_user_model.objects.create_user(name, f"{name}@example.com", "pw"))
    Reminder.objects.update(last_sent_at=None)
    assert counted() == one and len(mail.outbox) == 5


def test_batches_cover_every_reminder(client, django_user_model):
    for name in ("bea", "cai", "dai"):
        client.logout()
        opted_in(client, django_user_model.objects.create_user(name, f"{name}@example.com", "pw"))
    outcome = reminders.send_due(batch=2)
    assert len(outcome.sent) == 3 and sorted(m.to[0] for m in mail.outbox) == [
        "bea@example.com",
        "cai@example.com",
        "dai@example.com",
    ]


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise OSError("connection refused")


def test_a_failed_send_is_kept_for_the_next_run(client, settings):
    opted_in(client)
    settings.EMAIL_BACKEND = "tests.test_send_reminders.FailingBackend"
    out = io.StringIO()
    with pytest.raises(CommandError, match="could not be sent"):
        call_command("send_reminders", stdout=out)
    assert "1 failed (kept for the next run)" in out.getvalue()
    assert Reminder.objects.get().last_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run().startswith("Sent 1") and len(mail.outbox) == 1


@pytest.mark.heavy  # two processes racing: load-shaped, run once in CI
def test_two_runs_at_the_same_moment_send_one_email():
    from tests.test_concurrency import run as in_subprocess

    outcome = in_subprocess("reminders")
    assert outcome == {"sent": [0, 1], "errors": [], "outbox": 1}


def test_after_a_retake_the_email_follows_the_new_report(client):
    first = opted_in(client)
    client.post(f"/r/{first.token}/retake/")
    new = Assessment.objects.exclude(pk=first.assessment_id).get()
    client.post(f"/assess/{new.pk}/finish/")
    client.post(f"/reports/save/{new.pk}/")
    second = Report.objects.get(assessment=new)
    assert Reminder.objects.get().report == second
    assert "Stop the weekly e-mail" in client.get(f"/r/{second.token}/").content.decode()
    assert "E-mail me my next step every week" in client.get(f"/r/{first.token}/").content.decode()
    run()
    (message,) = mail.outbox
    assert f"/r/{second.token}/" in message.body
