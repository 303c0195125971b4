"""Saved reports: save, read, edit, track progress, share, retake, delete.
State changes are the models'; views parse, call and render."""

from __future__ import annotations

import functools
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advisor import limits
from advisor.limits import client_address, limited
from advisor.problems import Problem, refuses
from advisor.questionnaire import flow as flows
from advisor.questionnaire import session
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.results import tab_of
from advisor.questionnaire.roadmap import FINISHED
from advisor.reports import access, mail
from advisor.reports.forms import DetailsForm, EmailLinkForm, StepStateForm, calendar_bounds
from advisor.reports.models import AlreadySaved, NotFinished, Report, StaleState, StepProgress
from advisor.reports.progress import compare, restore_with_progress


def with_report(view):
    """Resolve the private-link token to a report the visitor owns, or refuse."""

    @functools.wraps(view)
    @refuses
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        try:
            report = access.owned_report(request, token)
        except access.LoginFirst:
            return access.login_first(request)
        return view(request, report, *args, **kwargs)

    return wrapper


def in_wechat(request: HttpRequest) -> bool:
    """WeChat's built-in browser (it names itself in the User-Agent) downloads no
    calendar file, so the report says so there."""
    return "MicroMessenger" in request.headers.get("User-Agent", "")


def report_url(report: Report) -> str:
    return reverse("reports:detail", args=[report.token])


