"""Write a checked catalogue (see loader.check) into the database in one transaction.

Everything is upserted by slug; the rows of named entries (requirements,
choices, prerequisites, resources) are replaced to match the file."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from advisor.catalogue import models as m


def _pair(prefix: str, text: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_en": text["en"], f"{prefix}_zh": text["zh"]}


@transaction.atomic
def write(cat: dict[str, Any]) -> dict[str, int]:
    """Upsert everything by slug. The file is the truth for what it names:
    requirements, choices, prerequisites and resources of named entries are
    replaced to match it. Entries the file does not name are left alone."""
    for row in cat["levels"]:
        m.ProficiencyLevel.objects.update_or_create(
            level=row["level"],
            defaults=_pair("label", row["label"]) | _pair("description", row["description"]),
        )
    themes = {}
    for pos, row in enumerate(cat["themes"]):
        themes[row["slug"]], _ = m.Theme.objects.update_or_create(
            slug=row["slug"],
            defaults={"position": pos} | _pair("name", row["name"]) | _pair("intro", row["intro"]),
        )
    tracks = {}
    for pos, row in enumerate(cat["tracks"]):
        defaults = {"position": pos, "kind": row["kind"]}
        for key in (
            "name",
            "focus",
            "description",
            "advice_product_led",
            "advice_marketing_led",
        ):
            defaults |= _pair(key, row[key])
        tracks[row["slug"]], _ = m.Track.objects.update_or_create(slug=row["slug"], defaults=defaults)
    skills = {}
    for pos, row in enumerate(cat["skills"]):
        defaults = {"position": pos, "theme": themes[row["theme"]]}
        defaults |= _pair("name", row["name"]) | _pair("description", row["description"])
        skills[row["slug"]], _ = m.Skill.objects.update_or_create(slug=row["slug"], defaults=defaults)

    m.Requirement.objects.filter(track__in=tracks.values()).delete()
    bulk_create_with_history(
        [
            m.Requirement(
                track=tracks[r["track"]],
                skill=skills[r["skill"]],
                importance=r["importance"],
                target=r["target"],
                essential=r["essential"],
            )
            for r in cat["requirements"]
        ],
        m.Requirement,
    )

    contexts = {}
    for pos, row in enumerate(cat["context_questions"]):
        q, _ = m.ContextQuestion.objects.update_or_create(
            slug=row["slug"],
            defaults={"position": pos} | _pair("text", row["text"]) | _pair("help", row["help"]),
        )
        contexts[row["slug"]] = q
        keep = []
        for cpos, ch in enumerate(row["choices"]):
            choice, _ = m.ContextChoice.objects.update_or_create(
                question=q,
                value=ch["value"],
                defaults={
                    "position": cpos,
                    "number": ch["number"],
                    "track": tracks.get(ch["track"]),
                }
                | _pair("label", ch["label"]),
            )
            keep.append(choice.pk)
        q.choices.exclude(pk__in=keep).delete()

    for pos, row in enumerate(cat["questions"]):
        skip = row["skip_unless"]
        q, _ = m.Question.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "position": pos,
                "skill": skills[row["skill"]],
                "skip_unless_question": contexts[skip["question"]] if skip else None,
                "skip_unless_values": skip["values"] if skip else [],
            }
            | _pair("text", row["text"])
            | _pair("help", row["help"]),
        )
        for level, label in enumerate(row["choices"]):
            m.Choice.objects.update_or_create(question=q, level=level, defaults=_pair("label", label))

    steps = {}
    for row in cat["steps"]:
        step, _ = m.Step.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "skill": skills[row["skill"]],
                "reaches": row["reaches"],
                "effort_hours": row["effort_hours"],
            }
            | _pair("title", row["title"])
            | _pair("practice", row["practice"]),
        )
        steps[row["slug"]] = step
        step.resources.all().delete()
        bulk_create_with_history(
            [
                m.Resource(step=step, position=i, url=r["url"], **_pair("title", r["title"]))
                for i, r in enumerate(row["resources"])
            ],
            m.Resource,
        )
    for row in cat["steps"]:
        steps[row["slug"]].prerequisites.set([steps[s] for s in row["prerequisites"]])

    return {
        "tracks": len(tracks),
        "skills": len(skills),
        "requirements": len(cat["requirements"]),
        "questions": len(cat["questions"]),
        "steps": len(steps),
    }
