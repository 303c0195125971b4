"""What a change to the skill mapping would do to the track rankings saved
reports show. Pure Python, no Django imports: it takes plain data (each
report's skill levels, the requirements per track before and after) and the
admin asks it before saving.

Saved reports are snapshots and never change; the ranking compared here is
each report's levels scored with the current requirements and with the
proposed ones, so the numbers are the effect of this change alone, whatever
catalogue version the reports were saved from."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from advisor import scoring

# Where saved results live is not the catalogue's business: the apps above it
# (reports) add a source here that returns each saved result's skill levels.
SavedLevels = Callable[[], list[Mapping[str, int]]]
_sources: list[SavedLevels] = []


def add_saved_levels(source: SavedLevels) -> None:
    if source not in _sources:
        _sources.append(source)


def saved_levels() -> list[Mapping[str, int]]:
    """The skill levels of every saved result, from every source."""
    return [levels for source in _sources for levels in source()]


# Track slug → its requirements, in catalogue order of the tracks.
ByTrack = Mapping[str, Sequence[scoring.Requirement]]


@dataclass(frozen=True)
class Shift:
    """How one track moves in the rankings of the saved reports."""

    track: str
    up: int = 0
    down: int = 0
    new_top: int = 0
    lost_top: int = 0


@dataclass(frozen=True)
class Average:
    """A changed track's mean readiness over the saved reports, before and after."""

    track: str
    before: float
    after: float


@dataclass(frozen=True)
class Impact:
    reports: int
    reordered: int
    top_changed: int
    shifts: tuple[Shift, ...]  # tracks that move in at least one report, catalogue order
    averages: tuple[Average, ...]  # tracks whose requirements change, catalogue order


def changed_tracks(before: ByTrack, after: ByTrack) -> list[str]:
    return [slug for slug in before if _key(before[slug]) != _key(after.get(slug, ()))]


def _key(requirements: Iterable[scoring.Requirement]) -> list[tuple]:
    # Order within a track does not change a score, so it does not count as a change.
    return sorted((r.skill, r.importance, r.target, r.essential) for r in requirements)


def fingerprint(before: ByTrack, after: ByTrack) -> str:
    """Names one proposed change against one state of the catalogue: the same edit
    made on top of a catalogue someone else changed meanwhile gets another name."""
    data = [[slug, _key(before[slug]), _key(after.get(slug, ()))] for slug in before]
    return hashlib.sha256(json.dumps(data, separators=(",", ":")).encode()).hexdigest()


def compare(
    levels: Iterable[Mapping[str, int]],
    before: ByTrack,
    after: ByTrack,
    steps: Sequence[scoring.Step] = (),
    names: Mapping[str, str] | None = None,
) -> Impact:
    """Count the reports whose ranking (the order of track slugs, as scoring.rank
    orders the results page) and whose top track differ between `before` and
    `after`. `after` has the same tracks. A skill missing from a report's levels
    was not asked."""
    order = list(before)
    changed = changed_tracks(before, after)
    shifts = {slug: {"up": 0, "down": 0, "new_top": 0, "lost_top": 0} for slug in order}
    sums = {slug: [0.0, 0.0] for slug in changed}
    reports = reordered = top_changed = 0

    def result(slug: str, requirements: Sequence[scoring.Requirement], report: Mapping[str, int]):
        not_asked = [r.skill for r in requirements if r.skill not in report]
        return scoring.assess(slug, requirements, report, steps, not_asked=not_asked)

    for report in levels:
        reports += 1
        results = {slug: result(slug, before[slug], report) for slug in order}
        new_results = results | {slug: result(slug, after[slug], report) for slug in changed}
        for slug in changed:
            sums[slug][0] += results[slug].readiness
            sums[slug][1] += new_results[slug].readiness
        old = [r.track for r in scoring.rank(results.values(), names)]
        new = [r.track for r in scoring.rank(new_results.values(), names)]
        if old == new:
            continue
        reordered += 1
        if old[0] != new[0]:
            top_changed += 1
            shifts[old[0]]["lost_top"] += 1
            shifts[new[0]]["new_top"] += 1
        new_place = {slug: i for i, slug in enumerate(new)}
        for i, slug in enumerate(old):
            if new_place[slug] < i:
                shifts[slug]["up"] += 1
            elif new_place[slug] > i:
                shifts[slug]["down"] += 1
    return Impact(
        reports=reports,
        reordered=reordered,
        top_changed=top_changed,
        shifts=tuple(Shift(slug, **counts) for slug, counts in shifts.items() if any(counts.values())),
        averages=tuple(Average(slug, sums[slug][0] / reports, sums[slug][1] / reports) for slug in changed if reports),
    )
