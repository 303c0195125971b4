"""Saved skill-gap reports: a frozen snapshot of the results plus the owner's progress on its steps."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.catalogue.models import ContextQuestion
from advisor.questionnaire import snapshot
from advisor.questionnaire.compute import results_of
from advisor.questionnaire.models import Assessment, ContextAnswer
from advisor.reports import standings

# 32 random bytes: 256 bits, well above the 128 the private link needs.
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class NotFinished(Exception):
    """Only a finished questionnaire has results to save."""


class AlreadySaved(Exception):
    """These results are saved already; `report` is the report they are in."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.token)
        self.report = report


class ReportQuerySet(models.QuerySet):
    def create_from(self, assessment: Assessment, user=None, track: str = "") -> Report:
        """Freeze a finished assessment's results into a new report, owned by
        `user` or else by the assessment's account, if any, named after and
        opening on `track` (the one the person was looking at), or else the
        recommendation. Raises NotFinished, or AlreadySaved when they were
        saved before (also by a second click that raced this one)."""
        if not assessment.is_finished:
            raise NotFinished
        user = user if user is not None else assessment.user
        # Known already when the assessment was read with its report's link (session.owned_assessment).
        if assessment.saved_report_token() and (
            existing := self.filter(assessment=assessment).defer("snapshot").first()
        ):
            raise AlreadySaved(existing)
        frozen = results_of(assessment)
        results = snapshot.restore(frozen)
        viewed = results.get(track) if track else None
        top = viewed or results.recommendation or (results.tracks[0] if results.tracks else None)
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        title = f"{top.track.name} · {today}" if top else _("Skill-gap report · %(date)s") % {"date": today}
        previous = self.filter(assessment_id=assessment.previous_id).first() if assessment.previous_id else None
        previous = previous if previous and previous.user_id == (user.pk if user else None) else None
        try:
            with transaction.atomic():
                report = self.create(
                    assessment=assessment,
                    user=user,
                    # A retake compares with the report before it, if the same person owns it.
                    previous=previous,
                    title=title[:120],
                    track=viewed.track.slug if viewed else "",
                    catalogue_version=assessment.catalogue_version,
                    snapshot=frozen,
                )
                if previous is not None:
                    report.carry_progress_from(previous)
                    # The weekly e-mail follows the person to the retake, the report they now work from.
                    Reminder.objects.filter(report=previous).update(report=report)
                return report
        except IntegrityError:
            raise AlreadySaved(self.get(assessment=assessment)) from None

    def claim(self, tokens: list[str], user) -> int:
        """Give the anonymous reports among `tokens` to `user` (on sign-up or log-in)."""
        return self.filter(token__in=tokens, user__isnull=True).update(user=user)

    def uncount(self) -> int:
        """Take these reports out of the weekly counts in a few queries, whatever their
        number, and mark them uncounted, so deleting them next does not take them away
        twice (the pre_delete signal does it one report at a time). Returns how many."""
        with transaction.atomic():
            counted = self.filter(counted=True).select_for_update()
            saved = [standings.Saved(*row) for row in counted.order_by("pk").values_list(*standings.FIELDS)]
            if saved:
                standings.count(WeeklyCount, ContextAnswer, saved, ContextQuestion.Use.CURRENT_ROLE, -1)
                Report.objects.filter(pk__in=[r.pk for r in saved]).update(counted=False)
        return len(saved)

    def saved_levels(self) -> list[dict[str, int]]:
        """Every saved report's skill levels, for the admin's impact preview."""
        return [levels or {} for levels in self.order_by().values_list("snapshot__levels", flat=True)]


