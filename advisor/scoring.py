"""The scoring engine: pure Python, no Django imports.

readiness(track) = Σ importanceᵢ · min(levelᵢ, targetᵢ)/targetᵢ / Σ importanceᵢ, as 0–100 %,
                   over the skills the person was asked about (a skill a skip rule
                   left out is "not asked", never a silent 0).
gap(skill)       = importance × (target − level) where positive.

Verdicts (docs/advice.md says why each is drawn where it is):
- ready:        every essential skill asked and at its target, and readiness ≥ 70 %;
- within reach: not ready, no essential skill more than one level short, readiness
                ≥ 40 %, and the steps that close the essential gaps take at most
                80 hours (about two months at 10 hours a week);
- long road:    anything else.

A plan lists, prerequisites always before the steps that need them: the route's
lead skills below the route's target (or the track's, if higher), then essential gaps, then optional ones, the larger
gap first within each group. Weeks = the plan's hours / hours per week, rounded up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

READY = "ready"
WITHIN_REACH = "within_reach"
LONG_ROAD = "long_road"
BANDS = (READY, WITHIN_REACH, LONG_ROAD)  # best first
READY_AT = 70.0
WITHIN_REACH_AT = 40.0
# "Within reach" allows an essential skill at most this many levels short...
WITHIN_REACH_SHORTFALL = 1
# ...and at most this many hours of practice on the essential gaps.
WITHIN_REACH_HOURS = 80
# An essential skill this many levels below target is called out even when the average looks good.
CRITICAL_SHORTFALL = 2
# A track of the same kind sharing this share of the current role's essential skills is the same job.
SAME_JOB_SHARE = 2 / 3


@dataclass(frozen=True)
class Requirement:
    skill: str
    importance: int
    target: int
    essential: bool = False


@dataclass(frozen=True)
class Lead:
    """A skill a route starts the plan with; `target` and `importance` apply
    when the track itself does not require it."""

    skill: str
    target: int = 2
    importance: int = 3


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
    lead: bool = False  # a route's lead skill: it starts the plan
    scored: bool = True  # False for a lead skill the track does not require: outside the score

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
    if the target were met. earned + missing over all asked skills = 100."""

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
    gaps: tuple[Gap, ...]  # scored gaps, largest first
    contributions: tuple[Contribution, ...]
    steps: tuple[Step, ...]  # the plan
    total_hours: int
    essential_hours: int  # the part of the plan that closes the essential gaps
    weeks: int | None
    critical: tuple[Gap, ...] = ()
    not_asked: tuple[str, ...] = ()  # required skills nobody asked about, in requirement order

    @property
    def essential_gaps(self) -> int:
        return sum(g.essential for g in self.gaps)


def _capped(level: int, target: int) -> float:
    return min(max(level, 0), target) / target


def scored(requirements: Sequence[Requirement], not_asked: Iterable[str] = ()) -> list[Requirement]:
    """The requirements that count: those the person was asked about."""
    skipped = set(not_asked)
    return [r for r in requirements if r.skill not in skipped]


def readiness(requirements: Sequence[Requirement], levels: Mapping[str, int], not_asked: Iterable[str] = ()) -> float:
    """0–100. A track with no requirement that counts has nothing to be ready for: 0."""
    counted = scored(requirements, not_asked)
    total = sum(r.importance for r in counted)
    if total == 0:
        return 0.0
    earned = sum(r.importance * _capped(levels.get(r.skill, 0), r.target) for r in counted)
    return 100.0 * earned / total


def band(
    score: float,
    requirements: Sequence[Requirement],
    levels: Mapping[str, int],
    essential_hours: int,
    not_asked: Iterable[str] = (),
) -> str:
    skipped = set(not_asked)
    essential = [r for r in requirements if r.essential]
    short = [r.target - levels.get(r.skill, 0) for r in essential if r.skill not in skipped]
    unknown = any(r.skill in skipped for r in essential)
    if score >= READY_AT and not unknown and all(s <= 0 for s in short):
        return READY
    close = all(s <= WITHIN_REACH_SHORTFALL for s in short) and essential_hours <= WITHIN_REACH_HOURS
    return WITHIN_REACH if score >= WITHIN_REACH_AT and close else LONG_ROAD


def contributions(
    requirements: Sequence[Requirement], levels: Mapping[str, int], not_asked: Iterable[str] = ()
) -> list[Contribution]:
    """Per asked skill, points earned and points missing, biggest effect first."""
    counted = scored(requirements, not_asked)
    total = sum(r.importance for r in counted)
    if total == 0:
        return []
    rows = []
    for r in counted:
        level = levels.get(r.skill, 0)
        share = 100.0 * r.importance / total
        ratio = _capped(level, r.target)
        rows.append(Contribution(r.skill, level, r.target, r.importance, share * ratio, share * (1 - ratio)))
    return sorted(rows, key=lambda c: (-(c.earned + c.missing), c.skill))


