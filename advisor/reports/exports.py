"""A report out of the app: CSV and JSON downloads, and a print layout."""

from __future__ import annotations

import csv
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from advisor.questionnaire import snapshot
from advisor.questionnaire.results import Results
from advisor.reports.models import Report
from advisor.reports.progress import restore_with_progress
from advisor.reports.views import with_report


def _filename(report: Report, ext: str) -> str:
    return f"skill-gap-report-{report.created_at:%Y-%m-%d}-{slugify(report.token[:8])}.{ext}"


CSV_COLUMNS = ["track", "readiness_percent", "band", "order", "step", "skill", "reaches_level", "effort_hours", "state"]


@require_GET
@with_report
def export_csv(request: HttpRequest, report: Report) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(snapshot.restore(report.snapshot), report.states()))
    return response


def _csv_rows(results: Results, done: dict[str, str]):
    """A row per step of each track, or one row for a track with no steps."""
    for view in results.tracks:
        head = [view.track.name, view.percent, view.band]
        if not view.steps:
            yield head + [""] * 6
        for i, step in enumerate(view.steps, 1):
            state = done.get(step.slug, "pending")
            yield head + [i, step.title, step.skill.name, step.reaches, step.effort_hours, state]


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
