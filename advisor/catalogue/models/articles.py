"""What the advice rests on besides the skill mapping: the moves the source
articles describe (routes), the posts and market facts per track, and the
sources every one of them cites."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advisor.catalogue.models.base import MAX_LEVEL, order_field, slug_field, text_pair
from advisor.catalogue.models.catalogue import Skill, Track
from advisor.i18n import Translated


class CompanySize(models.TextChoices):
    """The values of the company-size question's choices. Under 20 people,
    operation and promotion are one job (the second source article)."""

    SMALL = "under-20", _("Under 20 people")
    MEDIUM = "20-200", _("20 to 200 people")
    LARGE = "over-200", _("Over 200 people")


class Seniority(models.TextChoices):
    ENTRY = "entry", _("Entry")
    MID = "mid", _("Mid-level")
    SENIOR = "senior", _("Senior")


class Source(models.Model):
    """Where a fact comes from: an article, a job posting, a report."""

    slug = slug_field(max_length=80)
    title_en, title_zh = text_pair(_("title"))
    url = models.URLField(_("address"), blank=True, help_text=_("Leave empty when the source has no public address."))
    published = models.CharField(
        _("published"), max_length=10, default="unknown", help_text=_("YYYY-MM-DD, YYYY-MM, YYYY or unknown.")
    )
    note_en, note_zh = text_pair(_("note"), blank=True)
    title = Translated()
    note = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return str(self.title)


class Route(models.Model):
    """A move the source articles describe, from a role or kind to a track or
    kind, optionally only at one company size. Its lead skills start the plan."""

    slug = slug_field(max_length=80)
    position = order_field()
    name_en, name_zh = text_pair(_("name"))
    from_kind = models.CharField(
        _("from tracks of this kind"),
        max_length=20,
        choices=Track.Kind.choices,
        blank=True,
        help_text=_("Empty: from anywhere."),
    )
    from_track = models.ForeignKey(
        Track, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("from track")
    )
    to_kind = models.CharField(
        _("to tracks of this kind"),
        max_length=20,
        choices=Track.Kind.choices,
        blank=True,
        help_text=_("Empty: to any kind."),
    )
    to_track = models.ForeignKey(
        Track, on_delete=models.CASCADE, null=True, blank=True, related_name="routes", verbose_name=_("to track")
    )
    company_size = models.CharField(
        _("company size"), max_length=20, choices=CompanySize.choices, blank=True, help_text=_("Empty: any size.")
    )
    advice_en, advice_zh = text_pair(_("advice"), long=True)
    evidence_en, evidence_zh = text_pair(_("evidence that proves the move"), long=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="routes", verbose_name=_("source"))
    name = Translated()
    advice = Translated()
    evidence = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")

    def __str__(self) -> str:
        return str(self.name)


class RouteLead(models.Model):
    """A skill a route starts the plan with. A track that does not require it
    still gets it in the plan, at this target and weight, outside the score."""

    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="leads")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+", verbose_name=_("skill"))
    position = order_field()
    target = models.PositiveSmallIntegerField(
        _("target level"), default=2, validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)]
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["route", "position"]
        verbose_name = _("lead skill")
        verbose_name_plural = _("lead skills")
        constraints = [
            models.UniqueConstraint(fields=["route", "skill"], name="one_lead_per_route_skill"),
            models.CheckConstraint(condition=Q(target__gte=1, target__lte=MAX_LEVEL), name="lead_target_1_to_4"),
            models.CheckConstraint(condition=Q(importance__gte=1, importance__lte=5), name="lead_importance_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.route} · {self.skill}"


class Post(models.Model):
    """A job title people apply for on a track, at one seniority."""

    slug = slug_field(max_length=80)
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="posts", verbose_name=_("track"))
    position = order_field()
    seniority = models.CharField(_("seniority"), max_length=10, choices=Seniority.choices)
    title_en, title_zh = text_pair(_("title"))
    note_en, note_zh = text_pair(_("what the post asks for"), blank=True, long=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="posts", verbose_name=_("source"))
    title = Translated()
    note = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["track__position", "position", "slug"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return str(self.title)


class MarketFact(models.Model):
    """One sourced fact about pay or demand, for one track or for all."""

    class Topic(models.TextChoices):
        PAY = "pay", _("Pay")
        COMPANY_TYPE = "company-type", _("Company type")
        DEMAND = "demand", _("Demand")

    slug = slug_field(max_length=80)
    track = models.ForeignKey(
        Track,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name=_("track"),
        help_text=_("Empty: true of every track."),
    )
    position = order_field()
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    seniority = models.CharField(
        _("seniority"), max_length=10, choices=Seniority.choices, blank=True, help_text=_("Empty: any seniority.")
    )
    text_en, text_zh = text_pair(_("fact"), long=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="facts", verbose_name=_("source"))
    text = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("market fact")
        verbose_name_plural = _("market facts")

    def __str__(self) -> str:
        return str(self.text)[:80]
