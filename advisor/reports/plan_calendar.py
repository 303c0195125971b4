"""A report's plan as a calendar file: one all-day event per step still to do,
one after the other at the person's hours a week, from a day they pick."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from advisor import scoring
from advisor.i18n import current_lang
from advisor.problems import Problem, refuses
from advisor.questionnaire.results import StepInfo, TrackView
from advisor.reports import access, ics
from advisor.reports.forms import PlanCalendarForm
from advisor.reports.models import Report
from advisor.reports.progress import FINISHED, restore_with_progress
from advisor.reports.views import report_url, with_report

# A person who did not say how many hours a week they have is planned at this pace, and told so.
DEFAULT_HOURS_PER_WEEK = 5


def events(
    report: Report, view: TrackView, states: dict[str, str], start: datetime.date, hours_per_week: int | None, link: str
) -> list[ics.Event]:
    """An event per step not done or skipped, in plan order, each as long as its
    hours take at the person's pace (the same rule as the plan's weeks)."""
    pace = hours_per_week or DEFAULT_HOURS_PER_WEEK
    todo = [step for step in view.steps if states.get(step.slug) not in FINISHED]
    spans = scoring.schedule([step.effort_hours for step in todo], pace)
    return [
        ics.Event(
            uid=uid(report, step),
            start=start + datetime.timedelta(days=first),
            end=start + datetime.timedelta(days=after),
            summary=str(step.title),
            description=_description(step, after - first, pace, hours_per_week is None, link),
            url=link,
        )
        for step, (first, after) in zip(todo, spans, strict=True)
    ]


def uid(report: Report, step: StepInfo) -> str:
    """The same for a report's step in every download, so a calendar updates the
    event instead of adding another; it names neither the report nor its links."""
    digest = salted_hmac("reports.plan_calendar", f"{report.pk}:{step.slug}").hexdigest()[:32]
    return f"{digest}@career-path-advisor"


def _description(step: StepInfo, days: int, pace: int, guessed: bool, link: str) -> str:
    hours = ngettext("%(hours)d hour of practice", "%(hours)d hours of practice", step.effort_hours) % {
        "hours": step.effort_hours
    }
    if days % 7 == 0:
        span = ngettext("At %(pace)d h a week: %(n)d week", "At %(pace)d h a week: %(n)d weeks", days // 7)
        span %= {"pace": pace, "n": days // 7}
    else:
        span = ngettext("At %(pace)d h a week: %(n)d day", "At %(pace)d h a week: %(n)d days", days)
        span %= {"pace": pace, "n": days}
    if guessed:
        span += " " + _("(you did not say how many hours a week you have)")
    level = _("takes you to level %(level)d") % {"level": step.reaches}
    parts = [f"{hours} · {span}", f"{step.skill.name} · {level}", str(step.practice)]
    if step.evidence:
        parts.append(f"{_('Evidence:')} {step.evidence}")
    links = step.links_in(current_lang())
    if links:
        parts.append("\n".join([_("Resources:")] + [f"- {res.title}: {res.url}" for res in links]))
    parts.append(_("Your report: %(url)s") % {"url": link})
    return "\n\n".join(parts)


def _response(request: HttpRequest, report: Report, link: str) -> HttpResponse:
    form = PlanCalendarForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        raise Problem(400, _("Check the start date"), message)
    states = report.states()
    results = restore_with_progress(report, states)
    slug = request.GET.get("track", "")
    view = results.get(slug) if slug else results.select(None)
    if view is None:
        raise Problem(404, _("No such track"), _("This report has no track “%(track)s”.") % {"track": slug[:80]})
    start = form.cleaned_data["start"]
    planned = events(report, view, states, start, results.hours_per_week, link)
    if not planned:
        # A calendar needs at least one event (RFC 5545 3.6); say why there is none instead.
        raise Problem(
            409,
            _("Nothing left to plan"),
            _("Every step of %(track)s is done or skipped, so there is nothing to put in a calendar.")
            % {"track": view.track.name},
            [(link, _("Back to the report"))],
        )
    body = ics.calendar(planned, name=f"{view.track.name} · {report.title}", stamp=timezone.now())
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    filename = f"plan-{view.track.slug}-{start:%Y-%m-%d}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@with_report
def owner_calendar(request: HttpRequest, report: Report) -> HttpResponse:
    return _response(request, report, request.build_absolute_uri(report_url(report)))


@require_GET
@refuses
def shared_calendar(request: HttpRequest, token: str) -> HttpResponse:
    # A reader of the shared link gets the same plan; its events link to the shared page, never the private one.
    report = access.shared_report(token)
    return _response(request, report, request.build_absolute_uri(reverse("reports:shared", args=[token])))
