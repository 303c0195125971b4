"""The questionnaire flow: one view and one template per page; htmx requests get
the page's named partial, plain requests the whole page. State changes are the
models' (Assessment.save_answers, Assessment.finish); views parse, call and render."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from advisor.catalogue import compiled
from advisor.limits import client_address, limited
from advisor.problems import Problem, refuses
from advisor.questionnaire import flow as flows
from advisor.questionnaire import session, snapshot
from advisor.questionnaire.compute import freeze, results_of
from advisor.questionnaire.flow import step_url
from advisor.questionnaire.forms import SectionForm
from advisor.questionnaire.models import AlreadyFinished, Assessment
from advisor.questionnaire.results import tab_of


def finished_problem(assessment: Assessment) -> Problem:
    return Problem(
        409,
        _("This questionnaire is already finished"),
        _(
            "Its answers are final, so the results you saw stay as they are. "
            "To change an answer, choose “Edit my answers”: that starts a new copy."
        ),
        [(reverse("questionnaire:results", args=[assessment.pk]), _("See my results"))],
    )


@require_http_methods(["GET", "POST"])
@limited("start", (client_address, "RATE_LIMIT_START"))
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # Logged in, the questionnaire is the account's at once: it resumes on any device.
        assessment = Assessment.objects.create(user=request.user if request.user.is_authenticated else None)
        session.remember(request, assessment)
        return redirect(step_url(assessment, flows.ABOUT))
    current = session.resumable(request)
    context = {
        "resume": current,
        "resume_url": flows.load(current).next_url() if current else None,
        "question_count": compiled.current().question_count,
    }
    return render(request, "questionnaire/start.html", context)


@require_http_methods(["GET", "POST"])
@refuses
def step(request: HttpRequest, pk: UUID, section: str) -> HttpResponse:
    assessment = session.owned_assessment(request, pk)
    if assessment.is_finished:
        if request.method == "GET":
            return redirect("questionnaire:results", pk=assessment.pk)
        raise finished_problem(assessment)
    flow = flows.load(assessment)
    current = _section(flow, section)
    if request.method == "GET":
        return _render_step(request, flow, current, SectionForm(current, flow))
    return _answer(request, flow, current)


@require_GET
@refuses
def resume(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Continue where the person left off: the first screen with a missing answer, or the review."""
    assessment = session.owned_assessment(request, pk)
    if assessment.is_finished:
        return redirect("questionnaire:results", pk=assessment.pk)
    return redirect(flows.load(assessment).next_url())


