"""What a browser session remembers, and who owns an assessment.

Anonymous people have no account, so the session keeps the ids of the last few
assessments (and, in the reports app, reports) this browser made; owning one
means having it in the session."""

from __future__ import annotations

from uuid import UUID

from django.db.models import F, Q, QuerySet
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


def mine(request: HttpRequest) -> Q:
    """The assessments this visitor owns: the ones this browser started, and, when
    logged in, the account's, from whichever device they were started on."""
    owned = Q(pk__in=remembered(request))
    if request.user.is_authenticated:
        owned |= Q(user=request.user)
    return owned


def owned_assessment(request: HttpRequest, pk: UUID, *, with_results: bool = False) -> Assessment:
    """The assessment, if this visitor owns it (mine()); otherwise a 404 so ids cannot be probed."""
    # The stored results (a large JSON column) are read only by the page that shows
    # them, in this same query; the saved report's link comes with it too.
    mine_ = Assessment.objects.filter(mine(request), pk=pk)
    if not with_results:
        mine_ = mine_.defer("results")
    assessment = mine_.annotate(saved_token=F("report__token")).first()
    if assessment is not None:
        return assessment
    raise Problem(
        404,
        _("Assessment not found"),
        _("This questionnaire does not exist, or it was started in another browser. You can start a new one."),
        [(reverse("questionnaire:start"), _("Start the questionnaire"))],
    )


def owned(request: HttpRequest) -> QuerySet[Assessment] | None:
    """The visitor's assessments, or None (and no query) when they can have none:
    no account and nothing remembered in this browser."""
    if not request.user.is_authenticated and not remembered(request):
        return None
    return Assessment.objects.filter(mine(request))


def resumable(request: HttpRequest) -> Assessment | None:
    """The latest unfinished assessment of this visitor, for "continue where you left off"."""
    assessments = owned(request)
    return None if assessments is None else assessments.filter(finished_at__isnull=True).order_by("-updated_at").first()


def latest_finished(request: HttpRequest) -> Assessment | None:
    """The visitor's latest finished assessment, for "your latest results"."""
    assessments = owned(request)
    if assessments is None:
        return None
    return assessments.filter(finished_at__isnull=False).defer("results").order_by("-finished_at").first()


def unfinished(request: HttpRequest) -> list[Assessment]:
    """Every unfinished assessment of this visitor, the latest first (for My reports)."""
    assessments = owned(request)
    return (
        [] if assessments is None else list(assessments.filter(finished_at__isnull=True).order_by("-updated_at")[:20])
    )
