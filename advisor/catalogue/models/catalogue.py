"""What admins edit: tracks, skills, the skill mapping, questions and steps."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from advisor.catalogue.models.base import MAX_LEVEL, order_field, slug_field, text_pair
from advisor.i18n import Translated


class ProficiencyLevel(models.Model):
    level = models.PositiveSmallIntegerField(_("level"), unique=True, validators=[MaxValueValidator(MAX_LEVEL)])
    label_en, label_zh = text_pair(_("name"))
    description_en, description_zh = text_pair(_("description"), long=True)
    label = Translated()
    description = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["level"]
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        constraints = [models.CheckConstraint(condition=Q(level__lte=MAX_LEVEL), name="level_in_scale")]

    def __str__(self) -> str:
        return f"{self.level} · {self.label}"


class Theme(models.Model):
    """A questionnaire section that groups skill questions."""

    slug = slug_field()
    position = order_field()
    name_en, name_zh = text_pair(_("name"))
    intro_en, intro_zh = text_pair(_("introduction"), blank=True, long=True)
    name = Translated()
    intro = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.name)


class TrackQuerySet(models.QuerySet):
    def with_requirements(self) -> TrackQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "requirements", queryset=Requirement.objects.select_related("skill").order_by("-importance")
            )
        )

    def left_without_essential(self, changes: dict[int, tuple[int, bool] | None]) -> list[Track]:
        """The tracks of this queryset that would have no essential requirement once
        the requirements in `changes` (by pk) move to (track id, essential), or are
        deleted (None). New requirements are given under pks that do not exist."""
        essential: dict[int, set[int]] = {pk: set() for pk in self.values_list("pk", flat=True)}
        rows = {
            pk: (track, ess)
            for pk, track, ess in Requirement.objects.filter(track__in=self).values_list("pk", "track_id", "essential")
        }
        rows |= changes
        for pk, row in rows.items():
            if row is not None and row[1] and row[0] in essential:
                essential[row[0]].add(pk)
        return [track for track in self if not essential[track.pk]]


class Track(models.Model):
    class Kind(models.TextChoices):
        PROMOTION = "promotion", _("Promotion")
        OPERATION = "operation", _("Operation")

    slug = slug_field()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = order_field()
    name_en, name_zh = text_pair(_("name"))
    focus_en, focus_zh = text_pair(_("focus"))
    description_en, description_zh = text_pair(_("description"), long=True)
    advice_product_led_en, advice_product_led_zh = text_pair(_("advice in a product-led company"), blank=True)
    advice_marketing_led_en, advice_marketing_led_zh = text_pair(_("advice in a marketing-led company"), blank=True)
    # One item a line: the evidence a hiring manager for this track wants to see.
    portfolio_en, portfolio_zh = text_pair(_("portfolio checklist"), blank=True, long=True)
    name = Translated()
    focus = Translated()
    description = Translated()
    advice_product_led = Translated()
    advice_marketing_led = Translated()
    portfolio = Translated()

    objects = TrackQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["promotion", "operation"]), name="track_kind_valid")
        ]

    def __str__(self) -> str:
        return str(self.name)


class CompanyType(models.TextChoices):
    """The kinds of company the articles say change which track pays better.
    They are the values of the company-type context question's choices; any
    other answer ("not sure") favours neither side."""

    PRODUCT_LED = "product-led", _("Product-led")
    MARKETING_LED = "marketing-led", _("Marketing-led")

    @classmethod
    def parse(cls, value: str | None) -> CompanyType | None:
        return cls(value) if value in cls.values else None

    @property
    def favoured_kind(self) -> str:
        """A product-led company tends to value operation more, a marketing-led one promotion."""
        return Track.Kind.OPERATION if self is CompanyType.PRODUCT_LED else Track.Kind.PROMOTION


class Skill(models.Model):
    slug = slug_field()
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="skills", verbose_name=_("theme"))
    position = order_field()
    name_en, name_zh = text_pair(_("name"))
    description_en, description_zh = text_pair(_("description"), blank=True, long=True)
    name = Translated()
    description = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return str(self.name)

    def requiring_tracks(self) -> list[Track]:
        return list(Track.objects.filter(requirements__skill=self).distinct())


class Requirement(models.Model):
    """The skill mapping: how much a track needs a skill (O*NET importance × level)."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("track"))
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("skill"))
    importance = models.PositiveSmallIntegerField(
        _("importance"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (minor) to 5 (central)"),
    )
    target = models.PositiveSmallIntegerField(
        _("target level"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)],
        help_text=_("The proficiency level (1–4) the track expects."),
    )
    essential = models.BooleanField(_("essential"), default=False)
    # Why the weight is what it is, when the job postings (docs/market) changed it or
    # disagree with it: the postings behind it, by id.
    source = models.CharField(_("source note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["track__position", "-importance", "skill__position"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(fields=["track", "skill"], name="one_requirement_per_track_skill"),
            models.CheckConstraint(condition=Q(importance__gte=1, importance__lte=5), name="importance_1_to_5"),
            models.CheckConstraint(condition=Q(target__gte=1, target__lte=MAX_LEVEL), name="target_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.track} · {self.skill}"


class ContextQuestion(models.Model):
    """ "About you" questions. The slug says what the answer is used for."""

    class Use(models.TextChoices):
        CURRENT_ROLE = "current_role", _("Current role")
        YEARS = "years", _("Years of experience")
        COMPANY_TYPE = "company_type", _("Company type")
        HOURS_PER_WEEK = "hours_per_week", _("Hours per week for learning")
        SELLS_ONLINE = "sells_online", _("Works with an online shop")
        GOAL = "goal", _("Where the person wants to go")
        COMPANY_SIZE = "company_size", _("Company size")

    slug = models.SlugField(
        _("what the answer is used for"),
        unique=True,
        choices=Use.choices,
        help_text=_("The advisor reads each of these answers for one purpose; each purpose has one question."),
    )
    position = order_field()
    text_en, text_zh = text_pair(_("question"))
    help_en, help_zh = text_pair(_("help text"), blank=True)
    text = Translated()
    help = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("about-you question")
        verbose_name_plural = _("about-you questions")

    def __str__(self) -> str:
        return str(self.text)


class ContextChoice(models.Model):
    question = models.ForeignKey(ContextQuestion, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField(
        _("stored value"),
        max_length=40,
        help_text=_(
            "The short code saved with each answer and named by questions that are asked only sometimes: "
            "lower-case letters, digits and hyphens."
        ),
    )
    position = order_field()
    label_en, label_zh = text_pair(_("answer"))
    number = models.PositiveSmallIntegerField(
        _("hours or years"),
        null=True,
        blank=True,
        help_text=_("For an answer about time: the hours or years it means."),
    )
    track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("track")
    )
    label = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("about-you answer")
        verbose_name_plural = _("about-you answers")
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="one_context_choice_per_value")]

    def __str__(self) -> str:
        return str(self.label)


class Question(models.Model):
    """Measures one skill through five behavioural choices, one per level."""

    slug = slug_field()
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="questions", verbose_name=_("skill"))
    position = order_field()
    text_en, text_zh = text_pair(_("question"))
    help_en, help_zh = text_pair(_("help text"), blank=True)
    # The skip rule lives in the catalogue: ask only when a context answer is one of these values.
    skip_unless_question = models.ForeignKey(
        ContextQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ask only when this about-you question"),
    )
    skip_unless_values = models.JSONField(_("has one of these answers"), default=list, blank=True)
    text = Translated()
    help = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["skill__theme__position", "skill__position", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return str(self.text)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    level = models.PositiveSmallIntegerField(_("level"), validators=[MaxValueValidator(MAX_LEVEL)])
    label_en, label_zh = text_pair(_("behaviour"))
    label = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "level"]
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "level"], name="one_choice_per_level"),
            models.CheckConstraint(condition=Q(level__lte=MAX_LEVEL), name="choice_level_in_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.level} · {self.label}"


class Step(models.Model):
    """A transition step: what to learn or do to raise one skill to `reaches`."""

    slug = slug_field(max_length=80)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="steps", verbose_name=_("skill"))
    reaches = models.PositiveSmallIntegerField(
        _("reaches level"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LEVEL)],
        help_text=_("The level this step brings a learner to."),
    )
    effort_hours = models.PositiveSmallIntegerField(_("effort in hours"), validators=[MinValueValidator(1)])
    title_en, title_zh = text_pair(_("title"))
    practice_en, practice_zh = text_pair(_("how to practise"), long=True)
    evidence_en, evidence_zh = text_pair(_("evidence it produces"), blank=True)
    work_access_en, work_access_zh = text_pair(
        _("if it needs access at work: the alternative"),
        blank=True,
        long=True,
    )
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="unlocks", verbose_name=_("prerequisites")
    )
    title = Translated()
    practice = Translated()
    evidence = Translated()
    work_access = Translated()

    history = HistoricalRecords(m2m_fields=[prerequisites])

    class Meta:
        ordering = ["skill__position", "reaches", "slug"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.CheckConstraint(condition=Q(reaches__gte=1, reaches__lte=MAX_LEVEL), name="step_reaches_1_to_4"),
            models.CheckConstraint(condition=Q(effort_hours__gte=1), name="step_effort_positive"),
        ]

    def __str__(self) -> str:
        return str(self.title)


class Resource(models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="resources")
    position = order_field()
    title_en, title_zh = text_pair(_("title"))
    url = models.URLField(_("address"))
    language = models.CharField(
        _("language of the page"),
        max_length=4,
        choices=[("en", _("English")), ("zh", _("Chinese")), ("both", _("Both"))],
        default="en",
    )
    title = Translated()

    history = HistoricalRecords()

    class Meta:
        ordering = ["step", "position"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return str(self.title)
