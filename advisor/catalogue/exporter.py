"""Write the whole catalogue out in the seed file's structure (seed/FORMAT.md),
as YAML or JSON, and the skill mapping alone as CSV.

Positioned sections come out in position order and carry no position key: as
in the seed file, the order of a list is its order on screen. Optional keys
are left out when empty, so exporting a freshly loaded seed file gives back
the same catalogue."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

import yaml
from django.db.models import Prefetch

from advisor.catalogue import models as m

CSV_COLUMNS = ["track", "skill", "importance", "target", "essential"]


def _text(obj: object, name: str) -> dict[str, str]:
    return {"en": getattr(obj, f"{name}_en"), "zh": getattr(obj, f"{name}_zh")}


def _optional(row: dict[str, Any], key: str, obj: object, name: str | None = None) -> None:
    text = _text(obj, name or key)
    if text["en"] or text["zh"]:
        row[key] = text


def catalogue_data() -> dict[str, Any]:
    """The whole catalogue as plain data, in a constant number of queries."""
    data: dict[str, Any] = {
        "levels": [
            {"level": lv.level, "label": _text(lv, "label"), "description": _text(lv, "description")}
            for lv in m.ProficiencyLevel.objects.order_by("level")
        ],
        "themes": [],
        "tracks": [],
        "skills": [],
    }
    for theme in m.Theme.objects.order_by("position", "slug"):
        row = {"slug": theme.slug, "name": _text(theme, "name")}
        _optional(row, "intro", theme)
        data["themes"].append(row)

    tracks = list(m.Track.objects.order_by("position", "slug"))
    for track in tracks:
        row = {
            "slug": track.slug,
            "kind": track.kind,
            "name": _text(track, "name"),
            "focus": _text(track, "focus"),
            "description": _text(track, "description"),
        }
        _optional(row, "advice_product_led", track)
        _optional(row, "advice_marketing_led", track)
        data["tracks"].append(row)

    for skill in m.Skill.objects.select_related("theme").order_by("position", "slug"):
        row = {"slug": skill.slug, "theme": skill.theme.slug, "name": _text(skill, "name")}
        _optional(row, "description", skill)
        data["skills"].append(row)

    data["requirements"] = [
        {
            "track": r.track.slug,
            "skill": r.skill.slug,
            "importance": r.importance,
            "target": r.target,
            "essential": r.essential,
        }
        for r in _requirements()
    ]

    data["context_questions"] = []
    choices = Prefetch(
        "choices", queryset=m.ContextChoice.objects.select_related("track").order_by("position", "value")
    )
    for q in m.ContextQuestion.objects.prefetch_related(choices).order_by("position", "slug"):
        row = {"slug": q.slug, "text": _text(q, "text")}
        _optional(row, "help", q)
        row["choices"] = []
        for ch in q.choices.all():
            choice = {"value": ch.value, "label": _text(ch, "label")}
            if ch.track is not None:
                choice["track"] = ch.track.slug
            if ch.number is not None:
                choice["number"] = ch.number
            row["choices"].append(choice)
        data["context_questions"].append(row)

    data["questions"] = []
    questions = m.Question.objects.select_related("skill", "skip_unless_question").prefetch_related(
        Prefetch("choices", queryset=m.Choice.objects.order_by("level"))
    )
    for q in questions.order_by("position", "slug"):
        row = {"slug": q.slug, "skill": q.skill.slug, "text": _text(q, "text")}
        _optional(row, "help", q)
        row["choices"] = [_text(ch, "label") for ch in q.choices.all()]
        if q.skip_unless_question is not None:
            row["skip_unless"] = {"question": q.skip_unless_question.slug, "values": list(q.skip_unless_values)}
        data["questions"].append(row)

    data["steps"] = []
    steps = m.Step.objects.select_related("skill").prefetch_related(
        Prefetch("resources", queryset=m.Resource.objects.order_by("position", "pk")),
        Prefetch("prerequisites", queryset=m.Step.objects.order_by("slug").only("slug")),
    )
    for step in steps.order_by("skill__position", "skill__slug", "reaches", "slug"):
        row = {
            "slug": step.slug,
            "skill": step.skill.slug,
            "reaches": step.reaches,
            "title": _text(step, "title"),
            "practice": _text(step, "practice"),
            "effort_hours": step.effort_hours,
        }
        resources = [{"title": _text(r, "title"), "url": r.url} for r in step.resources.all()]
        if resources:
            row["resources"] = resources
        prerequisites = [p.slug for p in step.prerequisites.all()]
        if prerequisites:
            row["prerequisites"] = prerequisites
        data["steps"].append(row)
    return data


def _requirements():
    return m.Requirement.objects.select_related("track", "skill").order_by(
        "track__position", "track__slug", "-importance", "skill__position", "skill__slug"
    )


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def to_yaml(data: dict[str, Any]) -> str:
    header = "# Catalogue export of the career path advisor. Format: advisor/catalogue/seed/FORMAT.md\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def requirements_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in _requirements():
        writer.writerow([r.track.slug, r.skill.slug, r.importance, r.target, "true" if r.essential else "false"])
    return out.getvalue()


FORMATS = {
    "yaml": ("application/x-yaml", "yaml"),
    "json": ("application/json", "json"),
    "csv": ("text/csv", "csv"),
}


def export(fmt: str) -> str:
    """The catalogue in one of FORMATS: the whole of it, or for CSV the skill mapping."""
    if fmt == "csv":
        return requirements_csv()
    data = catalogue_data()
    return to_yaml(data) if fmt == "yaml" else to_json(data)
