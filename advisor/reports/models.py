"""Saved skill-gap reports: a frozen snapshot of the results plus the owner's progress on its steps."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# 32 random bytes: 256 bits, well above the 128 the private link needs.
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Report(models.Model):
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
    title = models.CharField(_("title"), max_length=120)
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    catalogue_version = models.PositiveIntegerField(_("catalogue version"), null=True, blank=True)
    # Everything the report shows, in both languages, so later catalogue edits never rewrite it.
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        # The admin's insights page: anonymised aggregates over assessments and reports.
        permissions = [("view_insights", _("Can view insights (anonymised aggregates)"))]

    def __str__(self) -> str:
        return self.title


class StepProgress(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        LEARNING = "learning", _("Learning")
        DONE = "done", _("Done")
        SKIPPED = "skipped", _("Skipped")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="progress")
    # Steps are named by slug: the snapshot, not the live catalogue, says what they are.
    step = models.SlugField(max_length=80)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(fields=["report", "step"], name="one_state_per_step"),
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "learning", "done", "skipped"]), name="progress_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.state}"
