"""purge_stale: anonymous questionnaires left unfinished and anonymous results never
saved go after a configurable age, with the expired sessions; nothing an account
owns and nothing saved as a report is touched."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from advisor.questionnaire.models import Answer, Assessment
from advisor.reports.models import Report
from tests.fixtures import alice
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.django_db


def aged(assessment: Assessment, days: int, *, started: int | None = None) -> Assessment:
    """Make the assessment look last touched (and finished, if it is) `days` ago."""
    when = timezone.now() - datetime.timedelta(days=days)
    fields = {"updated_at": when, "created_at": when - datetime.timedelta(days=started or 0)}
    if assessment.finished_at:
        fields["finished_at"] = when
    Assessment.objects.filter(pk=assessment.pk).update(**fields)
    return assessment


@pytest.fixture
def people():
    """Who is there: the stale ones, and everything that must stay."""
    client = Client()
    user = alice()
    owned = Client()
    owned.force_login(user)
    saved = save_report(Client())
    return {
        "stale unfinished": aged(fill(client, finish=False), 100),
        "stale unsaved": aged(fill(client), 100),
        "old but saved": aged(saved.assessment, 400),
        "old but an account's": aged(fill(owned, finish=False), 400),
        "an account's unsaved": aged(fill(owned), 400),
        "recent unfinished": aged(Assessment.objects.create(), 10),
        "recent unsaved": aged(fill(client), 10),
        "started long ago, answered lately": aged(Assessment.objects.create(), 10, started=300),
    }


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_stale", *args, stdout=out)
    return out.getvalue().strip()


def expired_session() -> str:
    store = SessionStore()
    store["assessments"] = []
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - datetime.timedelta(1))
    return store.session_key


def left(people: dict) -> set[str]:
    ids = set(Assessment.objects.values_list("pk", flat=True))
    return {name for name, a in people.items() if a.pk in ids}


def test_it_purges_stale_anonymous_questionnaires_and_expired_sessions_and_keeps_the_rest(people):
    old_session = expired_session()
    live = SessionStore()
    live.create()
    stale_answers = Answer.objects.filter(assessment=people["stale unfinished"]).count()
    assert stale_answers
    reports = set(Report.objects.values_list("pk", flat=True))

    line = purge()

    assert line == (
        "Purged 1 unfinished and 1 unsaved anonymous questionnaire(s) older than 90 days, and 1 expired session(s)."
    )
    assert left(people) == set(people) - {"stale unfinished", "stale unsaved"}
    assert not Answer.objects.filter(assessment_id=people["stale unfinished"].pk).exists()
    assert set(Report.objects.values_list("pk", flat=True)) == reports
    assert Report.objects.get(assessment=people["old but saved"]).snapshot  # still opens
    assert not Session.objects.filter(session_key=old_session).exists()
    assert Session.objects.filter(session_key=live.session_key).exists()
    assert purge().startswith("Purged 0 unfinished and 0 unsaved")  # a second run finds nothing


def test_a_dry_run_counts_and_deletes_nothing(people):
    expired_session()
    before = Assessment.objects.count()
    line = purge("--dry-run")
    assert line.startswith("Dry run: would purge 1 unfinished and 1 unsaved anonymous questionnaire(s) older than 90")
    assert line.endswith("and 1 expired session(s).")
    assert Assessment.objects.count() == before and Session.objects.filter(expire_date__lt=timezone.now()).exists()


def test_the_age_comes_from_days_then_the_environment(people, monkeypatch):
    monkeypatch.setenv("DJANGO_PURGE_AFTER_DAYS", "365")
    assert purge("--dry-run").startswith("Dry run: would purge 0 unfinished and 0 unsaved")
    assert purge("--days", "5").startswith("Purged 3 unfinished and 2 unsaved")
    assert left(people) == {"old but saved", "old but an account's", "an account's unsaved"}


@pytest.mark.parametrize("days", ["0", "-3"])
def test_an_age_below_one_day_is_refused(people, days):
    with pytest.raises(CommandError, match="at least 1"):
        purge("--days", days)
    assert len(left(people)) == len(people)


def test_a_malformed_environment_variable_is_refused(people, monkeypatch):
    monkeypatch.setenv("DJANGO_PURGE_AFTER_DAYS", "ninety")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_PURGE_AFTER_DAYS"):
        purge()
    assert len(left(people)) == len(people)
