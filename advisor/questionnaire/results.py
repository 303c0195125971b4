"""What the results page and a saved report show: frozen, plain objects.

`compute` builds them from live answers and the catalogue; a saved report's
`restore` builds the very same objects from its snapshot, so the two pages
share their templates and can never drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor import scoring
from advisor.catalogue.models import CompanyType, Track
from advisor.i18n import Text

CHART_ROW = 40
CHART_LEFT = 8
CHART_BAR = 340


@dataclass(frozen=True)
class SkillInfo:
    slug: str
    name: Text


@dataclass(frozen=True)
class Link:
    title: Text
    url: str


@dataclass(frozen=True)
class StepInfo:
    slug: str
    skill: SkillInfo
    reaches: int
    effort_hours: int
    title: Text
    practice: Text
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class TrackInfo:
    slug: str
    kind: str
    name: Text
    description: Text
    advice_product_led: Text = Text()
    advice_marketing_led: Text = Text()

    @property
    def kind_label(self) -> str:
        return str(Track.Kind(self.kind).label) if self.kind in Track.Kind.values else self.kind

    def advice_for(self, company: CompanyType | None) -> Text | None:
        """What this track means in the person's kind of company, when the catalogue says."""
        advice = {
            CompanyType.PRODUCT_LED: self.advice_product_led,
            CompanyType.MARKETING_LED: self.advice_marketing_led,
        }.get(company)
        return advice or None


@dataclass(frozen=True)
class SkillRow:
    skill: SkillInfo
    level: int
    target: int
    importance: int
    essential: bool
    gap: int
    earned: float
    missing: float


@dataclass(frozen=True)
class TrackView:
    track: TrackInfo
    readiness: float
    band: str
    rows: tuple[SkillRow, ...]  # every required skill, biggest effect on the score first
    gaps: tuple[str, ...]  # skill slugs below target, largest weighted gap first
    steps: tuple[StepInfo, ...]
    total_hours: int
    weeks: int | None
    is_current_role: bool
    favoured: bool  # the person's company type tends to reward this kind of track
    advice: Text | None = None  # the track's advice for the person's company type
    progress: int | None = None  # percent of steps done or skipped, on saved reports

    @property
    def percent(self) -> int:
        return round(self.readiness)

    @property
    def gap_rows(self) -> list[SkillRow]:
        by_skill = {r.skill.slug: r for r in self.rows}
        return [by_skill[slug] for slug in self.gaps]

    @property
    def raised(self) -> list[SkillRow]:
        return sorted((r for r in self.rows if r.earned > 0), key=lambda r: -r.earned)

    @property
    def lowered(self) -> list[SkillRow]:
        return sorted((r for r in self.rows if r.missing > 0), key=lambda r: -r.missing)

    @property
    def critical(self) -> list[SkillRow]:
        return [r for r in self.gap_rows if r.essential and r.target - r.level >= scoring.CRITICAL_SHORTFALL]

    @property
    def why(self) -> str:
        """One sentence on why the track scored as it did."""
        strong = [r.skill.name for r in self.raised[:2]]
        weak = self.critical[:1] or self.lowered[:1]
        if not strong:
            return _("None of the skills this track needs are in place yet; start with %(skill)s.") % {
                "skill": weak[0].skill.name if weak else "—"
            }
        if not weak:
            return _("Every skill this track needs is at or above its target.")
        return ngettext(
            "%(strong)s carries this score; %(weak)s holds it back most.",
            "%(strong)s carry this score; %(weak)s holds it back most.",
            len(strong),
        ) % {"strong": _(" and ").join(str(s) for s in strong), "weak": weak[0].skill.name}

    def chart(self) -> dict[str, Any]:
        """Coordinates for the level-against-target SVG chart: a label line, then a bar, per skill."""
        unit = CHART_BAR / 4
        bars = [
            {
                "y": i * CHART_ROW,
                "label": r.skill.name,
                "level": r.level,
                "target": r.target,
                "width": max(r.level * unit, 2),
                "target_x": CHART_LEFT + r.target * unit,
                "short": r.level < r.target,
                "essential": r.essential,
            }
            for i, r in enumerate(sorted(self.rows, key=lambda r: (-r.importance, str(r.skill.name))))
        ]
        return {
            "bars": bars,
            "height": len(bars) * CHART_ROW + 22,
            "width": CHART_LEFT + CHART_BAR + 12,
            "left": CHART_LEFT,
            "ticks": [{"x": CHART_LEFT + n * unit, "n": n} for n in range(5)],
        }


@dataclass(frozen=True)
class Results:
    tracks: tuple[TrackView, ...]  # most ready first
    company_type: str | None
    hours_per_week: int | None
    current_track: str | None

    def get(self, slug: str | None) -> TrackView | None:
        return next((t for t in self.tracks if t.track.slug == slug), None)

    def select(self, slug: str | None) -> TrackView | None:
        """The track asked for, or the most ready one when the slug is missing or unknown."""
        return self.get(slug) or (self.tracks[0] if self.tracks else None)

    @property
    def best_move(self) -> TrackView | None:
        """The most ready track on the other side (promotion ⇄ operation) from the person's current role."""
        current = self.get(self.current_track)
        if current is None:
            return None
        return next((t for t in self.tracks if t.track.kind != current.track.kind), None)

    @property
    def company_note(self) -> str | None:
        """What the person's kind of company means for promotion against operation."""
        company = CompanyType.parse(self.company_type)
        if company is CompanyType.PRODUCT_LED:
            return _(
                "You work in a product-led company. There, operation roles tend to be valued and paid better "
                "than promotion, so an operation track is usually the better long-term bet."
            )
        if company is CompanyType.MARKETING_LED:
            return _(
                "You work in a marketing-led company. There, promotion tends to be valued and paid better "
                "than operation, so deepening promotion skills can pay off more than switching."
            )
        return None


def ranked(views: list[TrackView]) -> tuple[TrackView, ...]:
    """Most ready first; ties keep the order they came in (catalogue order)."""
    return tuple(sorted(views, key=lambda v: -v.readiness))
