"""The admin's impact preview: before a requirement change is saved, or a
catalogue file imported, say how many saved reports would see their track
ranking change (computed by impact.py).

At most six queries whatever the data size: the saved results' skill levels
(from the sources the reports app adds to impact.py), tracks, skills,
requirements, and steps with their prerequisites (the plan's hours break ties
in the ranking). Saved results are read, never written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import ngettext

from advisor import scoring
from advisor.catalogue import impact
from advisor.catalogue.exchange.diff import ADDED, CHANGED, REMOVED, Change
from advisor.catalogue.models import Requirement, Skill, Step, Track

# The hidden field that carries the fingerprint of the change the admin has seen.
CONFIRM_FIELD = "impact_confirmation"

# (track id, skill id, importance, target, essential); None for a deleted requirement.
Row = tuple[int, int, int, int, bool]
# Requirement pk → its proposed row; new requirements under keys that are not pks.
Changes = Mapping[object, Row | None]


@dataclass(frozen=True)
class Preview:
    impact: impact.Impact
    token: str
    names: Mapping[str, str]  # track slug → name
    importing: bool = False  # an import is confirmed on its own page, not by saving again
    field = CONFIRM_FIELD

    @property
    def message(self) -> str:
        i = self.impact
        if self.importing:
            return ngettext(
                "This import would re-order the tracks for %(reordered)d of %(reports)d saved report "
                "(top track changes for %(top)d).",
                "This import would re-order the tracks for %(reordered)d of %(reports)d saved reports "
                "(top track changes for %(top)d).",
                i.reports,
            ) % {"reordered": i.reordered, "reports": i.reports, "top": i.top_changed}
        return ngettext(
            "This change would re-order the tracks for %(reordered)d of %(reports)d saved report "
            "(top track changes for %(top)d). Review and press Save again to confirm.",
            "This change would re-order the tracks for %(reordered)d of %(reports)d saved reports "
            "(top track changes for %(top)d). Review and press Save again to confirm.",
            i.reports,
        ) % {"reordered": i.reordered, "reports": i.reports, "top": i.top_changed}

    @property
    def deletion_message(self) -> str:
        i = self.impact
        return ngettext(
            "Deleting would re-order the tracks for %(reordered)d of %(reports)d saved report "
            "(top track changes for %(top)d).",
            "Deleting would re-order the tracks for %(reordered)d of %(reports)d saved reports "
            "(top track changes for %(top)d).",
            i.reports,
        ) % {"reordered": i.reordered, "reports": i.reports, "top": i.top_changed}

    @property
    def shifts(self) -> list[dict]:
        return [{"name": self.names[s.track], "shift": s} for s in self.impact.shifts]

    @property
    def averages(self) -> list[dict]:
        return [
            {"name": self.names[a.track], "before": round(a.before), "after": round(a.after)}
            for a in self.impact.averages
        ]


def preview(changes: Changes, token: str | None) -> Preview | None:
    """What the change would do, or None when it may be saved: it changes no
    requirement, no report is saved yet, or the admin confirmed this very change."""
    if not changes:
        return None
    levels = impact.saved_levels()
    if not levels:
        return None
    tracks = list(Track.objects.only("slug", "name_en", "name_zh"))  # catalogue order
    skills = dict(Skill.objects.values_list("pk", "slug"))
    current: dict[object, Row] = {
        pk: row
        for pk, *row in Requirement.objects.order_by().values_list(
            "pk", "track_id", "skill_id", "importance", "target", "essential"
        )
    }
    proposed = {pk: row for pk, row in (current | dict(changes)).items() if row is not None}

    def by_track(rows: Mapping[object, Row]) -> dict[str, list[scoring.Requirement]]:
        slugs = {t.pk: t.slug for t in tracks}
        result: dict[str, list[scoring.Requirement]] = {t.slug: [] for t in tracks}
        for track, skill, importance, target, essential in rows.values():
            result[slugs[track]].append(scoring.Requirement(skills[skill], importance, target, essential))
        return result

    return _judge(levels, tracks, by_track(current), by_track(proposed), token)


def _judge(levels, tracks: Sequence[Track], before: impact.ByTrack, after: impact.ByTrack, token: str | None, **kwargs):
    if not impact.changed_tracks(before, after):
        return None
    digest = impact.fingerprint(before, after)
    if token == digest:
        return None
    steps = [
        scoring.Step(s.slug, s.skill.slug, s.reaches, s.effort_hours, tuple(p.slug for p in s.prerequisites.all()))
        for s in Step.objects.select_related("skill").prefetch_related(
            Prefetch("prerequisites", queryset=Step.objects.only("slug"))
        )
    ]
    # Ranked as the results page ranks: names in English break the last ties.
    ranked = impact.compare(levels, before, after, steps, {t.slug: t.name_en for t in tracks})
    return Preview(ranked, digest, {t.slug: str(t) for t in tracks}, **kwargs)


def import_preview(current: Mapping[str, Any], incoming: Mapping[str, Any], changes: Sequence[Change]):
    """What importing a file would do to the saved reports' rankings, or None when
    it changes no requirement or no report is saved. `current` and `incoming` are
    catalogues in the file format (the importer's plan holds both sides); tracks
    the file adds are in no ranking yet and tracks it deletes leave every ranking,
    so only the tracks that stay are compared."""
    if not any(c.section == "requirements" for c in changes):
        return None
    levels = impact.saved_levels()
    if not levels:
        return None
    gone = {c.lookup["slug"] for c in changes if c.section == "tracks" and c.kind == REMOVED}
    tracks = [t for t in Track.objects.only("slug", "name_en", "name_zh") if t.slug not in gone]
    kept = {t.slug for t in tracks}

    def row(r: Mapping[str, Any]) -> tuple[str, scoring.Requirement]:
        return r["track"], scoring.Requirement(r["skill"], r["importance"], r["target"], bool(r.get("essential")))

    rows = {(r["track"], r["skill"]): row(r) for r in current["requirements"]}
    incoming_rows = {(r["track"], r["skill"]): r for r in incoming["requirements"]}
    proposed = dict(rows)
    for change in changes:
        if change.section != "requirements":
            continue
        key = (change.lookup["track"], change.lookup["skill"])
        if change.kind == REMOVED:
            proposed.pop(key, None)
        elif change.kind in (ADDED, CHANGED):
            proposed[key] = row(incoming_rows[key])

    def by_track(found: Mapping[tuple[str, str], tuple[str, scoring.Requirement]]) -> dict:
        result: dict[str, list[scoring.Requirement]] = {t.slug: [] for t in tracks}
        for track, requirement in found.values():
            if track in kept:
                result[track].append(requirement)
        return result

    return _judge(levels, tracks, by_track(rows), by_track(proposed), None, importing=True)
