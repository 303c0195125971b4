"""Progress on a report's steps, and what changed since the previous report."""

from __future__ import annotations

from dataclasses import dataclass, replace

from advisor.questionnaire import snapshot
from advisor.questionnaire.results import Results, TrackView
from advisor.questionnaire.roadmap import FINISHED
from advisor.reports.models import Report


def restore_with_progress(report: Report, done: dict[str, str]) -> Results:
    """The report's frozen results, each track carrying the percent of its steps done or skipped."""
    results = snapshot.restore(report.snapshot)
    return replace(results, tracks=tuple(replace(v, progress=track_progress(v, done)) for v in results.tracks))


def track_progress(view: TrackView, done: dict[str, str]) -> int | None:
    """Percent of the track's steps done or skipped; None when the track has no steps."""
    if not view.steps:
        return None
    finished = sum(done.get(s.slug) in FINISHED for s in view.steps)
    return round(100 * finished / len(view.steps))


@dataclass(frozen=True)
class TrackChange:
    name: str
    before: int | None
    after: int

    @property
    def delta(self) -> int | None:
        return None if self.before is None else self.after - self.before


@dataclass(frozen=True)
class SkillChange:
    name: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


def compare(current: Results, levels: dict, previous_snapshot: dict) -> tuple[list[TrackChange], list[SkillChange]]:
    """Per track and per skill, what changed since the previous report (skills only where the level moved)."""
    before = {t["slug"]: round(t["readiness"]) for t in previous_snapshot["tracks"]}
    tracks = [TrackChange(str(v.track.name), before.get(v.track.slug), v.percent) for v in current.tracks]
    old_levels = previous_snapshot.get("levels", {})
    names = {row.skill.slug: row.skill.name for v in current.tracks for row in v.rows}
    skills = [
        SkillChange(str(names.get(slug, slug)), old_levels.get(slug, 0), levels.get(slug, 0))
        for slug in sorted(set(old_levels) | set(levels), key=lambda s: str(names.get(s, s)))
        if old_levels.get(slug, 0) != levels.get(slug, 0)
    ]
    return tracks, skills
