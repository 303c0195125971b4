"""A report's plan as a calendar file: each step still to do becomes weekly
sessions of the person's hours a week, on the weekday and at the time they pick."""

from __future__ import annotations

import datetime
import zoneinfo

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from advisor.i18n import current_lang
from advisor.problems import Problem, refuses
from advisor.questionnaire.results import StepInfo, TrackView
from advisor.questionnaire.roadmap import FINISHED
from advisor.reports import access, ics
from advisor.reports.forms import PlanCalendarForm
from advisor.reports.models import Report
from advisor.reports.progress import restore_with_progress
from advisor.reports.views import report_url, with_report

# A person who did not say how many hours a week they have is planned at this pace, and told so.
DEFAULT_HOURS_PER_WEEK = 5


def sessions(hours: int, pace: int) -> list[int]:
    """A step's hours as weekly sessions of `pace` hours, the last one what is left
    (12 hours at 5 a week: 5, 5, 2); a step of no hours still gets one hour to start it."""
    hours = max(hours, 1)
    return [pace] * (hours // pace) + ([hours % pace] if hours % pace else [])


def first_session(start: datetime.date, weekday: int, at: datetime.time, now: datetime.datetime) -> datetime.datetime:
    """The first `weekday` at `at` on or after `start` that is still to come."""
    day = start + datetime.timedelta(days=(weekday - start.weekday()) % 7)
    first = datetime.datetime.combine(day, at, tzinfo=zoneinfo.ZoneInfo(ics.TIME_ZONE))
    return first if first > now else first + datetime.timedelta(weeks=1)


def events(
    report: Report,
    view: TrackView,
    states: dict[str, str],
    first: datetime.datetime,
    hours_per_week: int | None,
    link: str,
) -> list[ics.Event]:
    """A session a week from `first`, step after step in plan order, for every step
    not done or skipped."""
    pace = hours_per_week or DEFAULT_HOURS_PER_WEEK
    planned: list[ics.Event] = []
    for step in view.steps:
        if states.get(step.slug) in FINISHED:
            continue
        lengths = sessions(step.effort_hours, pace)
        for index, hours in enumerate(lengths):
            # Adding weeks to an aware datetime keeps the wall-clock time, as a weekly habit should.
            start = first + datetime.timedelta(weeks=len(planned))
            summary = _("%(step)s · session %(n)d of %(total)d") % {
                "step": step.title,
                "n": index + 1,
                "total": len(lengths),
            }
            planned.append(
                ics.Event(
                    uid=uid(report, step, index),
                    start=start,
                    end=start + datetime.timedelta(hours=hours),
                    summary=summary if len(lengths) > 1 else str(step.title),
                    description=_description(step, index, lengths, pace, hours_per_week is None, link),
                    url=link,
                    reminder=_("In 30 minutes: %(step)s") % {"step": step.title},
                )
            )
    return planned


def uid(report: Report, step: StepInfo, index: int) -> str:
    """The same for a report's step and session in every download, so a calendar
    updates the event instead of adding another; a keyed hash of the report's
    token, so it names neither the report nor its links."""
    digest = salted_hmac("reports.plan_calendar", f"{report.token}:{step.slug}:{index}").hexdigest()[:32]
    return f"{digest}@career-path-advisor"


def _description(step: StepInfo, index: int, lengths: list[int], pace: int, guessed: bool, link: str) -> str:
    total = sum(lengths)
    hours = ngettext("%(hours)d hour of practice", "%(hours)d hours of practice", total) % {"hours": total}
    span = _("At %(pace)d h a week: session %(n)d of %(total)d") % {"pace": pace, "n": index + 1, "total": len(lengths)}
    if guessed:
        span += " " + _("(you did not say how many hours a week you have)")
    level = _("takes you to level %(level)d") % {"level": step.reaches}
    parts = [str(step.title), f"{hours} · {span}", f"{step.skill.name} · {level}"]
    if step.evidence:
        parts.append(_labelled(_("Evidence:"), str(step.evidence)))
    parts.append(str(step.practice))
    links = step.links_in(current_lang())
    if links:
        lines = [_("- %(title)s: %(url)s") % {"title": res.title, "url": res.url} for res in links]
        parts.append("\n".join([_("Resources:"), *lines]))
    parts.append(_("Your report: %(url)s") % {"url": link})
    return "\n\n".join(parts)


def _labelled(label: str, text: str) -> str:
    # A full-width colon ("产出：") carries its own space; a Latin one needs one after it.
    return label + text if label.endswith("：") else f"{label} {text}"


def calendar_name(view: TrackView, report: Report) -> str:
    """The track, then the report's title, unless the title already starts with the
    track in either language (the default title does: "User operation · 2026-12-08")."""
    name = view.track.name
    # A default title is in the language it was saved in, which may not be the reader's.
    if any(n and report.title.startswith(n) for n in (name.en, name.zh)):
        return report.title
    return f"{name} · {report.title}"


def _response(request: HttpRequest, report: Report, link: str) -> HttpResponse:
    form = PlanCalendarForm(request.GET)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        raise Problem(400, _("Check when the sessions go"), message)
    states = report.states()
    results = restore_with_progress(report, states)
    slug = request.GET.get("track", "")
    view = results.get(slug) if slug else results.select(None)
    if view is None:
        raise Problem(404, _("No such track"), _("This report has no track “%(track)s”.") % {"track": slug[:80]})
    data = form.cleaned_data
    first = first_session(data["start"], data["weekday"], data["at"], timezone.now())
    planned = events(report, view, states, first, results.hours_per_week, link)
    if not planned:
        # A calendar needs at least one event (RFC 5545 3.6); say why there is none instead.
        raise Problem(
            409,
            _("Nothing left to plan"),
            _("Every step of %(track)s is done or skipped, so there is nothing to put in a calendar.")
            % {"track": view.track.name},
            [(link, _("Back to the report"))],
        )
    body = ics.calendar(planned, name=calendar_name(view, report), stamp=timezone.now())
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    filename = f"plan-{view.track.slug}-{first:%Y-%m-%d}.ics"
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
