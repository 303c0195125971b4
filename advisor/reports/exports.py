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
from advisor.reports.export_schema import json_data
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


@require_GET
@with_report
def export_json(request: HttpRequest, report: Report) -> HttpResponse:
    response = HttpResponse(
        json.dumps(json_data(report), ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "json")}"'
    return response


@require_GET
@with_report
def print_view(request: HttpRequest, report: Report) -> HttpResponse:
    done = report.states()
    results = restore_with_progress(report, done)
    selected = results.select(request.GET.get("track") or report.track or None)
    return render(
        request, "reports/print.html", {"report": report, "results": results, "selected": selected, "states": done}
    )
