"""Saved reports: save, read, edit, track progress, share, retake, delete."""

from __future__ import annotations

import functools
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advisor.catalogue.models import CatalogueVersion
from advisor.problems import Problem, refuses
from advisor.questionnaire import flow as flows
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.results import compute, skill_levels
from advisor.questionnaire.views import owned_assessment
from advisor.questionnaire.views import remember as remember_assessment
from advisor.reports import access, snapshot
from advisor.reports.forms import DetailsForm, StepStateForm
from advisor.reports.models import Report, StepProgress, new_token
from advisor.reports.progress import compare, restore_with_progress, states


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


def report_url(report: Report) -> str:
    return reverse("reports:detail", args=[report.token])


def already_saved(report: Report) -> Problem:
    return Problem(
        409,
        _("Already saved"),
        _("This result is already saved as a report."),
        [(report_url(report), _("Open my report"))],
    )


@require_POST
@refuses
def save(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = owned_assessment(request, pk)
    if not assessment.is_finished:
        raise Problem(409, _("Not finished yet"), _("Finish the questionnaire before saving its report."))
    existing = Report.objects.filter(assessment=assessment).only("token").first()
    if existing is not None:
        raise already_saved(existing)
    flow = flows.load(assessment)
    results = compute(flow)
    top = results.tracks[0] if results.tracks else None
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    title = f"{top.track.name} · {today}" if top else _("Skill-gap report · %(date)s") % {"date": today}
    previous = Report.objects.filter(assessment_id=assessment.previous_id).first() if assessment.previous_id else None
    user = request.user if request.user.is_authenticated else assessment.user
    try:
        with transaction.atomic():
            report = Report.objects.create(
                assessment=assessment,
                user=user,
                previous=previous if previous and previous.user_id == (user.pk if user else None) else None,
                title=title[:120],
                catalogue_version=CatalogueVersion.current().number,
                snapshot=snapshot.take(results, skill_levels(flow)),
            )
    except IntegrityError:
        # Two clicks raced past the check above; the first one won.
        raise already_saved(Report.objects.get(assessment=assessment)) from None
    if report.user_id is None:
        access.remember(request, report)
        messages.success(request, _("Saved. Keep the private link below: it is the only key to this report."))
    else:
        messages.success(request, _("Saved to your reports."))
    return redirect(report_url(report))


def _render(
    request: HttpRequest, report: Report, *, can_edit: bool, status: int = 200, form=None, track: str | None = None
) -> HttpResponse:
    done = states(report)
    results = restore_with_progress(report, done)
    selected = results.select(track or request.GET.get("track"))
    previous = report.previous if can_edit else None
    changes = compare(results, report.snapshot.get("levels", {}), previous.snapshot) if previous else None
    context = {
        "report": report,
        "results": results,
        "selected": selected,
        "tab": "explain" if request.GET.get("view") == "explain" else "plan",
        "states": done,
        "state_choices": StepProgress.State.choices,
        "can_edit": can_edit,
        "form": form or (DetailsForm(instance=report) if can_edit else None),
        "private_url": request.build_absolute_uri(report_url(report)),
        "share_url": request.build_absolute_uri(reverse("reports:shared", args=[report.share_token]))
        if report.share_token
        else None,
        "previous": previous,
        "changes": changes,
        "base_url": request.path,
    }
    if request.htmx and request.htmx.target == "report-body":
        return render(request, "reports/report.html#report-body", context, status=status)
    return render(request, "reports/report.html", context, status=status)


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
        raise Problem(404, _("No such step"), _("This step is not part of this report. Nothing was changed."))
    form = StepStateForm(request.POST)
    if not form.is_valid():
        raise Problem(
            400, _("Unknown state"), _("A step can be pending, learning, done or skipped. Nothing was changed.")
        )
    with transaction.atomic():
        row, _created = StepProgress.objects.select_for_update().get_or_create(report=report, step=step)
        if row.state != form.cleaned_data["was"]:
            raise Problem(
                409,
                _("This step changed meanwhile"),
                _("It was updated in another tab or by a second click. Reload the report to see its current state."),
                [(report_url(report), _("Reload the report"))],
            )
        row.state = form.cleaned_data["state"]
        row.save(update_fields=["state", "updated_at"])
    track = request.POST.get("track", "")
    if request.htmx:
        return _render(request, report, can_edit=True, track=track)
    url = report_url(report)
    return redirect(f"{url}?track={track}#step-{step}" if track else f"{url}#step-{step}")


@require_http_methods(["GET", "POST"])
@with_report
def reset(request: HttpRequest, report: Report) -> HttpResponse:
    if request.method == "POST":
        report.progress.all().delete()
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


@require_POST
@with_report
def share(request: HttpRequest, report: Report) -> HttpResponse:
    action = request.POST.get("action")
    if action not in {"create", "regenerate", "revoke"}:
        raise Problem(
            400, _("Unknown action"), _("Sharing can be turned on, renewed or turned off. Nothing was changed.")
        )
    report.share_token = None if action == "revoke" else new_token()
    report.save(update_fields=["share_token", "updated_at"])
    messages.success(
        request,
        {
            "create": _("Read-only link created. Anyone with it can read this report, not change it."),
            "regenerate": _("New read-only link created; the old one no longer works."),
            "revoke": _("Sharing is off; the read-only link no longer works."),
        }[action],
    )
    return redirect(report_url(report) + "#share")


@require_POST
@with_report
def retake(request: HttpRequest, report: Report) -> HttpResponse:
    """A new questionnaire, prefilled with the answers behind this report."""
    user = request.user if request.user.is_authenticated else None
    source = report.assessment
    # The answers behind the report may be gone (assessments can be deleted); then start afresh.
    new = source.copy(user=user) if source is not None else Assessment.objects.create(user=user)
    remember_assessment(request, new)
    messages.info(request, _("Your previous answers are filled in. Change what has changed, then finish."))
    return redirect("questionnaire:step", pk=new.pk, section=flows.ABOUT)


@require_GET
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    reports = list(request.user.reports.prefetch_related("progress"))
    rows = []
    for report in reports:
        results = restore_with_progress(report, {p.step: p.state for p in report.progress.all()})
        top = results.select(None)
        rows.append({"report": report, "top": top, "progress": top.progress if top else None})
    return render(request, "reports/list.html", {"rows": rows})
