"""Saved reports look exactly as they did: every page and export of a format-1 and a
format-2 report, compared byte for byte with what the code rendered when the
goldens were recorded (tests/snapshots/golden/), from the fixtures as the data
migrations convert them. A change to how results are kept or read back must leave
these unchanged.

Re-record only for a change meant to be seen: `GOLDEN=record pytest tests/test_snapshots_golden.py`,
then read the diff before committing it."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest
from django.test import Client

from advisor.questionnaire import snapshot
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report
from tests.questionnaire_helpers import PROMOTER, fill
from tests.reports_helpers import SNAPSHOTS, converted

GOLDEN = SNAPSHOTS / "golden"
TOKEN = "golden-report-token"
SAVED_AT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
VIEWS = ("roadmap", "compare", "explain")
pytestmark = pytest.mark.django_db

# What changes on every request, whatever the report.
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value="…"'),
    (re.compile(r'nonce="[^"]+"'), 'nonce="…"'),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), '"X-CSRFToken": "…"'),
    (re.compile(r'<meta name="csrf-token" content="[^"]+"'), '<meta name="csrf-token" content="…"'),
]


def kept(fmt: int) -> Report:
    data = converted(fmt)
    report = Report.objects.create(title="A kept report", notes="Ask about the CPA course.", snapshot=data)
    Report.objects.filter(pk=report.pk).update(token=TOKEN, created_at=SAVED_AT, catalogue_version=1)
    # Some progress, so the pages show each state.
    second = [step.slug for step in snapshot.restore(data).tracks[1].steps]
    report.progress.create(step=second[0], state="done")
    if len(second) > 1:
        report.progress.create(step=second[1], state="skipped")
    return Report.objects.get(pk=report.pk)


def pages(report: Report) -> list[tuple[str, str]]:
    tracks = [t["slug"] for t in report.snapshot["tracks"]]
    base = f"/r/{TOKEN}/"
    found = [("detail", base), ("print", f"{base}print/"), ("summary", f"{base}summary/")]
    found += [(f"detail-{view}", f"{base}?view={view}") for view in VIEWS]
    found += [(f"track-{slug}", f"{base}?track={slug}") for slug in tracks]
    found += [(f"print-{tracks[-1]}", f"{base}print/?track={tracks[-1]}")]
    # The track with progress marks, drawn as a roadmap.
    found += [(f"roadmap-{tracks[1]}", f"{base}?track={tracks[1]}&view=roadmap")]
    found += [("export.csv", f"{base}export.csv"), ("export.json", f"{base}export.json")]
    return found


def normalised(text: str) -> str:
    for pattern, fixed in VOLATILE:
        text = pattern.sub(fixed, text)
    return text


def differing(client: Client, pages: list[tuple[str, str]], folder: Path, hide: str = "") -> list[str]:
    """The names of the pages that render differently from their golden (`hide`: an id
    that changes per run, written as ID); with GOLDEN=record, record them instead."""
    record = os.environ.get("GOLDEN") == "record"
    changed = []
    for name, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = normalised(response.content.decode())
        text = (text.replace(hide, "ID") if hide else text).encode()
        path = folder / (name if "." in name else f"{name}.html")
        if record:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
        elif path.read_bytes() != text:
            changed.append(name)
    return changed


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("fmt", [1, 2])
def test_a_saved_report_renders_as_recorded(fmt, language):
    report = kept(fmt)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert differing(client, pages(report), GOLDEN / f"format-{fmt}" / language) == []


def finished(client: Client, fmt: int) -> Assessment:
    """A finished assessment whose kept results are the snapshot of that format."""
    person = {"context": PROMOTER["context"] | {"goal": "product-operation"}, "levels": PROMOTER["levels"]}
    assessment = fill(client, person)
    Assessment.objects.filter(pk=assessment.pk).update(results=converted(fmt))
    assessment.refresh_from_db()
    return assessment


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("fmt", [1, 2])
def test_an_assessment_s_kept_results_render_as_recorded(fmt, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assessment = finished(client, fmt)
    base = f"/assess/{assessment.pk}/results/"
    found = [("results", base)] + [(f"results-{view}", f"{base}?view={view}") for view in VIEWS]
    found += [(f"results-track-{t['slug']}", f"{base}?track={t['slug']}") for t in assessment.results["tracks"]]
    assert differing(client, found, GOLDEN / f"format-{fmt}" / language, hide=str(assessment.pk)) == []