@require_GET
@refuses
def review(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = session.owned_assessment(request, pk)
    if assessment.is_finished:
        return redirect("questionnaire:results", pk=assessment.pk)
    return _render_review(request, flows.load(assessment))


@require_POST
@refuses
def finish(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = session.owned_assessment(request, pk)
    flow = flows.load(assessment)
    if flow.first_incomplete() is not None and not assessment.is_finished:
        error = _("Some questions are still unanswered. Please answer them first.")
        return _render_review(request, flow, status=422, error=error)
    try:
        assessment.finish(*freeze(flow))
    except AlreadyFinished:
        raise finished_problem(assessment) from None
    url = reverse("questionnaire:results", args=[assessment.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@require_POST
@limited("start", (client_address, "RATE_LIMIT_START"))  # a copy is a new questionnaire too
@refuses
def edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    """A finished assessment never changes: editing makes a new one from a copy of its answers."""
    original = session.owned_assessment(request, pk)
    # "Answer them": the questions the skip rules left out are asked this time.
    everything = request.POST.get("include") == "skipped"
    copy = original.copy(user=original.user, ask_everything=everything)
    session.remember(request, copy)
    return redirect(flows.load(copy).next_url() if everything else step_url(copy, flows.ABOUT))


@require_GET
@refuses
def results(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = session.owned_assessment(request, pk, with_results=True)
    if not assessment.is_finished:
        return redirect(flows.load(assessment).next_url())
    # Computed once, at finish: later catalogue edits do not change them. The page
    # is rendered on every request, from what was kept (nothing computed again).
    track = request.GET.get("track", "")[:80]
    tab = tab_of(request.GET.get("view"))
    outcome = snapshot.restore(results_of(assessment))
    context = {
        "assessment": assessment,
        "results": outcome,
        "selected": outcome.select(track or None),
        "tab": tab,
        "compare_with": request.GET.get("with", "")[:80] if tab == "compare" else "",
        "saved_token": assessment.saved_report_token(),
        # The page's own address: links in an htmx fragment must not depend on the request.
        "base_url": reverse("questionnaire:results", args=[assessment.pk]),
    }
    partial = request.htmx and request.htmx.target == "results-body"
    return render(request, "questionnaire/results.html" + ("#results-body" if partial else ""), context)


# --- helpers -------------------------------------------------------------------


def _section(flow: flows.Flow, slug: str) -> flows.Section:
    section = flow.section(slug)
    if section is None:
        raise Problem(
            404,
            _("No such step"),
            _("This step is not part of your questionnaire. Your answers so far are saved."),
            [(flow.next_url(), _("Continue where I left off"))],
        )
    return section


def _answer(request: HttpRequest, flow: flows.Flow, current: flows.Section) -> HttpResponse:
    """Save what a screen's form gives, then go back, stay (some answers missing) or go on."""
    form = SectionForm(current, flow, data=request.POST)
    _save(flow, form)
    if request.POST.get("language"):  # the header's language buttons: answers kept, same screen, new language
        return _switch_language(request, step_url(flow.assessment, current.slug))
    if request.POST.get("nav") == "back":
        return _go(request, flow, flow.neighbour(current, -1) or flow.sections[0])
    if not form.is_valid():
        return _render_step(request, flow, flow.section(current.slug) or flow.sections[0], form, status=422)
    if request.POST.get("nav") == "review":  # a prefilled copy: straight to the review, answers kept
        return _go_review(request, flow)
    following = flow.neighbour(current, +1)
    return _go(request, flow, following) if following else _go_review(request, flow)


def _switch_language(request: HttpRequest, url: str) -> HttpResponse:
    language = request.POST["language"]
    if language not in dict(settings.LANGUAGES):
        raise Problem(400, _("Unknown language"), _("This site speaks English and Chinese. Your answers are saved."))
    response = HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax")
    return response


def _save(flow: flows.Flow, form: SectionForm) -> None:
    """Store every valid answer of the screen, refusing answers that are not on it."""
    if form.unknown_fields():
        raise Problem(
            400,
            _("Unexpected answers"),
            _(
                "The form sent answers to questions that are not on this step, so nothing was saved from it. "
                "Please reload the page and answer again."
            ),
            [(step_url(flow.assessment, form.section.slug), _("Reload this step"))],
        )
    context, levels = form.answers()
    try:
        flow.assessment.save_answers(context, levels)
    except AlreadyFinished:
        raise finished_problem(flow.assessment) from None
    flow.record(context, levels)


def _render_step(request, flow: flows.Flow, section: flows.Section, form: SectionForm, status: int = 200):
    index = flow.index(section.slug) or 0
    total = len(flow.sections) + 1  # the review screen counts as the last step
    action = step_url(flow.assessment, section.slug)
    context = {
        "assessment": flow.assessment,
        "flow": flow,
        "section": section,
        "form": form,
        "step_number": index + 1,
        # The "About you" answers decide which screens follow (skip rules): the total is
        # shown from the next screen on, where it stays for as long as those answers do.
        "step_total": None if section.is_about else total,
        "percent": round(100 * index / total),
        "previous": flow.neighbour(section, -1),
        "action": action,
        "step_form": action,  # the header's language buttons send this form
    }
    template = "questionnaire/step.html#section" if request.htmx else "questionnaire/step.html"
    return render(request, template, context, status=status)


def _go(request: HttpRequest, flow: flows.Flow, section: flows.Section) -> HttpResponse:
    url = step_url(flow.assessment, section.slug)
    if not request.htmx:
        return redirect(url)
    return push_url(_render_step(request, flow, section, SectionForm(section, flow)), url)


def _go_review(request: HttpRequest, flow: flows.Flow) -> HttpResponse:
    url = reverse("questionnaire:review", args=[flow.assessment.pk])
    if not request.htmx:
        return redirect(url)
    return push_url(_render_review(request, flow), url)


def _render_review(request: HttpRequest, flow: flows.Flow, status: int = 200, error: str = "") -> HttpResponse:
    total = len(flow.sections) + 1
    context = {
        "assessment": flow.assessment,
        "flow": flow,
        "step_number": total,
        "step_total": total,
        "percent": round(100 * (total - 1) / total),
        "previous": flow.sections[-1],
        "missing": [s for s in flow.sections if not flow.is_complete(s)],
        "summary": flows.summary(flow),
        "error": error,
    }
    template = "questionnaire/review.html#section" if request.htmx else "questionnaire/review.html"
    return render(request, template, context, status=status)
