"""A report's JSON export (`export.json`) as frozen, typed objects, written by the
same generic converter (msgspec) that stores the results. Field order is key order
in the file. The README's table ("Exports and old reports") documents each key; a
key changes its name or meaning only with a new FORMAT."""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from advisor.i18n import Text
from advisor.questionnaire import snapshot
from advisor.reports.models import Report

# 1: the report's snapshot as saved; 2: the verdicts and the plan at the top level.
FORMAT = 2


@dataclass(frozen=True)
class ExportedRow:
    skill: str
    level: int | None  # None: a skill nobody asked about
    target: int
    importance: int
    essential: bool


@dataclass(frozen=True)
class ExportedStep:
    slug: str
    skill: str
    title: Text
    reaches: int
    effort_hours: int
    evidence: Text
    state: str  # pending, learning, done, skipped


@dataclass(frozen=True)
class ExportedTrack:
    slug: str
    kind: str
    name: Text
    readiness: float  # 0-100, unrounded
    band: str
    total_hours: int
    weeks: int | None
    rows: tuple[ExportedRow, ...]
    steps: tuple[ExportedStep, ...]
    routes: tuple[str, ...]  # route slugs


@dataclass(frozen=True)
class Exported:
    format: int
    title: str
    notes: str
    saved_at: str  # ISO 8601 with the time zone
    catalogue_version: int | None
    snapshot_format: int  # the rules the report was scored under (1: the first)
    rules_changed: bool
    goal: str | None
    recommended: str | None
    current_track: str | None
    company_type: str | None
    company_size: str | None
    years: int | None
    hours_per_week: int | None
    tracks: tuple[ExportedTrack, ...]  # best first, as the person was shown them


def exported(report: Report) -> Exported:
    """The report as data: what it recommends, and per track the verdict, the
    skills (level null when not asked) and the ordered steps with their state."""
    results = snapshot.restore(report.snapshot)
    done = report.states()
    return Exported(
        format=FORMAT,
        title=report.title,
        notes=report.notes,
        saved_at=report.created_at.isoformat(),
        catalogue_version=report.catalogue_version,
        snapshot_format=report.snapshot["format"],
        rules_changed=results.rules_changed,
        goal=results.goal,
        recommended=results.recommended,
        current_track=results.current_track,
        company_type=results.company_type,
        company_size=results.company_size,
        years=results.years,
        hours_per_week=results.hours_per_week,
        tracks=tuple(
            ExportedTrack(
                slug=view.track.slug,
                kind=view.track.kind,
                name=view.track.name,
                readiness=view.readiness,
                band=view.band,
                total_hours=view.total_hours,
                weeks=view.weeks,
                rows=tuple(
                    ExportedRow(row.skill.slug, row.level, row.target, row.importance, row.essential)
                    for row in view.rows
                ),
                steps=tuple(
                    ExportedStep(
                        slug=step.slug,
                        skill=step.skill.slug,
                        title=step.title,
                        reaches=step.reaches,
                        effort_hours=step.effort_hours,
                        evidence=step.evidence,
                        state=done.get(step.slug, "pending"),
                    )
                    for step in view.steps
                ),
                routes=tuple(route.slug for route in view.routes),
            )
            for view in results.tracks
        ),
    )


def json_data(report: Report) -> dict:
    return msgspec.to_builtins(exported(report))