def gaps(requirements: Sequence[Requirement], levels: Mapping[str, int], not_asked: Iterable[str] = ()) -> list[Gap]:
    """Asked skills below target, the largest weighted gap first; essential before optional on ties."""
    found = [
        Gap(r.skill, levels.get(r.skill, 0), r.target, r.importance, r.essential)
        for r in scored(requirements, not_asked)
        if levels.get(r.skill, 0) < r.target
    ]
    return sorted(found, key=lambda g: (-g.size, not g.essential, g.skill))


def lead_gaps(
    requirements: Sequence[Requirement],
    leads: Sequence[Lead],
    levels: Mapping[str, int],
    not_asked: Iterable[str] = (),
) -> list[Gap]:
    """The gaps a plan starts with: the route's lead skills that are below target.
    The plan takes a lead to the route's target or the track's, whichever is higher:
    a route may ask more of a skill the track weighs lightly (prototypes for a
    promoter moving to product operation) without making it count more in the
    score. A lead the track requires keeps the track's weight; one it does not
    require takes the lead's own weight, and stays outside the score."""
    skipped = set(not_asked)
    required = {r.skill: r for r in requirements}
    out: dict[str, Gap] = {}
    for lead in leads:
        if lead.skill in out or lead.skill in skipped:
            continue
        level = levels.get(lead.skill, 0)
        req = required.get(lead.skill)
        if req is not None:
            target = max(req.target, lead.target)
            if level < target:
                out[lead.skill] = Gap(lead.skill, level, target, req.importance, req.essential, lead=True)
        elif level < lead.target:
            out[lead.skill] = Gap(lead.skill, level, lead.target, lead.importance, False, lead=True, scored=False)
    return list(out.values())


def plan_order(found: Sequence[Gap], leads: Sequence[Gap] = ()) -> list[Gap]:
    """Lead gaps, then essential, then optional; the larger gap first within each group."""
    lead_skills = {g.skill for g in leads}
    rest = [g for g in found if g.skill not in lead_skills]

    def by_size(group: Iterable[Gap]) -> list[Gap]:
        return sorted(group, key=lambda g: (-g.size, g.skill))

    return by_size(leads) + by_size(g for g in rest if g.essential) + by_size(g for g in rest if not g.essential)


def _steps_for_gap(gap: Gap, candidates: Sequence[Step]) -> list[Step]:
    """Steps that lift the skill from its level towards the target.

    A step counts when level < reaches ≤ target. If the catalogue has none in
    that window, the nearest step above the level still helps."""
    above = sorted((s for s in candidates if s.reaches > gap.level), key=lambda s: (s.reaches, s.slug))
    window = [s for s in above if s.reaches <= gap.target]
    return window or above[:1]


def plan(ordered_gaps: Sequence[Gap], steps: Iterable[Step], levels: Mapping[str, int]) -> list[Step]:
    """Steps in the order of the gaps given, each step's unmet prerequisites first.

    A prerequisite is met when the learner's level in its skill already reaches
    it; an unmet one is pulled into the plan even when its skill is not a gap
    of this track, because the step that needs it cannot be done without it.
    Raises ValueError on a prerequisite cycle."""
    by_slug = {s.slug: s for s in steps}
    by_skill: dict[str, list[Step]] = {}
    for s in by_slug.values():
        by_skill.setdefault(s.skill, []).append(s)

    chosen = [s for g in ordered_gaps for s in _steps_for_gap(g, by_skill.get(g.skill, []))]
    ordered: list[Step] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def unmet(step: Step) -> list[Step]:
        pres = (by_slug.get(slug) for slug in step.prerequisites)
        return [pre for pre in pres if pre is not None and levels.get(pre.skill, 0) < pre.reaches]

    # Depth first with an explicit stack: a long prerequisite chain must not
    # hit Python's recursion limit.
    for first in chosen:
        if first.slug in done:
            continue
        visiting.add(first.slug)
        stack = [(first, iter(unmet(first)))]
        while stack:
            step, pres = stack[-1]
            pre = next(pres, None)
            if pre is None:
                stack.pop()
                visiting.discard(step.slug)
                done.add(step.slug)
                ordered.append(step)
            elif pre.slug in visiting:
                raise ValueError(f"prerequisite cycle through step {pre.slug!r}")
            elif pre.slug not in done:
                visiting.add(pre.slug)
                stack.append((pre, iter(unmet(pre))))
    return ordered


