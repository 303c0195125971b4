"""What the results page and a saved report show: frozen, plain objects.

`compute` builds them from live answers and the catalogue; a saved report's
`restore` builds the very same objects from its snapshot, so the two pages
share their templates and can never drift apart. The words a person reads are
made here, at render time, in the active language (sentences.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.utils.translation import gettext_lazy

from advisor import scoring
from advisor.catalogue.compiled import Fact, Post, Resource, Source
from advisor.catalogue.models import CompanyType, Seniority, Track
from advisor.i18n import Text
from advisor.questionnaire import sentences

CHART_ROW = 40
CHART_LEFT = 8
CHART_BAR = 340


@dataclass(frozen=True)
class SkillInfo:
    slug: str
    name: Text


@dataclass(frozen=True)
class StepInfo:
    slug: str
    skill: SkillInfo
    reaches: int
    effort_hours: int
    title: Text
    practice: Text
    links: tuple[Resource, ...] = ()  # a resource's language is its page's: en, zh or both
    evidence: Text = Text()
    work_access: Text = Text()  # the alternative, when the step needs access at work
    prerequisites: tuple[str, ...] = ()  # step slugs; empty on reports saved before they were kept

    def links_in(self, lang: str) -> tuple[Resource, ...]:
        """The links worth showing on a page in `lang`: pages in that language first,
        the others only when there is none."""
        mine = tuple(link for link in self.links if link.language in (lang, "both"))
        return mine or self.links


@dataclass(frozen=True)
class RouteInfo:
    """A move the source articles describe, as it applies to this track."""

    slug: str
    name: Text
    advice: Text
    evidence: Text
    source: Source
    leads: tuple[str, ...] = ()  # skill slugs


@dataclass(frozen=True)
class PayInfo:
    seniority: str  # "" for every seniority together
    low: int  # CNY a month: the median of the postings' lowest figures
    high: int  # ... and of their highest
    postings: int
    tiers: tuple[str, ...] = ()  # city tiers: tier-1, new-tier-1, other, unknown


@dataclass(frozen=True)
class PostingLink:
    title: str
    url: str
    seen: str


@dataclass(frozen=True)
class MarketInfo:
    """What real job postings for the track show (docs/market/postings.yaml)."""

    postings: int
    thin: bool
    collected: str
    asked: tuple[tuple[Text, int], ...] = ()  # skills by how many postings have them as core
    unmentioned: tuple[Text, ...] = ()  # essential skills the track keeps that no posting mentions
    pay: tuple[PayInfo, ...] = ()
    pay_count: int = 0  # postings that show a figure
    links: tuple[PostingLink, ...] = ()

    def pay_for(self, stage: str) -> PayInfo | None:
        by = {p.seniority: p for p in self.pay}
        return by.get(stage) or by.get("")


@dataclass(frozen=True)
class TrackInfo:
    slug: str
    kind: str
    name: Text
    description: Text
    advice_product_led: Text = Text()
    advice_marketing_led: Text = Text()
    portfolio: tuple[Text, ...] = ()

    @property
    def kind_label(self) -> str:
        return str(Track.Kind(self.kind).label) if self.kind in Track.Kind.values else self.kind

    def advice_for(self, company: CompanyType | None) -> Text | None:
        """What this track means in the person's kind of company, when the catalogue says."""
        text = {
            CompanyType.PRODUCT_LED: self.advice_product_led,
            CompanyType.MARKETING_LED: self.advice_marketing_led,
        }.get(company)
        return text or None


@dataclass(frozen=True)
class SkillRow:
    skill: SkillInfo
    level: int | None  # None: a skip rule left its questions out
    target: int
    importance: int
    essential: bool
    gap: int
    earned: float
    missing: float

    @property
    def asked(self) -> bool:
        return self.level is not None

    @property
    def above(self) -> bool:
        return self.level is not None and self.level > self.target

    @property
    def short(self) -> int:
        """Levels below target (0 at or above it, or when not asked)."""
        return max(self.target - self.level, 0) if self.level is not None else 0


