"""Who may see a report: its owner (by account, or by the private link while no
account has claimed it) may edit; a share-link holder may read; anyone else gets
a 404, so reports cannot be enumerated."""

from __future__ import annotations

import re

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.utils.translation import gettext as _

from advisor.problems import Problem
from advisor.questionnaire.session import recent, remember_recent
from advisor.reports.models import Report

SESSION_KEY = "reports"
# What models.new_token() makes (URL-safe base64), with room for older and shorter ones.
WELL_FORMED = re.compile(r"[A-Za-z0-9_-]{16,64}")


class LoginFirst(Exception):
    """The report belongs to an account: the visitor must log in as its owner."""


def not_found() -> Problem:
    return Problem(
        404,
        _("Report not found"),
        _("This report does not exist, was deleted, or the link is no longer valid."),
    )


def well_formed(token: str | None) -> bool:
    """A NUL byte, an over-long value or a wrong alphabet is no token: refused before any query."""
    return bool(token) and WELL_FORMED.fullmatch(token) is not None


def owned_report(request: HttpRequest, token: str) -> Report:
    if not well_formed(token):
        raise not_found()
    # The frozen results are read only when the page is not already kept rendered.
    # With its weekly reminder, if any, which the owner's page shows.
    report = Report.objects.defer("snapshot").select_related("reminder").filter(token=token).first()
    if report is None:
        raise not_found()
    if report.user_id is None or report.user_id == request.user.id:
        return report
    if not request.user.is_authenticated:
        # The private link is a secret only its owner has; send them to log in rather than refuse.
        raise LoginFirst
    raise not_found()


def shared_report(token: str) -> Report:
    report = Report.objects.defer("snapshot").filter(share_token=token).first() if well_formed(token) else None
    if report is None:
        raise not_found()
    return report


def login_first(request: HttpRequest):
    return redirect_to_login(request.get_full_path())


def remember(request: HttpRequest, report: Report) -> None:
    """Anonymous reports are listed in the session, to be claimed on sign-up or log-in."""
    remember_recent(request, SESSION_KEY, report.token)


def remembered(request: HttpRequest) -> list[str]:
    return recent(request, SESSION_KEY)
