"""The insights page sums running weekly counts that each saved report adds to
and each deleted one takes from, so it stays fast with many reports (issue:
insights at scale). These tests hold the counts to the snapshots they come
from, through saving, deleting, the backfill and the range of weeks."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.catalogue.models import ContextChoice
from advisor.questionnaire.models import Assessment, ContextAnswer
from advisor.reports import insights
from advisor.reports.models import Report, WeeklyCount
from advisor.reports.standings import monday
from tests.reports_helpers import save_report

URL = "/admin/reports/report/insights/"
TRACKS = ["promotion", "content-operation"]
SKILLS = ["copywriting", "prototyping"]
ROLES = ["promoter", "writer"]


def weeks_ago(n: int, hour: int = 10) -> datetime.datetime:
    day = monday(timezone.localdate()) - datetime.timedelta(weeks=n)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def saved(tracks: list[dict], role: str | None = None, when: datetime.datetime | None = None) -> Report:
    """A report saved through Report.save (which writes the rows), at `when`."""
    assessment = Assessment.objects.create()
    if role:
        choice = ContextChoice.objects.get(question__slug="current_role", value=role)
        ContextAnswer.objects.create(assessment=assessment, question=choice.question, choice=choice)
    with mock.patch("django.utils.timezone.now", return_value=when or timezone.now()):
        return Report.objects.create(assessment=assessment, title="r", snapshot={"levels": {}, "tracks": tracks})


def order() -> dict[str, int]:
    return {slug: i for i, slug in enumerate(TRACKS)}


def recount(span: insights.Range) -> insights.Summary:
    start, stop = span.moments()
    reports = Report.objects.filter(created_at__gte=start, created_at__lt=stop)
    roles = dict(ContextAnswer.objects.values_list("assessment_id", "choice__value"))
    return insights.recount(((r.snapshot["tracks"], roles.get(r.assessment_id, "")) for r in reports), order())


track_lists = st.lists(st.sampled_from(TRACKS), unique=True, max_size=2).flatmap(
    lambda slugs: st.tuples(
        *(
            st.fixed_dictionaries(
                {
                    "slug": st.just(slug),
                    "readiness": st.floats(0, 100, allow_nan=False),
                    "band": st.sampled_from(["ready", "close", "far"]),
                    "rows": st.lists(
                        st.fixed_dictionaries({"skill": st.sampled_from(SKILLS), "gap": st.integers(0, 4)}),
                        max_size=2,
                        unique_by=lambda r: r["skill"],
                    ),
                }
            )
            for slug in slugs
        )
    ).map(list)
)
people = st.lists(st.tuples(track_lists, st.sampled_from([*ROLES, None]), st.integers(0, 20)), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=people, deleted=st.sets(st.integers(0, 11)), first=st.integers(0, 20), length=st.integers(1, 21))
def test_the_counts_equal_a_recount_from_the_snapshots(catalogue_with_roles, people, deleted, first, length):
    Report.objects.all().delete()
    reports = [saved(tracks, role, weeks_ago(ago)) for tracks, role, ago in people]
    for index in deleted & set(range(len(reports))):
        reports[index].delete()
    last = monday(timezone.localdate()) - datetime.timedelta(weeks=first)
    span = insights.Range(last - datetime.timedelta(weeks=length - 1), last)

    assert insights.summary(span, order()) == recount(span)


def counted() -> bool:
    """Whether any count is above zero."""
    return WeeklyCount.objects.filter(reports__gt=0).exists()


def test_a_deleted_report_leaves_nothing_in_the_insights(admin_client, client, seeded):
    report = save_report(client)
    before = admin_client.get(URL).context["insights"]
    assert before.summary.reports == 1 and before.gaps() and before.pairs()

    assert client.post(f"/r/{report.token}/delete/").status_code == 302

    after = admin_client.get(URL).context["insights"]
    assert after.summary.reports == 0
    assert after.readiness() == [] and after.gaps() == [] and after.pairs() == []
    assert not counted()
    assert WeeklyCount.objects.filter(readiness__gt=1e-6).count() == 0


def test_deleting_an_account_takes_its_reports_counts_with_it(catalogue_with_roles, django_user_model):
    user = django_user_model.objects.create_user("leaving")
    report = saved([{"slug": "promotion", "readiness": 40, "rows": [{"skill": "copywriting", "gap": 2}]}], "writer")
    Report.objects.filter(pk=report.pk).update(user=user)
    assert counted()
    user.delete()
    assert not Report.objects.exists()
    assert not counted()


def test_the_counts_hold_nothing_about_a_person_nor_which_report_it_was():
    fields = {f.name for f in WeeklyCount._meta.get_fields()}
    assert fields == {"id", "kind", "week", "track", "skill", "role", "reports", "readiness"}


# The backfill


def test_the_backfill_counts_what_a_save_counts_in_batches_and_can_run_again(catalogue_with_roles):
    tracks = [
        {"slug": "content-operation", "readiness": 61.5, "band": "close", "rows": [{"skill": "prototyping", "gap": 2}]},
        {"slug": "promotion", "readiness": 30, "band": "far", "rows": [{"skill": "copywriting", "gap": 0}]},
    ]
    original = saved(tracks, "writer")
    # Reports that skipped Report.save, as bulk loads and reports saved before the counts existed did.
    assessments = Assessment.objects.bulk_create(Assessment() for _ in range(5))
    choice = ContextChoice.objects.get(value="writer")
    ContextAnswer.objects.bulk_create(
        ContextAnswer(assessment=a, question=choice.question, choice=choice) for a in assessments
    )
    Report.objects.bulk_create(Report(assessment=a, title="r", snapshot=original.snapshot) for a in assessments)
    span = insights.Range.recent()
    assert insights.summary(span, order()).reports == 1  # not counted yet

    out = io.StringIO()
    call_command("backfill_insights", "--batch-size", "2", stdout=out)
    assert "Counted 5 report(s)" in out.getvalue()

    shown = insights.summary(span, order())
    assert shown == recount(span)
    assert shown.readiness == {"content-operation": (61.5, 6), "promotion": (30.0, 6)}
    assert shown.gaps == [("content-operation", "prototyping", 6)]
    assert shown.pairs == [("writer", "content-operation", 6)]
    again = io.StringIO()
    call_command("backfill_insights", stdout=again)
    assert "Counted 0 report(s)" in again.getvalue()
    assert insights.summary(span, order()) == shown


def test_the_check_says_when_the_counts_and_the_snapshots_agree_and_when_not(catalogue_with_roles):
    saved([{"slug": "promotion", "readiness": 50, "rows": [{"skill": "copywriting", "gap": 1}]}], "promoter")
    saved([{"slug": "promotion", "readiness": 70, "rows": []}], None, weeks_ago(30))
    out = io.StringIO()
    call_command("backfill_insights", "--check", stdout=out)
    assert "agree with the 2 snapshot(s)" in out.getvalue()

    WeeklyCount.objects.filter(kind="track").update(readiness=0)
    with pytest.raises(CommandError, match="disagree with the snapshots"):
        call_command("backfill_insights", "--check", stdout=io.StringIO())


# The range of weeks


def test_the_page_shows_the_last_twelve_weeks_unless_a_range_is_chosen(admin_client, catalogue_with_roles):
    saved([{"slug": "promotion", "readiness": 80, "rows": []}], "promoter", weeks_ago(2))
    saved(
        [{"slug": "promotion", "readiness": 20, "rows": [{"skill": "copywriting", "gap": 3}]}], "writer", weeks_ago(20)
    )

    recent = admin_client.get(URL)
    assert recent.context["insights"].readiness() == [{"track": "Promotion", "average": 80, "reports": 1}]
    assert len(recent.context["insights"].weeks) == 12
    assert 'aria-current="true">12 weeks</a>' in recent.text
    shown = recent.context["insights"].span
    assert f'value="{shown.first.isoformat()}"' in recent.text  # the form says which weeks these are
    assert f'value="{timezone.localdate().isoformat()}"' in recent.text
    # In Chinese too: a date field takes only ISO dates, whatever the language's date format.
    chinese = admin_client.get(URL, headers={"accept-language": "zh-hans"})
    assert f'value="{shown.first.isoformat()}"' in chinese.text

    since = (monday(timezone.localdate()) - datetime.timedelta(weeks=25)).isoformat()
    wide = admin_client.get(URL, {"since": since, "until": timezone.localdate().isoformat()})
    shown = wide.context["insights"]
    assert len(shown.weeks) == 26
    assert shown.readiness() == [{"track": "Promotion", "average": 50, "reports": 2}]
    assert shown.gaps() == [{"track": "Promotion", "skill": "Copywriting", "reports": 1}]
    assert 'aria-current="true">26 weeks</a>' in wide.text
    assert wide.text.count("<text x=") <= 12 + 2  # week labels thinned out, plus the two axis labels

    old = admin_client.get(
        URL, {"since": since, "until": (timezone.localdate() - datetime.timedelta(weeks=15)).isoformat()}
    )
    assert old.context["insights"].readiness() == [{"track": "Promotion", "average": 20, "reports": 1}]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "yesterday"}, "Enter a valid date."),
        ({"since": "2026-02-30"}, "Enter a valid date."),
        ({"since": "2026-03-01", "until": "2026-02-01"}, "The range has to start before it ends."),
        ({"since": "2020-01-01", "until": "2024-01-01"}, "Choose at most 104 weeks."),
        ({"until": "2999-01-01"}, "The range cannot end after today."),
    ],
)
def test_a_bad_range_gets_a_400_that_says_what_is_wrong(admin_client, catalogue_with_roles, query, message):
    response = admin_client.get(URL, query)
    assert response.status_code == 400
    assert message in response.text
    assert 'id="insights-range-error"' in response.text
    assert "insights-weeks" not in response.text  # no numbers for a range that was not understood
    assert 'aria-current="true"' not in response.text  # and no preset claims to be shown


def test_counts_too_many_for_one_statement_are_split_and_still_add_up(catalogue_with_roles, monkeypatch):
    from advisor.reports import standings

    monkeypatch.setattr(standings, "rows_per_statement", lambda: 2)
    tracks = [
        {"slug": "promotion", "readiness": 40, "rows": [{"skill": "copywriting", "gap": 2}]},
        {"slug": "content-operation", "readiness": 70, "rows": [{"skill": "prototyping", "gap": 1}]},
    ]
    saved(tracks, "promoter")
    saved(tracks, "writer")
    span = insights.Range.recent()
    assert insights.summary(span, order()) == recount(span)
    assert insights.summary(span, order()).reports == 2
