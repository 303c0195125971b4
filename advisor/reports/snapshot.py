"""A report's snapshot: the results frozen as plain JSON, in both languages.

`take` writes it from live results; `restore` reads it back into the same
TrackView objects the results page renders, so a saved report looks like the
results did, whatever admins change in the catalogue afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import translation

from advisor import scoring
from advisor.i18n import LANGS, current_lang
from advisor.questionnaire.results import Results, SkillRow, TrackView

FORMAT = 1


class Text(dict):
    """{"en": ..., "zh": ...} that prints in the active language."""

    def __str__(self) -> str:
        lang = current_lang()
        return self.get(lang) or self.get("en") or ""

    def __html__(self) -> str:
        from django.utils.html import escape

        return escape(str(self))


def _both(obj, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}") for lang in LANGS}


def take(results: Results, levels: dict[str, int]) -> dict:
    skills: dict[str, dict] = {}
    steps: dict[str, dict] = {}
    tracks = []
    for tv in results.tracks:
        for row in tv.rows:
            skills[row.skill.slug] = _both(row.skill, "name")
        for step in tv.steps:
            skills.setdefault(step.skill.slug, _both(step.skill, "name"))
            steps[step.slug] = {
                "skill": step.skill.slug,
                "reaches": step.reaches,
                "effort_hours": step.effort_hours,
                "title": _both(step, "title"),
                "practice": _both(step, "practice"),
                "resources": [{"title": _both(r, "title"), "url": r.url} for r in step.resources.all()],
            }
        track = tv.track
        tracks.append(
            {
                "slug": track.slug,
                "kind": track.kind,
                "name": _both(track, "name"),
                "description": _both(track, "description"),
                "advice_product_led": _both(track, "advice_product_led"),
                "advice_marketing_led": _both(track, "advice_marketing_led"),
                "readiness": tv.result.readiness,
                "band": tv.result.band,
                "total_hours": tv.result.total_hours,
                "weeks": tv.result.weeks,
                "gaps": [g.skill for g in tv.result.gaps],
                "rows": [
                    {
                        "skill": r.skill.slug,
                        "level": r.level,
                        "target": r.target,
                        "importance": r.importance,
                        "essential": r.essential,
                        "gap": r.gap,
                        "earned": r.earned,
                        "missing": r.missing,
                    }
                    for r in tv.rows
                ],
                "steps": [s.slug for s in tv.steps],
                "is_current_role": tv.is_current_role,
                "favoured": tv.favoured,
            }
        )
    return {
        "format": FORMAT,
        "company_type": results.company_type,
        "hours_per_week": results.hours_per_week,
        "current_track": results.current_track,
        "levels": levels,
        "skills": skills,
        "steps": steps,
        "tracks": tracks,
    }


def _kind_label(kind: str) -> str:
    from advisor.catalogue.models import Track

    return str(dict(Track.Kind.choices).get(kind, kind))


@dataclass
class SnapStep:
    slug: str
    skill: SimpleNamespace
    reaches: int
    effort_hours: int
    title: Text
    practice: Text
    links: list[SimpleNamespace]


def restore(snapshot: dict) -> Results:
    skills = {slug: SimpleNamespace(slug=slug, name=Text(names)) for slug, names in snapshot["skills"].items()}
    steps = {
        slug: SnapStep(
            slug,
            skills[data["skill"]],
            data["reaches"],
            data["effort_hours"],
            Text(data["title"]),
            Text(data["practice"]),
            [SimpleNamespace(title=Text(r["title"]), url=r["url"]) for r in data["resources"]],
        )
        for slug, data in snapshot["steps"].items()
    }
    views = []
    for t in snapshot["tracks"]:
        kind = t["kind"]
        track = SimpleNamespace(
            slug=t["slug"],
            kind=kind,
            name=Text(t["name"]),
            description=Text(t["description"]),
            advice_product_led=Text(t["advice_product_led"]),
            advice_marketing_led=Text(t["advice_marketing_led"]),
            get_kind_display=lambda kind=kind: _kind_label(kind),
        )
        rows = [
            SkillRow(
                skills[r["skill"]],
                r["level"],
                r["target"],
                r["importance"],
                r["essential"],
                r["gap"],
                r["earned"],
                r["missing"],
            )
            for r in t["rows"]
        ]
        by_skill = {r.skill.slug: r for r in rows}
        result = SimpleNamespace(
            readiness=t["readiness"],
            band=t["band"],
            total_hours=t["total_hours"],
            weeks=t["weeks"],
            gaps=[
                scoring.Gap(s, by_skill[s].level, by_skill[s].target, by_skill[s].importance, by_skill[s].essential)
                for s in t["gaps"]
            ],
        )
        views.append(
            TrackView(track, result, rows, [steps[s] for s in t["steps"]], t["is_current_role"], t["favoured"])
        )
    return Results(views, snapshot["company_type"], snapshot["hours_per_week"], snapshot["current_track"])


def in_language(lang: str):
    """Context manager for rendering a snapshot in a given language (exports)."""
    return translation.override("zh-hans" if lang == "zh" else "en")
