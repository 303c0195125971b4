"""The data migrations (questionnaire 0006, reports 0008) convert kept results and
report snapshots from the old hand-written layout once, in batches, to the one the
generic converter writes: each reads back into the same results objects, keeps its
format number, and counts the same in the insights."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from advisor.questionnaire import snapshot
from advisor.questionnaire.migrations import _snapshot_formats as formats
from advisor.questionnaire.models import Assessment
from advisor.reports import standings
from advisor.reports.models import Report
from tests.reports_helpers import old_snapshot

pytestmark = pytest.mark.django_db
WEEK = datetime.date(2026, 3, 2)
SYNTHETIC = {"synthetic": True, "current_role": "", "levels": {}, "tracks": [{"slug": "promotion", "readiness": 50}]}


def test_every_old_snapshot_is_converted_in_batches_and_reads_back_the_same():
    olds = {fmt: old_snapshot(fmt) for fmt in (1, 2)}
    reports = [Report.objects.create(title=f"r{i}", snapshot=olds[1 + i % 2]) for i in range(5)]
    synthetic = Report.objects.create(title="synthetic", snapshot=SYNTHETIC)

    assert formats.convert_all(Report, "snapshot", batch=2) == 5

    for i, report in enumerate(reports):
        report.refresh_from_db()
        old = olds[1 + i % 2]
        assert not formats.is_old(report.snapshot) and report.snapshot["format"] == old.get("format", 1)
        assert snapshot.restore(report.snapshot) == formats.restore(old)
        # The insights count it as they counted it before.
        role = old.get("current_role", "")
        assert standings.tally(report.snapshot["tracks"], role, WEEK) == standings.tally(old["tracks"], role, WEEK)
        assert report.snapshot.get("levels") == old.get("levels")
        assert set(report.snapshot["steps"]) == set(old["steps"])
    first, second = (snapshot.restore(r.snapshot) for r in reports[:2])
    assert first.rules_changed and first.recommended == olds[1]["tracks"][0]["slug"]
    assert not second.rules_changed and second.recommended == olds[2]["recommended"]
    synthetic.refresh_from_db()
    assert synthetic.snapshot == SYNTHETIC  # never read back, so left as it is
    # A second run (or one resumed after a stop) finds nothing left to convert.
    assert formats.convert_all(Report, "snapshot", batch=2) == 0


def test_the_migrations_convert_kept_results_and_report_snapshots():
    old = old_snapshot(2)
    kept = Assessment.objects.create(results=old)
    unfinished = Assessment.objects.create()
    report = Report.objects.create(title="r", snapshot=old_snapshot(1))

    importlib.import_module("advisor.questionnaire.migrations.0006_results_in_one_layout").forward(apps, None)
    importlib.import_module("advisor.reports.migrations.0008_snapshots_in_one_layout").forward(apps, None)

    kept.refresh_from_db()
    report.refresh_from_db()
    unfinished.refresh_from_db()
    assert snapshot.restore(kept.results) == formats.restore(old)
    assert snapshot.restore(report.snapshot).rules_changed and report.snapshot["format"] == 1
    assert unfinished.results is None


def test_a_report_saved_without_a_current_role_still_reads_it_from_the_answers():
    """Reports saved before the current role was kept have no such key: the insights
    fall back to the answers (reports/standings.py), so the conversion adds none."""
    old = {k: v for k, v in old_snapshot(2).items() if k != "current_role"}
    assert "current_role" not in formats.upgrade(old)
    assert formats.upgrade(old_snapshot(2))["current_role"] == old_snapshot(2)["current_role"]


def test_kept_results_are_converted_in_batches_over_their_random_keys():
    """Assessments are keyed by random UUIDs: the batches walk them in key order all the same."""
    olds = [Assessment.objects.create(results=old_snapshot(1 + i % 2)) for i in range(5)]
    Assessment.objects.create()  # unfinished: nothing kept, nothing to convert
    assert formats.convert_all(Assessment, "results", batch=2) == 5
    for assessment in olds:
        assessment.refresh_from_db()
        assert not formats.is_old(assessment.results)
    assert formats.convert_all(Assessment, "results", batch=2) == 0
