from __future__ import annotations

import json
from pathlib import Path

from advisor.questionnaire import snapshot
from advisor.questionnaire.migrations import _snapshot_formats as formats
from advisor.questionnaire.results import Results, StepInfo, TrackView
from advisor.reports.models import Report
from tests.questionnaire_helpers import PROMOTER, fill


def save_report(client, person: dict = PROMOTER) -> Report:
    assessment = fill(client, person)
    response = client.post(f"/reports/save/{assessment.pk}/")
    assert response.status_code == 302, response.content.decode()[:500]
    return Report.objects.get(assessment=assessment)


SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def old_snapshot(fmt: int) -> dict:
    """tests/snapshots/format-N.json: a real snapshot in the hand-written layout of its time."""
    return json.loads((SNAPSHOTS / f"format-{fmt}.json").read_text(encoding="utf-8"))


def converted(fmt: int) -> dict:
    """That snapshot as the data migrations leave it (questionnaire 0006, reports 0008)."""
    data = old_snapshot(fmt)
    assert formats.is_old(data)
    return formats.upgrade(data)


def results(report: Report) -> Results:
    """What the report keeps, read back as its pages read it."""
    return snapshot.restore(report.snapshot)


def track_of(report: Report, slug: str) -> TrackView:
    return results(report).get(slug)


def step_slugs(report: Report, track: str = "product-operation") -> list[str]:
    return [step.slug for step in track_of(report, track).steps]


def step_of(report: Report, slug: str) -> StepInfo:
    """A step of the report's plans, whichever track lists it."""
    return next(step for view in results(report).tracks for step in view.steps if step.slug == slug)


def first_step(report: Report, track: str = "product-operation") -> str:
    return step_slugs(report, track)[0]