@dataclass(frozen=True)
class TrackView:
    track: TrackInfo
    readiness: float
    band: str
    rows: tuple[SkillRow, ...]  # every required skill, biggest effect on the score first
    gaps: tuple[str, ...]  # skill slugs below target, largest weighted gap first
    steps: tuple[StepInfo, ...]  # the plan, in order
    total_hours: int
    weeks: int | None
    is_current_role: bool
    favoured: bool  # the person's company type tends to reward this kind of track
    advice: Text | None = None  # the track's advice for the person's company type
    progress: int | None = None  # percent of steps done or skipped, on saved reports
    essential_hours: int | None = None  # None on reports saved before it was kept
    leads: tuple[str, ...] = ()  # the skills the routes start the plan with
    routes: tuple[RouteInfo, ...] = ()
    posts: tuple[Post, ...] = ()
    facts: tuple[Fact, ...] = ()  # the catalogue's market facts for the track, or for every track
    stage: str = ""  # the person's seniority: entry, mid or senior ("" when unknown)
    company: str | None = None  # the person's company type
    from_kind: str | None = None  # the kind of the person's current role, if any
    market: MarketInfo | None = None  # None on reports saved before the evidence set

    @property
    def percent(self) -> int:
        return round(self.readiness)

    # The row lists depend on the frozen fields alone, and a page reads them again
    # and again (every track's sentence, held-back skill and badges): worked out once
    # per object. Sentences stay properties: they follow the active language.
    @cached_property
    def gap_rows(self) -> list[SkillRow]:
        by_skill = {r.skill.slug: r for r in self.rows}
        return [by_skill[slug] for slug in self.gaps if slug in by_skill]

    @cached_property
    def raised(self) -> list[SkillRow]:
        return sorted((r for r in self.rows if r.earned > 0), key=lambda r: -r.earned)

    @cached_property
    def lowered(self) -> list[SkillRow]:
        return sorted((r for r in self.rows if r.missing > 0), key=lambda r: -r.missing)

    @cached_property
    def critical(self) -> list[SkillRow]:
        return [r for r in self.gap_rows if r.essential and r.target - r.level >= scoring.CRITICAL_SHORTFALL]

    @cached_property
    def not_asked(self) -> list[SkillRow]:
        return [r for r in self.rows if not r.asked]

    @property
    def held_back(self) -> SkillRow | None:
        """Why a track whose match reads as ready (70 % or more) is not: the essential
        skill furthest below target (the bigger weighted gap on a tie), else an essential
        one not asked. Built from the rows alone, so every saved snapshot has it."""
        if self.band == scoring.READY or self.percent < scoring.READY_AT:
            return None
        short = [r for r in self.gap_rows if r.essential and r.short > 0]
        if short:
            return max(short, key=lambda r: r.short)  # max keeps the first of equals: gap order
        return next((r for r in self.not_asked if r.essential), None)

    @property
    def above_target(self) -> list[SkillRow]:
        return [r for r in self.rows if r.above]

    @property
    def essential_gaps(self) -> int:
        return sum(r.essential for r in self.gap_rows) + sum(r.essential for r in self.not_asked)

    @property
    def why(self) -> str:
        return sentences.why(self)

    @property
    def reasons(self) -> list[str]:
        return sentences.reasons(self)

    @property
    def move_note(self) -> str | None:
        return sentences.company_move(CompanyType.parse(self.company), self.from_kind, self.track.kind)

    @property
    def stage_posts(self) -> list[Post]:
        """The posts that fit the person's years: entry posts for a beginner, senior ones
        after three years; the track's other posts when there are none for that stage."""
        wanted = {Seniority.ENTRY: {Seniority.ENTRY}, Seniority.SENIOR: {Seniority.SENIOR}}.get(
            self.stage, {Seniority.ENTRY, Seniority.MID}
        )
        return [p for p in self.posts if p.seniority in wanted]

    @property
    def stage_pay(self) -> PayInfo | None:
        return self.market.pay_for(self.stage) if self.market else None

    @property
    def stage_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.seniority in ("", self.stage)]

    @property
    def lead_level(self) -> list[SkillRow]:
        """What separates a senior post: the essential skills not yet led or taught (level 4)."""
        return [r for r in self.rows if r.essential and r.asked and r.level < 4]

    def step_group(self, step: StepInfo) -> str:
        if step.skill.slug in self.leads:
            return "lead"
        required = {r.skill.slug: r for r in self.rows}
        if step.skill.slug not in required:
            return "first"
        return "essential" if required[step.skill.slug].essential else "optional"

    @property
    def plan(self) -> list[dict[str, Any]]:
        """The steps with the group each belongs to, for the page."""
        return [{"step": s, "group": self.step_group(s)} for s in self.steps]

    def chart(self) -> dict[str, Any]:
        """Coordinates for the level-against-target SVG chart: a label line, then a bar, per asked skill."""
        unit = CHART_BAR / 4
        asked = [r for r in self.rows if r.asked]
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
            for i, r in enumerate(sorted(asked, key=lambda r: (-r.importance, str(r.skill.name))))
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
    tracks: tuple[TrackView, ...]  # best first (scoring.rank_key), as the person was shown
    company_type: str | None
    hours_per_week: int | None
    current_track: str | None
    goal: str | None = None
    recommended: str | None = None  # the track the page opens on
    company_size: str | None = None
    years: int | None = None
    rules_changed: bool = False  # a report saved under earlier rules

    def get(self, slug: str | None) -> TrackView | None:
        return next((t for t in self.tracks if t.track.slug == slug), None)

    def select(self, slug: str | None) -> TrackView | None:
        """The track asked for, or else the recommendation, or else the best one."""
        return self.get(slug) or self.recommendation or (self.tracks[0] if self.tracks else None)

    @property
    def recommendation(self) -> TrackView | None:
        return self.get(self.recommended)

    @property
    def current(self) -> TrackView | None:
        return self.get(self.current_track)

    @property
    def goal_is_current(self) -> bool:
        return self.goal is not None and self.goal == self.current_track

    def nearest(self, selected: TrackView) -> TrackView | None:
        """The nearest alternative to the selected track (scoring.nearest): never the
        job the person already has, unless no other track is left."""
        needs = {
            t.track.slug: [scoring.Requirement(r.skill.slug, r.importance, r.target, r.essential) for r in t.rows]
            for t in self.tracks
        }
        ranked = [t.track.slug for t in self.tracks]
        readiness = {t.track.slug: t.readiness for t in self.tracks}
        slug = selected.track.slug
        found = scoring.nearest(slug, needs, ranked, readiness, exclude=[self.current_track or ""])
        return self.get(found or scoring.nearest(slug, needs, ranked, readiness))

    @property
    def by_band(self) -> list[tuple[str, list[TrackView]]]:
        """The tracks under their verdicts, best verdict first, each group in the
        ranked order; verdicts no track has are left out."""
        return [(b, group) for b in scoring.BANDS if (group := [t for t in self.tracks if t.band == b])]

    @property
    def not_asked(self) -> list[str]:
        """The names of the required skills nobody asked about, once each."""
        names = {row.skill.slug: str(row.skill.name) for t in self.tracks for row in t.not_asked}
        return list(names.values())


# The panes of a results page or report, in the order of their tabs, with their labels.
TABS = {
    "plan": gettext_lazy("Gaps and steps"),
    "roadmap": gettext_lazy("Roadmap"),
    "compare": gettext_lazy("Compare"),
    "explain": gettext_lazy("Explain this score"),
}


def tab_of(value: str | None) -> str:
    """The pane a results page or report shows: `?view=`, the plan when unknown."""
    return value if value in TABS else "plan"
