"""What a browser session remembers, and who owns an assessment.

Anonymous people have no account, so the session keeps the ids of the last few
assessments (and, in the reports app, reports) this browser made; owning one
means having it in the session."""

from __future__ import annotations

from uuid import UUID

from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from advisor.problems import Problem
from advisor.questionnaire.models import Assessment

ASSESSMENTS = "assessments"
REMEMBERED = 20


def remember_recent(request: HttpRequest, key: str, value: str, limit: int = REMEMBERED) -> None:
    """Keep `value` as the newest of the last `limit` values under `key`."""
    values = [v for v in request.session.get(key, []) if v != value]
    request.session[key] = (values + [value])[-limit:]


def recent(request: HttpRequest, key: str) -> list[str]:
    return list(request.session.get(key, []))


def remember(request: HttpRequest, assessment: Assessment) -> None:
    remember_recent(request, ASSESSMENTS, str(assessment.pk))


def remembered(request: HttpRequest) -> list[str]:
    return recent(request, ASSESSMENTS)


def owned_assessment(request: HttpRequest, pk: UUID) -> Assessment:
    """The assessment, if this browser session started it; otherwise a 404 so ids cannot be probed."""
    if str(pk) in remembered(request):
        # The stored results are read only where they are shown, and only when
        # the page is not already kept rendered (advisor/pages.py).
        # The saved report's link comes in the same query (results pages show it).
        assessment = Assessment.objects.defer("results").annotate(saved_token=F("report__token")).filter(pk=pk).first()
        if assessment is not None:
            return assessment
    raise Problem(
        404,
        _("Assessment not found"),
        _("This questionnaire does not exist, or it was started in another browser. You can start a new one."),
        [(reverse("questionnaire:start"), _("Start the questionnaire"))],
    )


def resumable(request: HttpRequest) -> Assessment | None:
    """The latest unfinished assessment of this session, for "continue where you left off"."""
    ids = remembered(request)
    if not ids:
        return None
    return Assessment.objects.filter(pk__in=ids, finished_at__isnull=True).order_by("-updated_at").first()
