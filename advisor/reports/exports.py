"""A report out of the app: CSV and JSON downloads, and a print layout."""

from __future__ import annotations

import csv
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from advisor.questionnaire import snapshot
from advisor.questionnaire.results import Results
from advisor.reports.models import Report, StepProgress
from advisor.reports.progress import restore_with_progress
from advisor.reports.views import with_report


def _filename(report: Report, ext: str) -> str:
    return f"skill-gap-report-{report.created_at:%Y-%m-%d}-{slugify(report.token[:8])}.{ext}"


# Headers and values in the reader's language: a spreadsheet is read, not parsed.
CSV_COLUMNS = [
    gettext_lazy("Row"),
    gettext_lazy("Track"),
    gettext_lazy("Match %"),
    gettext_lazy("Verdict"),
    gettext_lazy("Order"),
    gettext_lazy("Step or skill"),
    gettext_lazy("Skill"),
    gettext_lazy("Essential"),
    gettext_lazy("Your level"),
    gettext_lazy("Target level"),
    gettext_lazy("Hours"),
    gettext_lazy("State"),
]
BANDS = {
    "ready": gettext_lazy("Ready"),
    "within_reach": gettext_lazy("Within reach"),
    "long_road": gettext_lazy("Long road"),
}
STATES = dict(StepProgress.State.choices)


@require_GET
@with_report
def export_csv(request: HttpRequest, report: Report) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(c) for c in CSV_COLUMNS])
    writer.writerows(
        [inert(cell) for cell in row] for row in _csv_rows(snapshot.restore(report.snapshot), report.states())
    )
    return response


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell):
    """A text cell a spreadsheet would run as a formula, kept as text with a leading
    apostrophe (OWASP's advice on CSV injection); numbers stay numbers."""
    if isinstance(cell, str) or not isinstance(cell, int | float):
        text = str(cell)
        return "'" + text if text.startswith(FORMULA_START) else text
    return cell


def _csv_rows(results: Results, done: dict[str, str]):
    """Per track: a row per skill below its target, then a row per step, in order;
    a track with neither still gets one row."""
    gap, step_kind, yes, no = _("Gap"), _("Step"), _("yes"), _("no")
    for view in results.tracks:
        head = [view.track.name, view.percent, BANDS.get(view.band, view.band)]
        if not view.steps and not view.gap_rows:
            yield ["", *head] + [""] * 8
        for row in view.gap_rows:
            skill = row.skill.name
            yield [gap, *head, "", skill, skill, yes if row.essential else no, row.level, row.target, "", ""]
        for i, step in enumerate(view.steps, 1):
            state = STATES.get(done.get(step.slug, "pending"), "")
            yield [step_kind, *head, i, step.title, step.skill.name, "", "", step.reaches, step.effort_hours, state]


# 1: the report's snapshot as saved; 2: the verdicts and the plan at the top level.
JSON_FORMAT = 2


@require_GET
@with_report
def export_json(request: HttpRequest, report: Report) -> HttpResponse:
    response = HttpResponse(
        json.dumps(json_data(report), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "json")}"'
    return response


def json_data(report: Report) -> dict:
    """The report as data: what it recommends, and per track the verdict, the
    skills (level null when not asked) and the ordered steps with their state."""
    results = snapshot.restore(report.snapshot)
    done = report.states()
    return {
        "format": JSON_FORMAT,
        "title": report.title,
        "notes": report.notes,
        "saved_at": report.created_at.isoformat(),
        "catalogue_version": report.catalogue_version,
        "snapshot_format": report.snapshot.get("format", 1),
        "rules_changed": results.rules_changed,
        "goal": results.goal,
        "recommended": results.recommended,
        "current_track": results.current_track,
        "company_type": results.company_type,
        "company_size": results.company_size,
        "years": results.years,
        "hours_per_week": results.hours_per_week,
        "tracks": [
            {
                "slug": view.track.slug,
                "kind": view.track.kind,
                "name": view.track.name.as_dict(),
                "readiness": view.readiness,
                "band": view.band,
                "total_hours": view.total_hours,
                "weeks": view.weeks,
                "rows": [
                    {
                        "skill": row.skill.slug,
                        "level": row.level,
                        "target": row.target,
                        "importance": row.importance,
                        "essential": row.essential,
                    }
                    for row in view.rows
                ],
                "steps": [
                    {
                        "slug": step.slug,
                        "skill": step.skill.slug,
                        "title": step.title.as_dict(),
                        "reaches": step.reaches,
                        "effort_hours": step.effort_hours,
                        "evidence": step.evidence.as_dict(),
                        "state": done.get(step.slug, "pending"),
                    }
                    for step in view.steps
                ],
                "routes": [route.slug for route in view.routes],
            }
            for view in results.tracks
        ],
    }


@require_GET
@with_report
def print_view(request: HttpRequest, report: Report) -> HttpResponse:
    done = report.states()
    results = restore_with_progress(report, done)
    selected = results.select(request.GET.get("track") or report.track or None)
    return render(
        request, "reports/print.html", {"report": report, "results": results, "selected": selected, "states": done}
    )
