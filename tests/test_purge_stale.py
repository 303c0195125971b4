"""purge_stale: anonymous questionnaires left unfinished and anonymous results never
saved go after a configurable age, with the expired sessions; nothing an account
owns, nothing saved as a report and nothing a live session still opens is touched,
and the insights page's weekly started/finished counts survive it."""

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


def expire(client: Client) -> None:
    """The browser's session has run out: no browser can open what it remembered."""
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(days=1)
    )


@pytest.fixture
def people():
    """Who is there: the stale ones (whose browser's session has expired), and everything that must stay."""
    gone, client = Client(), Client()
    user = alice()
    owned = Client()
    owned.force_login(user)
    saved = save_report(Client())
    made = {
        "stale unfinished": aged(fill(gone, finish=False), 100),
        "stale unsaved": aged(fill(gone), 100),
        "old but saved": aged(saved.assessment, 400),
        "old but an account's": aged(fill(owned, finish=False), 400),
        "an account's unsaved": aged(fill(owned), 400),
        "recent unfinished": aged(Assessment.objects.create(), 10),
        "recent unsaved": aged(fill(client), 10),
        "started long ago, answered lately": aged(Assessment.objects.create(), 10, started=300),
    }
    expire(gone)
    return made


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
        "Purged 1 unfinished and 1 unsaved anonymous questionnaire(s) older than 90 days, and 2 expired session(s); "
        "kept 0 that an unexpired session still opens."
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
    assert line.endswith("and 2 expired session(s); kept 0 that an unexpired session still opens.")
    assert Assessment.objects.count() == before and Session.objects.filter(expire_date__lt=timezone.now()).exists()


def test_the_age_comes_from_days_then_the_environment(people, monkeypatch):
    monkeypatch.setenv("DJANGO_PURGE_AFTER_DAYS", "365")
    assert purge("--dry-run").startswith("Dry run: would purge 0 unfinished and 0 unsaved")
    assert purge("--days", "5").startswith("Purged 3 unfinished and 1 unsaved")
    # "recent unsaved" is older than 5 days too, but its browser's session is live.
    assert left(people) == {"old but saved", "old but an account's", "an account's unsaved", "recent unsaved"}


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


def test_results_a_live_session_still_opens_survive_the_purge_until_the_session_expires():
    browser = Client()
    assessment = aged(fill(browser), 100)  # answered 100 days ago; the session renewed since
    results = f"/assess/{assessment.pk}/results/"
    assert browser.get(results).status_code == 200

    assert purge().endswith("kept 1 that an unexpired session still opens.")
    assert browser.get(results).status_code == 200

    expire(browser)
    assert purge().startswith("Purged 0 unfinished and 1 unsaved")
    assert not Assessment.objects.filter(pk=assessment.pk).exists()


def test_the_insights_weeks_keep_their_started_and_finished_counts_after_a_purge(admin_client):
    gone = Client()
    for finish in (True, True, False):
        aged(fill(gone, finish=finish), 100)
    aged(fill(Client()), 100)  # a live session's: stays, and is counted from its row
    expire(gone)
    url = "/admin/reports/report/insights/?since={0}&until={0}".format(
        (timezone.localdate() - datetime.timedelta(days=100)).isoformat()
    )
    before = admin_client.get(url).context["insights"].weeks
    assert [(w.started, w.finished) for w in before] == [(4, 3)]

    assert purge().startswith("Purged 1 unfinished and 2 unsaved")
    assert Assessment.objects.count() == 1
    assert admin_client.get(url).context["insights"].weeks == before
    purge()  # a second run deletes nothing and counts nothing twice
    assert admin_client.get(url).context["insights"].weeks == before
