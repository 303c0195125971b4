"""A report on one page: the recommendation, its essential gaps and the first
three steps, for the owner and for a read-only link's holder alike."""

from __future__ import annotations

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from advisor import scoring
from advisor.problems import refuses
from advisor.questionnaire.results import TrackView
from advisor.reports import access
from advisor.reports.models import Report
from advisor.reports.progress import restore_with_progress
from advisor.reports.views import with_report

FIRST_STEPS = 3


@require_GET
@with_report
def summary(request: HttpRequest, report: Report) -> HttpResponse:
    return _render(request, report, owner=True)


@require_GET
@refuses
def shared_summary(request: HttpRequest, token: str) -> HttpResponse:
    return _render(request, access.shared_report(token), owner=False)


def _render(request: HttpRequest, report: Report, *, owner: bool) -> HttpResponse:
    done = report.states()
    results = restore_with_progress(report, done)
    move: TrackView | None = results.select(None)
    steps = list(move.steps[:FIRST_STEPS]) if move else []
    hours = sum(step.effort_hours for step in steps)
    share_url = (
        request.build_absolute_uri(reverse("reports:shared", args=[report.share_token])) if report.share_token else None
    )
    # The link printed on the page: the read-only one whenever there is one. The
    # private link is printed only on the owner's page and only when there is no other.
    private_url = request.build_absolute_uri(reverse("reports:detail", args=[report.token])) if owner else None
    context = {
        "report": report,
        "results": results,
        "move": move,
        "essential_gaps": [row for row in move.gap_rows if row.essential] if move else [],
        "essential_not_asked": [row for row in move.not_asked if row.essential] if move else [],
        "steps": steps,
        "states": done,
        "first_hours": hours,
        "first_weeks": scoring.weeks(hours, results.hours_per_week),
        "share_url": share_url,
        "share_qr": _qr_svg(share_url) if share_url else None,
        "private_url": private_url if share_url is None else None,
        "owner": owner,
        "back_url": reverse(
            "reports:detail" if owner else "reports:shared", args=[report.token if owner else report.share_token]
        ),
    }
    return render(request, "reports/summary.html", context)


def _qr_svg(url: str) -> str:
    """The read-only link as an inline SVG QR code (never the private link: a
    printed page is easily handed on, and the private link changes the report)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        omitsize=True, border=2, dark="#111", svgclass="qr-code", title=_("QR code of the read-only link")
    )
    return mark_safe(svg)  # noqa: S308 - segno writes only path data, and our own escaped title
