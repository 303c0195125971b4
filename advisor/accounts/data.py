"""Everything an account owns: what the person can download, and what deleting
the account deletes (assessments with their answers, reports with their
progress and weekly reminders; the foreign keys cascade, so the admin's delete
takes the same)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from advisor.questionnaire.models import Answer, Assessment, ContextAnswer
from advisor.reports.models import Report, StepProgress

# Bump when a field changes meaning or goes away; new fields do not need it.
FORMAT = 1
ACCOUNT_FIELDS = ("username", "email", "first_name", "last_name", "date_joined", "last_login")


def export(user, absolute: Callable[[str], str]) -> dict:
    """The account's data as plain JSON-ready values, in six queries however much
    there is. `absolute` turns a path into a full address (the request's host).
    The password hash, the weekly e-mail's unsubscribe key and every internal
    counter stay out; the person's own private and read-only links are theirs."""
    answers: dict[object, list[dict]] = defaultdict(list)
    rows = Answer.objects.filter(assessment__user=user).order_by("assessment_id", "question__position", "pk")
    for assessment, question, skill, level in rows.values_list(
        "assessment_id", "question__slug", "question__skill__slug", "level"
    ):
        answers[assessment].append({"question": question, "skill": skill, "level": level})
    context: dict[object, list[dict]] = defaultdict(list)
    rows = ContextAnswer.objects.filter(assessment__user=user).order_by("assessment_id", "question__position")
    for assessment, question, choice in rows.values_list("assessment_id", "question__slug", "choice__value"):
        context[assessment].append({"question": question, "choice": choice})
    assessments = [
        {
            "id": str(a.pk),
            "started_at": a.created_at,
            "last_answer_at": a.updated_at,
            "finished_at": a.finished_at,
            "edited_from": str(a.previous_id) if a.previous_id else None,
            "ask_every_question": a.ask_everything,
            "about_you": context.get(a.pk, []),
            "answers": answers.get(a.pk, []),
            "catalogue_version": a.catalogue_version,
            "results": a.results,
        }
        for a in Assessment.objects.filter(user=user).order_by("created_at", "pk")
    ]
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "account": {field: getattr(user, field) for field in ACCOUNT_FIELDS},
        "assessments": assessments,
        "reports": _reports(user, absolute),
    }


def _reports(user, absolute: Callable[[str], str]) -> list[dict]:
    progress: dict[int, list[dict]] = defaultdict(list)
    rows = StepProgress.objects.filter(report__user=user).order_by("report_id", "step")
    for report, step, state, updated in rows.values_list("report_id", "step", "state", "updated_at"):
        progress[report].append({"step": step, "state": state, "updated_at": updated})
    reports = list(Report.objects.filter(user=user).select_related("reminder").order_by("created_at", "pk"))
    tokens = {r.pk: r.token for r in reports}
    out = []
    for r in reports:
        reminder = getattr(r, "reminder", None)
        out.append(
            {
                "title": r.title,
                "link": absolute(reverse("reports:detail", args=[r.token])),
                "saved_at": r.created_at,
                "updated_at": r.updated_at,
                "opens_on_track": r.track or None,
                "notes": r.notes,
                "from_assessment": str(r.assessment_id) if r.assessment_id else None,
                # A retake's report compares with the one before it; named by its link, as above.
                "previous": absolute(reverse("reports:detail", args=[tokens[r.previous_id]]))
                if r.previous_id in tokens
                else None,
                "sharing": {
                    "on": r.share_token is not None,
                    "link": absolute(reverse("reports:shared", args=[r.share_token])) if r.share_token else None,
                },
                "weekly_email": None
                if reminder is None
                else {
                    "language": reminder.language,
                    "since": reminder.created_at,
                    "last_sent_at": reminder.last_sent_at,
                },
                "progress": progress.get(r.pk, []),
                "catalogue_version": r.catalogue_version,
                "snapshot": r.snapshot,
            }
        )
    return out


def erase(user) -> None:
    """Delete the account and everything it owns, in one transaction. Its reports
    leave the insights counts first, in a few queries; the rest cascades."""
    with transaction.atomic():
        Report.objects.filter(user=user).uncount()
        user.delete()
