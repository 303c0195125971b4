"""A report's snapshot: the results frozen as plain JSON, in both languages.

`take` writes it from the results objects; `restore` reads it back into the
same frozen objects (questionnaire/results.py) the results page renders, so a
saved report looks as the results did, whatever admins change in the catalogue
afterwards. `restore` opens every format ever saved; FORMAT is the newest."""

from __future__ import annotations

from advisor.catalogue.models import CompanyType
from advisor.i18n import Text
from advisor.questionnaire.results import Link, Results, SkillInfo, SkillRow, StepInfo, TrackInfo, TrackView

FORMAT = 1


def take(results: Results, levels: dict[str, int]) -> dict:
    skills: dict[str, dict] = {}
    steps: dict[str, dict] = {}
    tracks = []
    for tv in results.tracks:
        for row in tv.rows:
            skills[row.skill.slug] = row.skill.name.as_dict()
        for step in tv.steps:
            skills.setdefault(step.skill.slug, step.skill.name.as_dict())
            steps[step.slug] = {
                "skill": step.skill.slug,
                "reaches": step.reaches,
                "effort_hours": step.effort_hours,
                "title": step.title.as_dict(),
                "practice": step.practice.as_dict(),
                "resources": [{"title": link.title.as_dict(), "url": link.url} for link in step.links],
            }
        track = tv.track
        tracks.append(
            {
                "slug": track.slug,
                "kind": track.kind,
                "name": track.name.as_dict(),
                "description": track.description.as_dict(),
                "advice_product_led": track.advice_product_led.as_dict(),
                "advice_marketing_led": track.advice_marketing_led.as_dict(),
                "readiness": tv.readiness,
                "band": tv.band,
                "total_hours": tv.total_hours,
                "weeks": tv.weeks,
                "gaps": list(tv.gaps),
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


def restore(snapshot: dict) -> Results:
    skills = {slug: SkillInfo(slug, Text.from_dict(names)) for slug, names in snapshot["skills"].items()}
    steps = {
        slug: StepInfo(
            slug,
            skills[data["skill"]],
            data["reaches"],
            data["effort_hours"],
            Text.from_dict(data["title"]),
            Text.from_dict(data["practice"]),
            tuple(Link(Text.from_dict(r["title"]), r["url"]) for r in data["resources"]),
        )
        for slug, data in snapshot["steps"].items()
    }
    company = CompanyType.parse(snapshot["company_type"])
    views = []
    for t in snapshot["tracks"]:
        track = TrackInfo(
            t["slug"],
            t["kind"],
            Text.from_dict(t["name"]),
            Text.from_dict(t["description"]),
            Text.from_dict(t["advice_product_led"]),
            Text.from_dict(t["advice_marketing_led"]),
        )
        rows = tuple(
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
        )
        views.append(
            TrackView(
                track=track,
                readiness=t["readiness"],
                band=t["band"],
                rows=rows,
                gaps=tuple(t["gaps"]),
                steps=tuple(steps[s] for s in t["steps"]),
                total_hours=t["total_hours"],
                weeks=t["weeks"],
                is_current_role=t["is_current_role"],
                favoured=t["favoured"],
                advice=track.advice_for(company),
            )
        )
    # Saved in ranked order: the order is part of what the person was shown.
    return Results(tuple(views), snapshot["company_type"], snapshot["hours_per_week"], snapshot["current_track"])
