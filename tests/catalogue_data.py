"""A small, valid catalogue in the seed file's format, for tests to break on purpose."""

from __future__ import annotations

import copy

import yaml


def t(text: str) -> dict[str, str]:
    return {"en": text, "zh": f"中{text}"}


SMALL = {
    "levels": [{"level": n, "label": t(f"level {n}"), "description": t(f"does {n}")} for n in range(5)],
    "themes": [{"slug": "content", "name": t("Content")}, {"slug": "product", "name": t("Product")}],
    "tracks": [
        {
            "slug": "promotion",
            "kind": "promotion",
            "name": t("Promotion"),
            "focus": t("Brings traffic in"),
            "description": t("Promotion desc"),
        },
        {
            "slug": "content-operation",
            "kind": "operation",
            "name": t("Content operation"),
            "focus": t("Converts"),
            "description": t("Content desc"),
        },
    ],
    "skills": [
        {"slug": "copywriting", "theme": "content", "name": t("Copywriting")},
        {"slug": "prototyping", "theme": "product", "name": t("Prototyping")},
    ],
    "requirements": [
        {"track": "promotion", "skill": "copywriting", "importance": 3, "target": 2, "essential": True},
        {"track": "content-operation", "skill": "copywriting", "importance": 5, "target": 3, "essential": True},
        {"track": "content-operation", "skill": "prototyping", "importance": 2, "target": 1},
    ],
    "context_questions": [
        {
            "slug": "hours_per_week",
            "text": t("Hours?"),
            "choices": [
                {"value": "2", "label": t("2 h"), "number": 2},
                {"value": "10", "label": t("10 h"), "number": 10},
            ],
        },
        {
            "slug": "sells_online",
            "text": t("Shop?"),
            "choices": [{"value": "yes", "label": t("Yes")}, {"value": "no", "label": t("No")}],
        },
    ],
    "questions": [
        {"slug": "copy-q", "skill": "copywriting", "text": t("Copy?"), "choices": [t(f"c{n}") for n in range(5)]},
        {
            "slug": "proto-q",
            "skill": "prototyping",
            "text": t("Proto?"),
            "choices": [t(f"p{n}") for n in range(5)],
            "skip_unless": {"question": "sells_online", "values": ["yes"]},
        },
    ],
    "steps": [
        {
            "slug": "copy-1",
            "skill": "copywriting",
            "reaches": 2,
            "effort_hours": 4,
            "title": t("Write"),
            "practice": t("Write ten ads"),
            "evidence": t("Ten ads with their click-through rates"),
        },
        {
            "slug": "proto-1",
            "skill": "prototyping",
            "reaches": 1,
            "effort_hours": 3,
            "title": t("Draw"),
            "practice": t("Draw a flow"),
            "evidence": t("A clickable flow"),
            "prerequisites": ["copy-1"],
            "resources": [{"title": t("Guide"), "url": "https://example.org/guide"}],
        },
    ],
}


def small() -> dict:
    return copy.deepcopy(SMALL)


class PlainDumper(yaml.SafeDumper):
    """A value used twice is written twice: the importer refuses YAML aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=PlainDumper, allow_unicode=True, sort_keys=False)


def small_without_content_operation(*, its_own_entries_too: bool = False) -> dict:
    """small() without its second track (content operation) and that track's requirements;
    with its_own_entries_too, also without the skill, question and step only it used
    (prototyping), which an import with --prune would then delete."""
    data = small()
    data["tracks"].pop(1)
    data["requirements"] = [r for r in data["requirements"] if r["track"] != "content-operation"]
    if its_own_entries_too:
        for section in ("skills", "questions", "steps"):
            data[section].pop(1)
    return data
