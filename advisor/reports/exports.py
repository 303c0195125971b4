"""A report out of the app: CSV and JSON downloads, and a print layout."""

from __future__ import annotations

import csv
import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from advisor.reports import snapshot
from advisor.reports.models import Report
from advisor.reports.progress import restore_with_progress
from advisor.reports.views import with_report


def _filename(report: Report, ext: str) -> str:
    return f"skill-gap-report-{report.created_at:%Y-%m-%d}-{slugify(report.token[:8])}.{ext}"


@require_GET
@with_report
def export_csv(request: HttpRequest, report: Report) -> HttpResponse:
    results = snapshot.restore(report.snapshot)
    done = report.states()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["track", "readiness_percent", "band", "order", "step", "skill", "reaches_level", "effort_hours", "state"]
    )
    for view in results.tracks:
        if not view.steps:
            writer.writerow([view.track.name, view.percent, view.band, "", "", "", "", "", ""])
        for i, step in enumerate(view.steps, 1):
            writer.writerow(
                [
                    view.track.name,
                    view.percent,
                    view.band,
                    i,
                    step.title,
                    step.skill.name,
                    step.reaches,
                    step.effort_hours,
                    done.get(step.slug, "pending"),
                ]
            )
    return response


@require_GET
@with_report
def export_json(request: HttpRequest, report: Report) -> HttpResponse:
    data = {
        "title": report.title,
        "notes": report.notes,
        "saved_at": report.created_at.isoformat(),
        "catalogue_version": report.catalogue_version,
        "progress": report.states(),
        "snapshot": report.snapshot,
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "json")}"'
    return response


@require_GET
@with_report
def print_view(request: HttpRequest, report: Report) -> HttpResponse:
    done = report.states()
    results = restore_with_progress(report, done)
    selected = results.select(request.GET.get("track"))
    return render(
        request, "reports/print.html", {"report": report, "results": results, "selected": selected, "states": done}
    )
