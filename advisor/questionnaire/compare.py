"""Two tracks side by side: how ready, what essential skills stand in the way,
how long each plan takes, and which steps serve both moves at once."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.questionnaire.results import Results, SkillRow, StepInfo, TrackView


@dataclass(frozen=True)
class Side:
    view: TrackView
    essential: tuple[SkillRow, ...]  # essential skills below target, or not asked
    only: tuple[StepInfo, ...]  # steps the other plan does not have

    @property
    def only_hours(self) -> int:
        return sum(s.effort_hours for s in self.only)


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    shared: tuple[StepInfo, ...]  # in both plans, in the first track's order

    @property
    def sides(self) -> tuple[Side, Side]:
        return (self.a, self.b)

    @property
    def shared_hours(self) -> int:
        return sum(s.effort_hours for s in self.shared)


def partner(results: Results, selected: TrackView, wanted: str | None) -> TrackView | None:
    """The track to set beside the selected one: the one asked for, else the nearest
    alternative to it (docs/advice.md, "The nearest alternative")."""
    asked = results.get(wanted)
    if asked is not None and asked is not selected:
        return asked
    return results.nearest(selected)


def _essential(view: TrackView) -> tuple[SkillRow, ...]:
    return tuple(r for r in view.gap_rows if r.essential) + tuple(r for r in view.not_asked if r.essential)


def compare(a: TrackView, b: TrackView) -> Comparison:
    in_a = {s.slug for s in a.steps}
    in_b = {s.slug for s in b.steps}
    return Comparison(
        a=Side(a, _essential(a), tuple(s for s in a.steps if s.slug not in in_b)),
        b=Side(b, _essential(b), tuple(s for s in b.steps if s.slug not in in_a)),
        shared=tuple(s for s in a.steps if s.slug in in_b),
    )
