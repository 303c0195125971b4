"""Turn a finished assessment into per-track results with the scoring engine.

Everything here reads the catalogue in a fixed number of queries, whatever its
size, and hands plain objects to the templates."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor import scoring
from advisor.catalogue.models import Skill, Step, Track
from advisor.questionnaire.flow import Flow

CHART_ROW = 40
CHART_LEFT = 8
CHART_BAR = 340


@dataclass
class SkillRow:
    skill: Skill
    level: int
    target: int
    importance: int
    essential: bool
    gap: int
    earned: float
    missing: float


@dataclass
class TrackView:
    track: Track
    result: scoring.TrackResult
    rows: list[SkillRow]  # every required skill, biggest effect on the score first
    steps: list[Step]
    is_current_role: bool
    favoured: bool  # the person's company type tends to reward this kind of track
    progress: int | None = None  # percent of steps done or skipped, on saved reports

    @property
    def percent(self) -> int:
        return round(self.result.readiness)

    @property
    def gap_rows(self) -> list[SkillRow]:
        by_skill = {r.skill.slug: r for r in self.rows}
        return [by_skill[g.skill] for g in self.result.gaps]

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

    def chart(self) -> dict:
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


@dataclass
class Results:
    tracks: list[TrackView]
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


def skill_levels(flow: Flow) -> dict[str, int]:
    """Skill slug → level, from the questions actually asked (skipped ones count as 0)."""
    per_skill: dict[str, list[int]] = {}
    for q in flow.asked:
        if q.slug in flow.levels:
            per_skill.setdefault(q.skill.slug, []).append(flow.levels[q.slug])
    return {skill: round(mean(values)) for skill, values in per_skill.items()}


def compute(flow: Flow) -> Results:
    levels = skill_levels(flow)
    hours_choice = flow.context.get("hours_per_week")
    hours = hours_choice.number if hours_choice else None
    role = flow.context.get("current_role")
    current_track = role.track.slug if role and role.track_id else None
    company = flow.context.get("company_type")
    company_type = company.value if company else None
    favoured_kind = {"product-led": Track.Kind.OPERATION, "marketing-led": Track.Kind.PROMOTION}.get(company_type or "")

    tracks = list(Track.objects.with_requirements())
    steps = list(
        Step.objects.select_related("skill").prefetch_related(
            Prefetch("prerequisites", queryset=Step.objects.only("slug")), "resources"
        )
    )
    step_specs = [
        scoring.Step(s.slug, s.skill.slug, s.reaches, s.effort_hours, tuple(p.slug for p in s.prerequisites.all()))
        for s in steps
    ]
    step_by_slug = {s.slug: s for s in steps}

    views = []
    for track in tracks:
        reqs = list(track.requirements.all())
        specs = [scoring.Requirement(r.skill.slug, r.importance, r.target, r.essential) for r in reqs]
        result = scoring.assess(track.slug, specs, levels, step_specs, hours)
        contrib = {c.skill: c for c in result.contributions}
        rows = [
            SkillRow(
                r.skill,
                levels.get(r.skill.slug, 0),
                r.target,
                r.importance,
                r.essential,
                r.importance * max(r.target - levels.get(r.skill.slug, 0), 0),
                contrib[r.skill.slug].earned,
                contrib[r.skill.slug].missing,
            )
            for r in reqs
        ]
        rows.sort(key=lambda row: -(row.earned + row.missing))
        views.append(
            TrackView(
                track,
                result,
                rows,
                [step_by_slug[s.slug] for s in result.steps],
                is_current_role=track.slug == current_track,
                favoured=favoured_kind is not None and track.kind == favoured_kind,
            )
        )
    ranked = {r.track: i for i, r in enumerate(scoring.rank(v.result for v in views))}
    views.sort(key=lambda v: ranked[v.track.slug])
    return Results(views, company_type, hours, current_track)
