"""One filling of the questionnaire, saved answer by answer."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.models import MAX_LEVEL, ContextChoice, ContextQuestion, Question


class AlreadyFinished(Exception):
    """A finished assessment's answers are final: it can be copied, not changed."""


class AssessmentQuerySet(models.QuerySet):
    def claim(self, ids: list[str], user) -> int:
        """Give the anonymous assessments among `ids` to `user` (on sign-up or log-in)."""
        return self.filter(pk__in=ids, user__isnull=True).update(user=user)

    def stale(self, before: datetime.datetime) -> AssessmentQuerySet:
        """Anonymous assessments nobody has touched since `before`: unfinished ones last
        answered before it, and finished ones whose results were never saved as a report.
        What an account owns, and whatever a report was saved from, is never stale."""
        idle = Q(finished_at__isnull=True, updated_at__lt=before) | Q(finished_at__lt=before)
        return self.filter(idle, user__isnull=True, report__isnull=True)


class Assessment(models.Model):
    # The primary key is random (122 bits) so an id in a URL cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last answer"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Deleting an account deletes its questionnaires and answers with it: nothing of theirs is left behind.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    # "Edit my answers" on a finished assessment starts a new one from a copy of it.
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Set when the person asked to answer the questions a skip rule left out.
    ask_everything = models.BooleanField(_("ask every question"), default=False)
    # The results, computed once at finish (questionnaire/snapshot.py's format), and
    # the catalogue version they came from: later catalogue edits do not change them.
    results = models.JSONField(_("results"), null=True, blank=True, editable=False)
    catalogue_version = models.PositiveIntegerField(_("catalogue version"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        # The insights page counts assessments started and finished per week, over a range of weeks.
        indexes = [
            models.Index(fields=["created_at"], name="assessment_started"),
            models.Index(fields=["finished_at"], name="assessment_finished"),
        ]

    def __str__(self) -> str:
        return str(self.id)

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def saved_report_token(self) -> str | None:
        """The private link of the report saved from these results, if there is one
        (read with the assessment by session.owned_assessment, or asked for now)."""
        if "saved_token" in self.__dict__:
            return self.saved_token
        return Assessment.objects.filter(pk=self.pk).values_list("report__token", flat=True).first()

    def save_answers(self, context: dict, levels: dict) -> None:
        """Store answers in two upserts. Raises AlreadyFinished, and stores nothing,
        once the assessment is finished (also when that happened a moment ago)."""
        with transaction.atomic():
            # Touching the row first takes its lock, so a finish cannot slip in between;
            # the new time also lets "continue where you left off" find the latest one.
            open_ = Assessment.objects.filter(pk=self.pk, finished_at__isnull=True)
            if not open_.update(updated_at=timezone.now()):
                raise AlreadyFinished
            ContextAnswer.objects.bulk_create(
                [ContextAnswer(assessment=self, question_id=q.pk, choice_id=c.pk) for q, c in context.items()],
                update_conflicts=True,
                unique_fields=["assessment", "question"],
                update_fields=["choice"],
            )
            Answer.objects.bulk_create(
                [Answer(assessment=self, question_id=q.pk, level=level) for q, level in levels.items()],
                update_conflicts=True,
                unique_fields=["assessment", "question"],
                update_fields=["level"],
            )

    def finish(self, results: dict, catalogue_version: int | None) -> None:
        """Make the answers final and keep the results computed from them.
        Raises AlreadyFinished on a second finish (a double click, another
        tab): one conditional UPDATE decides, so only one of them wins."""
        now = timezone.now()
        won = Assessment.objects.filter(pk=self.pk, finished_at__isnull=True).update(
            finished_at=now, results=results, catalogue_version=catalogue_version
        )
        if not won:
            raise AlreadyFinished
        self.finished_at, self.results, self.catalogue_version = now, results, catalogue_version

    def keep_results(self, results: dict, catalogue_version: int | None) -> None:
        """Store results computed late, for an assessment finished before they were kept."""
        self.results, self.catalogue_version = results, catalogue_version
        Assessment.objects.filter(pk=self.pk, results__isnull=True).update(
            results=results, catalogue_version=catalogue_version
        )

    def copy(self, user=None, *, ask_everything: bool = False) -> Assessment:
        """A new, unfinished assessment prefilled with these answers ("edit my answers",
        "retake"); `ask_everything` also asks the questions skip rules left out."""
        with transaction.atomic():
            new = Assessment.objects.create(
                previous=self, user=user, ask_everything=ask_everything or self.ask_everything
            )
            ContextAnswer.objects.bulk_create(
                ContextAnswer(assessment=new, question_id=a.question_id, choice_id=a.choice_id)
                for a in self.context_answers.all()
            )
            Answer.objects.bulk_create(
                Answer(assessment=new, question_id=a.question_id, level=a.level) for a in self.answers.all()
            )
        return new


class ContextAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="context_answers")
    question = models.ForeignKey(ContextQuestion, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(ContextChoice, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("context answer")
        verbose_name_plural = _("context answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_context_answer")]

    def __str__(self) -> str:
        return f"{self.question_id} → {self.choice_id}"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), validators=[MaxValueValidator(MAX_LEVEL)])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=Q(level__lte=MAX_LEVEL), name="answer_level_in_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} → {self.level}"
