"""The questionnaire flow: one view and one template per page; htmx requests get
the page's named partial, plain requests the whole page."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import push_url

from advisor.catalogue.models import ContextQuestion, Question
from advisor.problems import Problem, refuses
from advisor.questionnaire import flow as flows
from advisor.questionnaire.forms import SectionForm
from advisor.questionnaire.models import Answer, Assessment, ContextAnswer
from advisor.questionnaire.results import compute
from advisor.reports.models import Report

SESSION_KEY = "assessments"
REMEMBERED = 20


def remember(request: HttpRequest, assessment: Assessment) -> None:
    ids = [i for i in request.session.get(SESSION_KEY, []) if i != str(assessment.pk)]
    request.session[SESSION_KEY] = (ids + [str(assessment.pk)])[-REMEMBERED:]


def remembered(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def owned_assessment(request: HttpRequest, pk: UUID) -> Assessment:
    """The assessment, if this browser session started it; otherwise a 404 so ids cannot be probed."""
    if str(pk) in remembered(request):
        assessment = Assessment.objects.filter(pk=pk).first()
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


def step_url(assessment: Assessment, slug: str) -> str:
    return reverse("questionnaire:step", args=[assessment.pk, slug])


def next_url(flow: flows.Flow) -> str:
    section = flow.first_incomplete()
    if section is None:
        return reverse("questionnaire:review", args=[flow.assessment.pk])
    return step_url(flow.assessment, section.slug)


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        assessment = Assessment.objects.create()
        remember(request, assessment)
        return redirect(step_url(assessment, flows.ABOUT))
    current = resumable(request)
    return render(
        request,
        "questionnaire/start.html",
        {
            "resume": current,
            "resume_url": next_url(flows.load(current)) if current else None,
            "question_count": ContextQuestion.objects.count() + Question.objects.count(),
        },
    )


def _save(assessment: Assessment, flow: flows.Flow, section: flows.Section, form: SectionForm) -> None:
    """Store every valid answer of the section in two upserts, and mirror them into `flow`."""
    context, levels = form.valid_answers()
    chosen = {
        q.slug: (q, next(c for c in q.choices.all() if c.value == context[q.slug]))
        for q in section.context_questions
        if q.slug in context
    }
    given = {q.slug: (q, levels[q.slug]) for q in section.questions if q.slug in levels}
    with transaction.atomic():
        ContextAnswer.objects.bulk_create(
            [ContextAnswer(assessment=assessment, question=q, choice=c) for q, c in chosen.values()],
            update_conflicts=True,
            unique_fields=["assessment", "question"],
            update_fields=["choice"],
        )
        Answer.objects.bulk_create(
            [Answer(assessment=assessment, question=q, level=level) for q, level in given.values()],
            update_conflicts=True,
            unique_fields=["assessment", "question"],
            update_fields=["level"],
        )
        # Touch the assessment so "continue where you left off" finds the latest one.
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=timezone.now())
    flow.context.update({slug: c for slug, (_q, c) in chosen.items()})
    flow.levels.update({slug: level for slug, (_q, level) in given.items()})
    flow.rebuild()


def _render_step(request, flow: flows.Flow, section: flows.Section, form: SectionForm, status: int = 200):
    index = flow.index(section.slug) or 0
    total = len(flow.sections) + 1  # the review screen counts as the last step
    context = {
        "assessment": flow.assessment,
        "flow": flow,
        "section": section,
        "form": form,
        "step_number": index + 1,
        "step_total": total,
        "percent": round(100 * index / total),
        "previous": flow.sections[index - 1] if index > 0 else None,
        "action": step_url(flow.assessment, section.slug),
    }
    template = "questionnaire/step.html#section" if request.htmx else "questionnaire/step.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
@refuses
def step(request: HttpRequest, pk: UUID, section: str) -> HttpResponse:
    assessment = owned_assessment(request, pk)
    if assessment.is_finished:
        if request.method == "GET":
            return redirect("questionnaire:results", pk=assessment.pk)
        raise finished_problem(assessment)
    flow = flows.load(assessment)
    index = flow.index(section)
    if index is None:
        raise Problem(
            404,
            _("No such step"),
            _("This step is not part of your questionnaire. Your answers so far are saved."),
            [(next_url(flow), _("Continue where I left off"))],
        )
    current = flow.sections[index]
    if request.method == "GET":
        return _render_step(request, flow, current, SectionForm(current, flow))

    form = SectionForm(current, flow, data=request.POST)
    unknown = form.unknown_fields()
    if unknown:
        raise Problem(
            400,
            _("Unexpected answers"),
            _(
                "The form sent answers to questions that are not on this step, so nothing was saved from it. "
                "Please reload the page and answer again."
            ),
            [(step_url(assessment, current.slug), _("Reload this step"))],
        )
    _save(assessment, flow, current, form)
    if request.POST.get("nav") == "back":
        target = flow.sections[max(index - 1, 0)]
        return _go(request, flow, target)
    if not form.is_valid():
        return _render_step(request, flow, flow.sections[flow.index(current.slug) or 0], form, status=422)
    following = flow.index(current.slug)
    if following is not None and following + 1 < len(flow.sections):
        return _go(request, flow, flow.sections[following + 1])
    return _go_review(request, flow)


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


@require_GET
@refuses
def review(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = owned_assessment(request, pk)
    if assessment.is_finished:
        return redirect("questionnaire:results", pk=assessment.pk)
    return _render_review(request, flows.load(assessment))


@require_POST
@refuses
def finish(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = owned_assessment(request, pk)
    with transaction.atomic():
        # Lock the row so two clicks on "Finish" cannot both finish it.
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_finished:
            raise finished_problem(locked)
        flow = flows.load(locked)
        if flow.first_incomplete() is not None:
            return _render_review(
                request, flow, status=422, error=_("Some questions are still unanswered. Please answer them first.")
            )
        locked.finished_at = timezone.now()
        locked.save(update_fields=["finished_at"])
    url = reverse("questionnaire:results", args=[locked.pk])
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@require_POST
@refuses
def edit(request: HttpRequest, pk: UUID) -> HttpResponse:
    """A finished assessment never changes: editing makes a new one from a copy of its answers."""
    original = owned_assessment(request, pk)
    copy = original.copy(user=original.user)
    remember(request, copy)
    return redirect(step_url(copy, flows.ABOUT))


@require_GET
@refuses
def results(request: HttpRequest, pk: UUID) -> HttpResponse:
    assessment = owned_assessment(request, pk)
    if not assessment.is_finished:
        flow = flows.load(assessment)
        return redirect(next_url(flow))
    flow = flows.load(assessment)
    outcome = compute(flow)
    selected = outcome.select(request.GET.get("track"))
    tab = "explain" if request.GET.get("view") == "explain" else "plan"
    context = {
        "assessment": assessment,
        "results": outcome,
        "selected": selected,
        "tab": tab,
        "flow": flow,
        "saved": Report.objects.filter(assessment=assessment).only("token").first(),
        "base_url": request.path,
    }
    if request.htmx and request.htmx.target == "results-body":
        return render(request, "questionnaire/results.html#results-body", context)
    return render(request, "questionnaire/results.html", context)