@require_POST
@refuses
def save(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = session.owned_assessment(request, pk)
    try:
        owner = request.user if request.user.is_authenticated else None
        report = Report.objects.create_from(assessment, owner, track=request.POST.get("track", "")[:80])
    except NotFinished:
        raise Problem(409, _("Not finished yet"), _("Finish the questionnaire before saving its report.")) from None
    except AlreadySaved as saved:
        raise _already_saved(saved.report) from None
    if report.user_id is None:
        access.remember(request, report)
        messages.success(request, _("Saved. Keep the private link below: it is the only key to this report."))
    else:
        messages.success(request, _("Saved to your reports."))
    if request.POST.get("then") == "share":
        messages.info(
            request, _("To share it, create a read-only link below: it lets others read the report, not change it.")
        )
        return redirect(report_url(report) + "#share")
    return redirect(report_url(report))


@require_GET
@with_report
def detail(request: HttpRequest, report: Report) -> HttpResponse:
    return _render(request, report, can_edit=True)


@require_GET
@refuses
def shared(request: HttpRequest, token: str) -> HttpResponse:
    return _render(request, access.shared_report(token), can_edit=False)


@require_POST
@with_report
def details(request: HttpRequest, report: Report) -> HttpResponse:
    form = DetailsForm(request.POST, instance=report)
    if not form.is_valid():
        return _render(request, report, can_edit=True, status=422, form=form)
    form.save()
    messages.success(request, _("Title and notes saved."))
    return redirect(report_url(report))


@require_POST
@with_report
def step_state(request: HttpRequest, report: Report, step: str) -> HttpResponse:
    if step not in report.snapshot.get("steps", {}):
        raise _no_such_step()
    form = StepStateForm(request.POST)
    if not form.is_valid():
        raise _unknown_state()
    try:
        StepProgress.transition(report, step, was=form.cleaned_data["was"], to=form.cleaned_data["state"])
    except StaleState:
        raise _changed_meanwhile(report) from None
    track = request.POST.get("track", "")
    if request.htmx:
        return _render(request, report, can_edit=True, track=track)
    url = report_url(report)
    return redirect(f"{url}?track={track}#step-{step}" if track else f"{url}#step-{step}")


@require_http_methods(["GET", "POST"])
@with_report
def reset(request: HttpRequest, report: Report) -> HttpResponse:
    if request.method == "POST":
        report.reset_progress()
        messages.success(request, _("Progress reset: every step is pending again."))
        return redirect(report_url(report))
    return render(request, "reports/confirm.html", {"report": report, "action": "reset"})


@require_http_methods(["GET", "POST"])
@with_report
def delete(request: HttpRequest, report: Report) -> HttpResponse:
    if request.method == "POST":
        report.delete()
        messages.success(request, _("The report was deleted."))
        return redirect("reports:list" if request.user.is_authenticated else "home")
    return render(request, "reports/confirm.html", {"report": report, "action": "delete"})


SHARING_DONE = {
    Report.Sharing.CREATE: gettext_lazy("Read-only link created. Anyone with it can read this report, not change it."),
    Report.Sharing.REGENERATE: gettext_lazy("New read-only link created; the old one no longer works."),
    Report.Sharing.REVOKE: gettext_lazy("Sharing is off; the read-only link no longer works."),
}


def _rotates(request: HttpRequest) -> bool:
    # Turning sharing off is never limited: a leaked link must always be closable.
    return request.POST.get("action") in (Report.Sharing.CREATE, Report.Sharing.REGENERATE)


@require_POST
@limited("share", (client_address, "RATE_LIMIT_SHARE"), when=_rotates)
@with_report
def share(request: HttpRequest, report: Report) -> HttpResponse:
    action = request.POST.get("action")
    if action not in Report.Sharing.values:
        raise Problem(
            400, _("Unknown action"), _("Sharing can be turned on, renewed or turned off. Nothing was changed.")
        )
    report.set_sharing(action)
    messages.success(request, SHARING_DONE[Report.Sharing(action)])
    return redirect(report_url(report) + "#share")


@require_POST
@with_report
def email_link(request: HttpRequest, report: Report) -> HttpResponse:
    """Send the private link to an address, at most so often per address and per client."""
    form = EmailLinkForm(request.POST)
    if not form.is_valid():
        return _render(request, report, can_edit=True, status=400, email_form=form)
    address = form.cleaned_data["email"]
    window, refused = settings.REPORT_EMAIL_WINDOW, _("Too many e-mails for now; nothing was sent.")
    limits.count(
        request,
        "report-email:client",
        f"{settings.REPORT_EMAIL_PER_CLIENT}/{window}s",
        client_address(request),
        refused,
    )
    limits.count(
        request, "report-email:address", f"{settings.REPORT_EMAIL_PER_ADDRESS}/{window}s", address.lower(), refused
    )
    mail.send_private_link(report, address, request.build_absolute_uri(report_url(report)))
    messages.success(request, _("The private link was sent to %(address)s.") % {"address": address})
    return redirect(report_url(report))


@require_POST
@limited("start", (client_address, "RATE_LIMIT_START"))  # a retake is a new questionnaire too
@with_report
def retake(request: HttpRequest, report: Report) -> HttpResponse:
    """A new questionnaire, prefilled with the answers behind this report."""
    user = request.user if request.user.is_authenticated else None
    source = report.assessment
    # The answers behind the report may be gone (assessments can be deleted); then start afresh.
    new = source.copy(user=user) if source is not None else Assessment.objects.create(user=user)
    session.remember(request, new)
    messages.info(request, _("Your previous answers are filled in. Change what has changed, then finish."))
    return redirect("questionnaire:step", pk=new.pk, section=flows.ABOUT)


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """The account's reports, or, for a visitor without one, the reports this browser
    saved; with the questionnaires not finished yet, to resume on this device."""
    if request.user.is_authenticated:
        reports = request.user.reports.all()
    else:
        reports = Report.objects.filter(token__in=access.remembered(request), user__isnull=True)
    rows = []
    reports = list(reports.prefetch_related("progress"))
    by_pk = {r.pk: r for r in reports}
    for report in reports:
        results = restore_with_progress(report, {p.step: p.state for p in report.progress.all()})
        top = results.select(report.track or None)
        row = {"report": report, "top": top, "progress": top.progress if top else None}
        row["goal"] = results.get(results.goal) if results.goal else None
        # A retake says what it retakes, and how the track it opens on moved since.
        if top and (before := by_pk.get(report.previous_id)):
            was = next((t["readiness"] for t in before.snapshot.get("tracks", []) if t["slug"] == top.track.slug), None)
            row["before"] = {"report": before, "percent": None if was is None else round(was)}
        rows.append(row)
    return render(request, "reports/list.html", {"rows": rows, "unfinished": session.unfinished(request)})


# --- refusals ------------------------------------------------------------------


def _already_saved(report: Report) -> Problem:
    return Problem(
        409,
        _("Already saved"),
        _("This result is already saved as a report."),
        [(report_url(report), _("Open my report"))],
    )


def _no_such_step() -> Problem:
    return Problem(404, _("No such step"), _("This step is not part of this report. Nothing was changed."))


def _unknown_state() -> Problem:
    return Problem(400, _("Unknown state"), _("A step can be pending, learning, done or skipped. Nothing was changed."))


def _changed_meanwhile(report: Report) -> Problem:
    return Problem(
        409,
        _("This step changed meanwhile"),
        _("It was updated in another tab or by a second click. Reload the report to see its current state."),
        [(report_url(report), _("Reload the report"))],
    )


def _email_form(request: HttpRequest) -> EmailLinkForm:
    # Prefilled with the account's address.
    email = request.user.email if request.user.is_authenticated else ""
    return EmailLinkForm(initial={"email": email})


def _render(
    request: HttpRequest,
    report: Report,
    *,
    can_edit: bool,
    status: int = 200,
    form=None,
    email_form=None,
    track: str | None = None,
) -> HttpResponse:
    done = report.states()
    track = (track or request.GET.get("track") or report.track or "")[:80]
    tab = tab_of(request.GET.get("view"))
    compare_with = request.GET.get("with", "")[:80] if tab == "compare" else ""
    partial = request.htmx and request.htmx.target == "report-body"
    # Links are built from the page's own address, never from the request: a progress
    # mark or a refused form is a POST to another address, which answers a GET with 405.
    base_url = report_url(report) if can_edit else reverse("reports:shared", args=[report.share_token])
    # The owner's page shows the weekly e-mail's state (read with the report: access.owned_report).
    reminder = getattr(report, "reminder", None) if can_edit else None

    results = restore_with_progress(report, done)
    previous = report.previous if can_edit else None
    changes = compare(results, report.snapshot.get("levels", {}), previous.snapshot) if previous else None
    selected = results.select(track or None)
    context = {
        "report": report,
        "results": results,
        "selected": selected,
        "tab": tab,
        "compare_with": compare_with,
        "states": done,
        "state_choices": StepProgress.State.choices,
        "can_edit": can_edit,
        "form": form or (DetailsForm(instance=report) if can_edit else None),
        "email_form": email_form or (_email_form(request) if can_edit else None),
        "private_url": request.build_absolute_uri(report_url(report)),
        "share_url": request.build_absolute_uri(reverse("reports:shared", args=[report.share_token]))
        if report.share_token
        else None,
        "previous": previous,
        "changes": changes,
        "base_url": base_url,
        # A track chosen or a step marked with htmx swaps only the body: the calendar form
        # and the next step above the body follow it out of band.
        "calendar_oob": partial,
        "in_wechat": in_wechat(request),
    } | reminders_context(report, results, selected, done, reminder)

    template = "reports/report.html" + ("#report-body" if partial else "")
    return render(request, template, context, status=status)


def reminders_context(report: Report, results, selected, done: dict[str, str], reminder) -> dict:
    """What the calendar and weekly e-mail controls (reports/includes/reminders.html) need."""
    return {
        "calendar": calendar_bounds(),
        "calendar_todo": sum(done.get(s.slug) not in FINISHED for s in selected.steps) if selected else 0,
        "reminder": reminder,
        # The e-mail follows the track the report opens on, whatever track is in view.
        "reminder_track": results.select(report.track or None),
    }