class Report(models.Model):
    class Sharing(models.TextChoices):
        CREATE = "create"
        REGENERATE = "regenerate"
        REVOKE = "revoke"

    # The private link: whoever holds it owns the report until an account claims it.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The read-only share link; None when sharing is off.
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    assessment = models.OneToOneField(
        "questionnaire.Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="report"
    )
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(gettext_lazy("title"), max_length=120)
    # The track the person was looking at when they saved: the report opens on it.
    track = models.SlugField(gettext_lazy("track"), max_length=80, blank=True)
    notes = models.TextField(gettext_lazy("notes"), blank=True, max_length=5000)
    created_at = models.DateTimeField(gettext_lazy("saved"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    catalogue_version = models.PositiveIntegerField(gettext_lazy("catalogue version"), null=True, blank=True)
    # Everything the report shows, in both languages, so later catalogue edits never rewrite it.
    snapshot = models.JSONField()
    # Whether its numbers are in the insights page's weekly counts (backfill_insights counts the rest).
    counted = models.BooleanField(default=False, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("report")
        verbose_name_plural = gettext_lazy("reports")
        # The admin's insights page: anonymised aggregates over assessments and reports.
        permissions = [("view_insights", gettext_lazy("Can view insights (anonymised aggregates)"))]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """A new report also adds to the weekly counts (standings.py), in the same transaction."""
        if not self._state.adding:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            self.counted = True
            super().save(*args, **kwargs)
            self.count(+1)

    def count(self, sign: int) -> None:
        """Add this report to the weekly counts, or (sign -1, when it is deleted) take it away."""
        snap = self.snapshot or {}
        saved = standings.Saved(
            self.pk, self.created_at, self.assessment_id, snap.get("tracks"), snap.get("current_role")
        )
        standings.count(WeeklyCount, ContextAnswer, [saved], ContextQuestion.Use.CURRENT_ROLE, sign)

    def set_sharing(self, action: str) -> None:
        """Turn the read-only link on, renew it (the old one stops working) or turn it off."""
        self.share_token = None if self.Sharing(action) is self.Sharing.REVOKE else new_token()
        self.save(update_fields=["share_token", "updated_at"])

    def carry_progress_from(self, previous: Report) -> None:
        """A retake keeps what was done or skipped: the same steps, in this report, start in that state."""
        kept = (StepProgress.State.DONE, StepProgress.State.SKIPPED)
        steps = set(self.snapshot.get("steps", {}))
        carried = previous.progress.filter(state__in=kept).values_list("step", "state")
        StepProgress.objects.bulk_create(
            StepProgress(report=self, step=step, state=state) for step, state in carried if step in steps
        )

    def reset_progress(self) -> None:
        self.progress.all().delete()

    def states(self) -> dict[str, str]:
        """Step slug → its state, for the steps that have one."""
        return dict(self.progress.values_list("step", "state"))


class StaleState(Exception):
    """The step's state changed since the page showing it was loaded."""


class StepProgress(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", gettext_lazy("Pending")
        LEARNING = "learning", gettext_lazy("Learning")
        DONE = "done", gettext_lazy("Done")
        SKIPPED = "skipped", gettext_lazy("Skipped")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="progress")
    # Steps are named by slug: the snapshot, not the live catalogue, says what they are.
    step = models.SlugField(max_length=80)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("step progress")
        verbose_name_plural = gettext_lazy("step progress")
        constraints = [
            models.UniqueConstraint(fields=["report", "step"], name="one_state_per_step"),
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "learning", "done", "skipped"]), name="progress_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.state}"

    @classmethod
    def transition(cls, report: Report, step: str, was: str, to: str) -> StepProgress:
        """Move a step from `was` to `to`. Raises StaleState when it is no longer
        in `was`: a stale tab or a second click must not undo someone's change."""
        with transaction.atomic():
            row, _created = cls.objects.select_for_update().get_or_create(report=report, step=step)
            if row.state != was:
                raise StaleState
            row.state = to
            row.save(update_fields=["state", "updated_at"])
        return row


class WeeklyCount(models.Model):
    """A running count for the insights page, per week (standings.py): reports saved,
    reports per track with their summed readiness, gaps per track and skill, and
    first-ranked tracks per current role (a choice value such as "seo"). Saving a
    report adds to them and deleting it takes away, in the same transaction.
    Nothing here says who a report belongs to, nor which report it was."""

    class Kind(models.TextChoices):
        SAVED = standings.SAVED
        TRACK = standings.TRACK
        GAP = standings.GAP
        BEST = standings.BEST
        STARTED = standings.STARTED  # purged questionnaires only: the live ones are counted from their rows
        FINISHED = standings.FINISHED

    kind = models.CharField(max_length=8, choices=Kind.choices)
    week = models.DateField()  # the Monday of the week the reports were saved
    track = models.SlugField(max_length=80, blank=True)
    skill = models.SlugField(max_length=80, blank=True)
    role = models.CharField(max_length=80, blank=True)
    reports = models.IntegerField(default=0)
    readiness = models.FloatField(default=0)  # summed over the reports (TRACK rows only)

    class Meta:
        verbose_name = gettext_lazy("weekly count")
        verbose_name_plural = gettext_lazy("weekly counts")
        constraints = [
            # Also the index the page reads: one kind, a range of weeks.
            models.UniqueConstraint(fields=["kind", "week", "track", "skill", "role"], name="one_count_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.week} {self.track} {self.skill} {self.role}: {self.reports}"


class ReminderQuerySet(models.QuerySet):
    def due(self, week_start: datetime.datetime) -> ReminderQuerySet:
        """Those not sent since `week_start`, the Monday the current week began."""
        return self.filter(models.Q(last_sent_at__isnull=True) | models.Q(last_sent_at__lt=week_start))


class Reminder(models.Model):
    """A weekly e-mail with a report's next step, which the account owning it asked for."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="reminder")
    # The language the person read the report in when asking: the e-mails are written in it.
    language = models.CharField(max_length=10)
    # The scheme and host they asked on: the e-mails' links point there (as password-reset links do).
    site = models.CharField(max_length=200)
    # Named by the unsubscribe link, signed: a new reminder gets a new key, so an old link is stale.
    key = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("weekly reminder")
        verbose_name_plural = gettext_lazy("weekly reminders")

    def __str__(self) -> str:
        return f"{self.report_id}: {self.language}"

    @classmethod
    def start(cls, report: Report, language: str, site: str) -> tuple[Reminder, bool]:
        """Turn the weekly e-mail on (a second click changes nothing but the language)."""
        reminder, created = cls.objects.get_or_create(report=report, defaults={"language": language, "site": site})
        if not created and (reminder.language, reminder.site) != (language, site):
            reminder.language, reminder.site = language, site
            reminder.save(update_fields=["language", "site"])
        return reminder, created

    @classmethod
    def stop(cls, report: Report) -> bool:
        """Turn it off; False when it was off already."""
        deleted, _rows = cls.objects.filter(report=report).delete()
        return bool(deleted)
