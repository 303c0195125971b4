"""Write the changes an import plan lists, row by row through `save()` and
`delete()` so that history records each one with the importing user. Rows the
plan does not mention are not touched."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from advisor.catalogue import models as m
from advisor.catalogue.diff import ADDED, CHANGED, REMOVED, Change, entry_key

# Deleting in this order never trips over a protected reference: a skill's
# requirements and questions are gone (or moved) before the skill, a theme's
# skills before the theme.
REMOVAL_ORDER = [
    "requirements",
    "context_choices",
    "steps",
    "questions",
    "context_questions",
    "tracks",
    "skills",
    "themes",
]
SECTION_MODELS = {
    "themes": m.Theme,
    "tracks": m.Track,
    "skills": m.Skill,
    "context_questions": m.ContextQuestion,
    "questions": m.Question,
    "steps": m.Step,
}


def find(change: Change) -> models.Model | None:
    """The database row a change is about, if it exists."""
    lk = change.lookup
    if change.section == "requirements":
        return m.Requirement.objects.filter(track__slug=lk["track"], skill__slug=lk["skill"]).first()
    if change.section == "context_choices":
        return m.ContextChoice.objects.filter(question__slug=lk["question"], value=lk["value"]).first()
    return SECTION_MODELS[change.section].objects.filter(slug=lk["slug"]).first()


def _pairs(row: dict, *names: str) -> dict[str, str]:
    out = {}
    for name in names:
        text = row.get(name) or {}
        out |= {f"{name}_en": text.get("en") or "", f"{name}_zh": text.get("zh") or ""}
    return out


class Writer:
    def __init__(self, cat: dict[str, Any], changes: list[Change], user=None) -> None:
        self.cat = cat
        self.user = user if user is not None and user.is_authenticated else None
        self.fields = {c.key: {f[0] for f in c.fields} for c in changes if c.kind == CHANGED}
        self.added = {c.key for c in changes if c.kind == ADDED}
        self.removed = [c for c in changes if c.kind == REMOVED]
        # A section whose order moved is renumbered whole, so that rows left as
        # they were cannot end up between rows that moved.
        self.reordered = {c.section for c in changes if c.key in self.added or "order" in self.fields.get(c.key, ())}

    def touched(self, key: str) -> bool:
        return key in self.added or key in self.fields

    def save(self, obj: models.Model, values: dict[str, Any]) -> models.Model:
        if obj.pk is None or any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj._history_user = self.user
            obj.save()
        return obj

    def write(self) -> None:
        levels = {lv.level: lv for lv in m.ProficiencyLevel.objects.all()}
        for row in self.cat["levels"]:
            if self.touched(entry_key("levels", row)):
                obj = levels.get(row["level"]) or m.ProficiencyLevel(level=row["level"])
                self.save(obj, _pairs(row, "label", "description"))
        themes = self.positioned("themes", m.Theme, lambda row: _pairs(row, "name", "intro"))
        tracks = self.positioned(
            "tracks",
            m.Track,
            lambda row: (
                {"kind": row["kind"]}
                | _pairs(row, "name", "focus", "description", "advice_product_led", "advice_marketing_led")
            ),
        )
        skills = self.positioned(
            "skills",
            m.Skill,
            lambda row: {"theme_id": themes[row["theme"]].pk} | _pairs(row, "name", "description"),
        )
        self.requirements(tracks, skills)
        contexts = self.positioned("context_questions", m.ContextQuestion, lambda row: _pairs(row, "text", "help"))
        self.context_choices(contexts, tracks)

        def question(row: dict) -> dict[str, Any]:
            skip = row.get("skip_unless")
            return {
                "skill_id": skills[row["skill"]].pk,
                "skip_unless_question_id": contexts[skip["question"]].pk if skip else None,
                "skip_unless_values": skip["values"] if skip else [],
            } | _pairs(row, "text", "help")

        questions = self.positioned("questions", m.Question, question)
        self.choices(questions)
        self.steps(skills)
        self.remove()

    def positioned(
        self, section: str, model: type[models.Model], values: Callable[[dict], dict[str, Any]]
    ) -> dict[str, Any]:
        existing = {obj.slug: obj for obj in model.objects.all()}
        for i, row in enumerate(self.cat[section]):
            obj = existing.get(row["slug"]) or model(slug=row["slug"])
            new = values(row) if self.touched(entry_key(section, row)) else {}
            if obj.pk is None or section in self.reordered:
                new["position"] = i
            if new:
                self.save(obj, new)
            existing[row["slug"]] = obj
        return existing

    def requirements(self, tracks: dict, skills: dict) -> None:
        existing = {(r.track_id, r.skill_id): r for r in m.Requirement.objects.all()}
        for row in self.cat["requirements"]:
            if self.touched(entry_key("requirements", row)):
                track, skill = tracks[row["track"]], skills[row["skill"]]
                obj = existing.get((track.pk, skill.pk)) or m.Requirement(track=track, skill=skill)
                self.save(obj, {k: row[k] for k in ("importance", "target", "essential")})

    def context_choices(self, contexts: dict, tracks: dict) -> None:
        existing = {(c.question_id, c.value): c for c in m.ContextChoice.objects.all()}
        for row in self.cat["context_questions"]:
            question = contexts[row["slug"]]
            keys = [f"{entry_key('context_questions', row)} choice '{ch['value']}'" for ch in row["choices"]]
            renumber = any(self.touched(k) for k in keys)
            for i, (key, ch) in enumerate(zip(keys, row["choices"], strict=True)):
                obj = existing.get((question.pk, ch["value"])) or m.ContextChoice(question=question, value=ch["value"])
                new = {"position": i} if renumber else {}
                if self.touched(key):
                    track = tracks[ch["track"]].pk if ch.get("track") else None
                    new |= {"number": ch.get("number"), "track_id": track} | _pairs(ch, "label")
                if new:
                    self.save(obj, new)

    def choices(self, questions: dict) -> None:
        touched = [row for row in self.cat["questions"] if self.touched(entry_key("questions", row))]
        existing = {
            (c.question_id, c.level): c
            for c in m.Choice.objects.filter(question__in=[questions[r["slug"]] for r in touched])
        }
        for row in touched:
            question = questions[row["slug"]]
            for level, label in enumerate(row["choices"]):
                obj = existing.get((question.pk, level)) or m.Choice(question=question, level=level)
                self.save(obj, {"label_en": label["en"], "label_zh": label["zh"]})

    def steps(self, skills: dict) -> None:
        existing = {s.slug: s for s in m.Step.objects.all()}
        relink = []
        for row in self.cat["steps"]:
            key = entry_key("steps", row)
            if not self.touched(key):
                continue
            obj = existing.get(row["slug"]) or m.Step(slug=row["slug"])
            new = {k: row[k] for k in ("reaches", "effort_hours")} | {"skill_id": skills[row["skill"]].pk}
            existing[row["slug"]] = self.save(obj, new | _pairs(row, "title", "practice"))
            changed = self.fields.get(key, {"resources", "prerequisites"})
            if "resources" in changed:
                for resource in obj.resources.all():
                    resource._history_user = self.user
                    resource.delete()
                for i, res in enumerate(row.get("resources") or []):
                    self.save(m.Resource(step=obj, url=res["url"]), {"position": i} | _pairs(res, "title"))
            if "prerequisites" in changed:
                relink.append(row)
        # Prerequisites last: they may name steps added further down the file.
        for row in relink:
            step = existing[row["slug"]]
            step._history_user = self.user
            step.prerequisites.set([existing[slug] for slug in row.get("prerequisites") or []])

    def remove(self) -> None:
        for section in REMOVAL_ORDER:
            for change in self.removed:
                if change.section == section and (obj := find(change)) is not None:
                    obj._history_user = self.user
                    obj.delete()
