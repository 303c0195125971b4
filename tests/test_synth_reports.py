"""`manage.py synth_reports N`: many saved reports for the insights benchmark, each
counted as a real save counts it (issue: insights at scale)."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from advisor.questionnaire.models import Assessment
from advisor.reports import insights, standings
from advisor.reports.models import Report


def test_synthetic_reports_spread_over_a_year_with_the_rows_a_save_writes(seeded, admin_client):
    out = io.StringIO()
    call_command("synth_reports", "104", "--profiles", "5", stdout=out)
    assert "Wrote 104 synthetic reports" in out.getvalue()

    reports = list(Report.objects.order_by("created_at"))
    assert len(reports) == 104
    now = timezone.now()
    assert now - datetime.timedelta(weeks=52) < reports[0].created_at and reports[-1].created_at < now
    per_week = {standings.week_of(r.created_at) for r in reports}
    assert len(per_week) >= 52  # two a week, every week of the year
    assert len({str(r.snapshot["tracks"]) for r in reports}) == 5  # five distinct people, cloned

    # Counted as a save counts them: the same numbers as the snapshots give, week by week.
    assert all(r.counted for r in reports)
    for weeks_back in (0, 10, 40):
        span = insights.Range.recent(4, timezone.localdate() - datetime.timedelta(weeks=weeks_back))
        start, stop = span.moments()
        in_range = [r for r in reports if start <= r.created_at < stop]
        assert 6 <= len(in_range) <= 10
        assert insights.summary(span, {}) == insights.recount(
            ((r.snapshot["tracks"], r.snapshot["current_role"]) for r in in_range), {}
        )
    check = io.StringIO()
    call_command("backfill_insights", "--check", stdout=check)
    assert "agree with the 104 snapshot(s)" in check.getvalue()

    # Each clone has a finished assessment of its own; the people cloned are gone.
    assert Assessment.objects.filter(finished_at__isnull=False).count() == 104
    shown = admin_client.get("/admin/reports/report/insights/").context["insights"]
    assert 20 <= shown.summary.reports <= 28  # twelve weeks of fifty-two
    # An assessment finishes two minutes before its report is saved: a week's edge may fall between.
    assert abs(sum(w.finished for w in shown.weeks) - shown.summary.reports) <= 1
    assert shown.pairs() and shown.gaps()