def days(total_hours: int, hours_per_week: int | None) -> int | None:
    """Calendar days the hours take at the person's pace, rounded up to a whole day."""
    if not hours_per_week or hours_per_week <= 0:
        return None
    return -(-7 * total_hours // hours_per_week)


def weeks(total_hours: int, hours_per_week: int | None) -> int | None:
    # The days rounded up to whole weeks: the same as rounding hours / hours a week up.
    spent = days(total_hours, hours_per_week)
    return None if spent is None else -(-spent // 7)


def assess(
    track: str,
    requirements: Sequence[Requirement],
    levels: Mapping[str, int],
    steps: Iterable[Step],
    hours_per_week: int | None = None,
    *,
    not_asked: Iterable[str] = (),
    leads: Sequence[Lead] = (),
) -> TrackResult:
    skipped = tuple(r.skill for r in requirements if r.skill in set(not_asked))
    steps = list(steps)
    score = readiness(requirements, levels, skipped)
    found = gaps(requirements, levels, skipped)
    ordered = plan(plan_order(found, lead_gaps(requirements, leads, levels, skipped)), steps, levels)
    essential_hours = sum(s.effort_hours for s in plan([g for g in found if g.essential], steps, levels))
    hours = sum(s.effort_hours for s in ordered)
    return TrackResult(
        track=track,
        readiness=score,
        band=band(score, requirements, levels, essential_hours, skipped),
        gaps=tuple(found),
        contributions=tuple(contributions(requirements, levels, skipped)),
        steps=tuple(ordered),
        total_hours=hours,
        essential_hours=essential_hours,
        weeks=weeks(hours, hours_per_week),
        critical=tuple(g for g in found if g.critical),
        not_asked=skipped,
    )


def rank_key(result: TrackResult, name: str) -> tuple:
    """Best first: band, then readiness, then fewer essential gaps, then fewer
    hours, then the name; never the catalogue's order."""
    essential_short = result.essential_gaps + len(result.not_asked)
    return (BANDS.index(result.band), -round(result.readiness, 6), essential_short, result.total_hours, name)


def rank(results: Iterable[TrackResult], names: Mapping[str, str] | None = None) -> list[TrackResult]:
    names = names or {}
    return sorted(results, key=lambda r: rank_key(r, names.get(r.track, r.track)))


def same_job(track: str, current: str, kinds: Mapping[str, str], essentials: Mapping[str, set[str]]) -> bool:
    """A track of the current role's kind that shares two thirds or more of the
    current role's essential skills is the same job under another name."""
    if track == current:
        return True
    mine = essentials.get(current, set())
    if kinds.get(track) != kinds.get(current) or not mine:
        return False
    return len(mine & essentials.get(track, set())) / len(mine) >= SAME_JOB_SHARE - 1e-9


def recommend(
    ranked: Sequence[TrackResult],
    *,
    goal: str | None,
    current: str | None,
    kinds: Mapping[str, str],
    essentials: Mapping[str, set[str]],
) -> str | None:
    """The move to open on: the goal, when one is given; otherwise the best-ranked
    track, of either kind, that is not the current role or the same job."""
    slugs = [r.track for r in ranked]
    if goal in slugs:
        return goal
    moves = [s for s in slugs if current is None or not same_job(s, current, kinds, essentials)]
    return moves[0] if moves else None


def overlap(a: Sequence[Requirement], b: Sequence[Requirement]) -> float:
    """How alike two tracks' requirements are, 0 to 1: per skill, importance × target
    in each; the sum of the smaller over the sum of the larger (docs/advice.md)."""
    wa = {r.skill: r.importance * r.target for r in a}
    wb = {r.skill: r.importance * r.target for r in b}
    larger = sum(max(wa.get(s, 0), wb.get(s, 0)) for s in wa.keys() | wb.keys())
    return sum(min(w, wb.get(s, 0)) for s, w in wa.items()) / larger if larger else 0.0


def nearest(
    selected: str, requirements: Mapping[str, Sequence[Requirement]], ranked: Sequence[str],
    readiness: Mapping[str, float], exclude: Iterable[str] = (),
) -> str | None:  # fmt: skip
    """The nearest alternative to `selected`: of the other tracks in `ranked` not in
    `exclude`, the one with the largest overlap; ties go to the higher readiness,
    then to the one ranked first."""
    left_out = {selected, *exclude}
    candidates = [t for t in ranked if t not in left_out]
    mine = requirements.get(selected, ())
    return min(
        candidates,
        key=lambda t: (-round(overlap(mine, requirements.get(t, ())), 9), -round(readiness.get(t, 0.0), 6)),
        default=None,
    )  # min keeps the first of equals: the ranked order breaks the last tie
