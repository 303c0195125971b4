"""The scoring engine: pure Python, no Django imports.

readiness(track) = Σ importanceᵢ · min(levelᵢ, targetᵢ)/targetᵢ / Σ importanceᵢ, as 0–100 %.
gap(skill)       = importance × (target − level) where positive.
Steps are ordered by gap (largest first), then prerequisites before the steps
that need them; weeks = total effort hours / hours per week, rounded up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

READY = "ready"
WITHIN_REACH = "within_reach"
LONG_ROAD = "long_road"
READY_AT = 70.0
WITHIN_REACH_AT = 40.0
# An essential skill this many levels below target is called out even when the average looks good.
CRITICAL_SHORTFALL = 2


@dataclass(frozen=True)
class Requirement:
    skill: str
    importance: int
    target: int
    essential: bool = False


@dataclass(frozen=True)
class Step:
    slug: str
    skill: str
    reaches: int
    effort_hours: int
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    skill: str
    level: int
    target: int
    importance: int
    essential: bool

    @property
    def size(self) -> int:
        return self.importance * max(self.target - self.level, 0)

    @property
    def critical(self) -> bool:
        return self.essential and self.target - self.level >= CRITICAL_SHORTFALL


@dataclass(frozen=True)
class Contribution:
    """One skill's share of a track score, in percentage points.

    `earned` is what the skill adds to the score; `missing` is what it would add
    if the target were met. earned + missing over all skills = 100."""

    skill: str
    level: int
    target: int
    importance: int
    earned: float
    missing: float


@dataclass(frozen=True)
class TrackResult:
    track: str
    readiness: float
    band: str
    gaps: tuple[Gap, ...]
    contributions: tuple[Contribution, ...]
    steps: tuple[Step, ...]
    total_hours: int
    weeks: int | None
    critical: tuple[Gap, ...] = field(default=())


def _capped(level: int, target: int) -> float:
    return min(max(level, 0), target) / target


def readiness(requirements: Sequence[Requirement], levels: Mapping[str, int]) -> float:
    """0–100. A track without requirements has nothing to be ready for: 0."""
    total = sum(r.importance for r in requirements)
    if total == 0:
        return 0.0
    earned = sum(r.importance * _capped(levels.get(r.skill, 0), r.target) for r in requirements)
    return 100.0 * earned / total


def band(score: float) -> str:
    if score >= READY_AT:
        return READY
    if score >= WITHIN_REACH_AT:
        return WITHIN_REACH
    return LONG_ROAD


def contributions(requirements: Sequence[Requirement], levels: Mapping[str, int]) -> list[Contribution]:
    """Per skill, points earned and points missing, biggest effect first."""
    total = sum(r.importance for r in requirements)
    if total == 0:
        return []
    rows = []
    for r in requirements:
        level = levels.get(r.skill, 0)
        share = 100.0 * r.importance / total
        ratio = _capped(level, r.target)
        rows.append(Contribution(r.skill, level, r.target, r.importance, share * ratio, share * (1 - ratio)))
    return sorted(rows, key=lambda c: (-(c.earned + c.missing), c.skill))


def gaps(requirements: Sequence[Requirement], levels: Mapping[str, int]) -> list[Gap]:
    """Skills below target, the largest weighted gap first; essential before optional on ties."""
    found = [
        Gap(r.skill, levels.get(r.skill, 0), r.target, r.importance, r.essential)
        for r in requirements
        if levels.get(r.skill, 0) < r.target
    ]
    return sorted(found, key=lambda g: (-g.size, not g.essential, g.skill))


def _steps_for_gap(gap: Gap, candidates: Sequence[Step]) -> list[Step]:
    """Steps that lift the skill from its level towards the target.

    A step counts when level < reaches ≤ target. If the catalogue has none in
    that window, the nearest step above the level still helps."""
    above = sorted((s for s in candidates if s.reaches > gap.level), key=lambda s: (s.reaches, s.slug))
    window = [s for s in above if s.reaches <= gap.target]
    return window or above[:1]


def plan(found_gaps: Sequence[Gap], steps: Iterable[Step], levels: Mapping[str, int]) -> list[Step]:
    """Ordered steps: by gap, then each step's unmet prerequisites first.

    A prerequisite is met when the learner's level in its skill already reaches
    it; an unmet one is pulled into the plan even when its skill is not a gap
    of this track, because the step that needs it cannot be done without it.
    Raises ValueError on a prerequisite cycle."""
    by_slug = {s.slug: s for s in steps}
    by_skill: dict[str, list[Step]] = {}
    for s in by_slug.values():
        by_skill.setdefault(s.skill, []).append(s)

    chosen = [s for g in found_gaps for s in _steps_for_gap(g, by_skill.get(g.skill, []))]
    ordered: list[Step] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(step: Step) -> None:
        if step.slug in done:
            return
        if step.slug in visiting:
            raise ValueError(f"prerequisite cycle through step {step.slug!r}")
        visiting.add(step.slug)
        for slug in step.prerequisites:
            pre = by_slug.get(slug)
            if pre is not None and levels.get(pre.skill, 0) < pre.reaches:
                visit(pre)
        visiting.discard(step.slug)
        done.add(step.slug)
        ordered.append(step)

    for step in chosen:
        visit(step)
    return ordered


def weeks(total_hours: int, hours_per_week: int | None) -> int | None:
    if not hours_per_week or hours_per_week <= 0:
        return None
    return math.ceil(total_hours / hours_per_week)


def assess(
    track: str,
    requirements: Sequence[Requirement],
    levels: Mapping[str, int],
    steps: Iterable[Step],
    hours_per_week: int | None = None,
) -> TrackResult:
    score = readiness(requirements, levels)
    found = gaps(requirements, levels)
    ordered = plan(found, steps, levels)
    hours = sum(s.effort_hours for s in ordered)
    return TrackResult(
        track=track,
        readiness=score,
        band=band(score),
        gaps=tuple(found),
        contributions=tuple(contributions(requirements, levels)),
        steps=tuple(ordered),
        total_hours=hours,
        weeks=weeks(hours, hours_per_week),
        critical=tuple(g for g in found if g.critical),
    )


def rank(results: Iterable[TrackResult]) -> list[TrackResult]:
    """Most ready first; ties keep the order they came in (catalogue order)."""
    return sorted(results, key=lambda r: -r.readiness)
