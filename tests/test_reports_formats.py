"""Every snapshot format ever saved keeps opening, with what it was saved with, once
the data migrations have converted it to today's layout.

tests/snapshots/format-N.json are real snapshots written by the code of their
time (format 1: a promotion specialist, before the view objects were frozen)."""

from __future__ import annotations

import pytest
from django.test import Client

from advisor.questionnaire import snapshot
from advisor.reports.models import Report
from advisor.reports.progress import restore_with_progress
from tests.reports_helpers import converted, old_snapshot

pytestmark = pytest.mark.django_db


def saved(fmt: int) -> Report:
    return Report.objects.create(title="An old report", snapshot=converted(fmt), catalogue_version=1)


def test_a_format_1_snapshot_restores_its_tracks_in_their_saved_order():
    report = saved(1)
    results = snapshot.restore(report.snapshot)
    assert [t.track.slug for t in results.tracks] == [t["slug"] for t in old_snapshot(1)["tracks"]]
    top = results.tracks[0]
    assert (top.track.slug, top.percent, top.band) == ("seo-sem-operation", 70, "ready")
    assert str(top.steps[0].title) == "Find where visitors drop off"
    assert top.track.kind_label == "Promotion"


@pytest.mark.parametrize(
    ("language", "title", "band"),
    [("en", "Take apart accounts that do well", "Within reach"), ("zh-hans", "拆解做得好的账号", "差距不大")],
)
def test_a_format_1_report_page_opens_in_both_languages(language, title, band):
    report = saved(1)
    page = Client().get(f"/r/{report.token}/?track=promotion", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    text = page.content.decode()
    assert title in text and band in text and "65%" in text
    # It keeps the verdicts it was saved with, and says the rules have changed since.
    assert 'class="alert alert-info small d-flex flex-wrap align-items-center gap-2 rules-changed"' in text


def test_progress_on_a_format_1_report_is_counted_per_track():
    report = saved(1)
    first = snapshot.restore(report.snapshot).tracks[1].steps[0].slug
    report.progress.create(step=first, state="done")
    results = restore_with_progress(report, report.states())
    promotion = results.get("promotion")
    assert promotion.progress == round(100 / len(promotion.steps))


def test_a_report_saved_under_rules_older_than_todays_says_so(monkeypatch):
    """When the rules move on (a new snapshot.FORMAT), reports saved before say so
    without another data migration: the notice follows the stored format."""
    report = saved(2)
    assert not snapshot.restore(report.snapshot).rules_changed
    monkeypatch.setattr(snapshot, "FORMAT", snapshot.FORMAT + 1)
    assert snapshot.restore(report.snapshot).rules_changed
    page = Client().get(f"/r/{report.token}/").content.decode()
    assert "rules-changed" in page
