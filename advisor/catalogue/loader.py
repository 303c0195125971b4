"""Load a catalogue file (see seed/FORMAT.md) into the database, all or nothing.

The file is checked whole before anything is written, so a broken reference or
an out-of-range number stops the load with a message naming the file and the
entry; the write itself runs in one transaction, so nothing is half-loaded."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from advisor.catalogue import models as m
from advisor.catalogue.seed_writer import write

SEED_PATH = Path(__file__).resolve().parent / "seed" / "catalogue.yaml"


class CatalogueError(Exception):
    pass


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, entry: str, message: str) -> None:
        raise CatalogueError(f"{self.source}: {entry}: {message}")

    def text(self, entry: str, value: Any, key: str, *, required: bool = True) -> dict[str, str]:
        if value is None and not required:
            return {"en": "", "zh": ""}
        if not isinstance(value, dict) or not {"en", "zh"} <= set(value):
            self.fail(entry, f"'{key}' must have both 'en' and 'zh' texts")
        en, zh = str(value["en"] or "").strip(), str(value["zh"] or "").strip()
        if required and not (en and zh):
            self.fail(entry, f"'{key}' has an empty 'en' or 'zh' text")
        return {"en": en, "zh": zh}

    def integer(self, entry: str, value: Any, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                entry,
                f"'{key}' must be a whole number from {low} to {high}, not {value!r}",
            )
        return value

    def slugs(self, section: str, rows: list[dict], key: str = "slug") -> set[str]:
        seen: set[str] = set()
        for i, row in enumerate(rows):
            slug = row.get(key)
            if not isinstance(slug, str) or not slug:
                self.fail(f"{section}[{i}]", f"missing '{key}'")
            if slug in seen:
                self.fail(f"{section} '{slug}'", "appears twice")
            seen.add(slug)
        return seen


def _section(data: dict, name: str, checker: _Checker) -> list[dict]:
    rows = data.get(name)
    if not isinstance(rows, list) or not rows:
        checker.fail(name, "missing or empty section")
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            checker.fail(f"{name}[{i}]", "must be a mapping")
    return rows


def parse(text: str, source: str) -> dict[str, Any]:
    """Check a catalogue file and return it normalised. Raises CatalogueError."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{source}: not valid YAML: {exc}") from None
    return check(data, source)


def check(data: Any, source: str) -> dict[str, Any]:
    """Check already-decoded catalogue data (from YAML, JSON or CSV) and return it normalised."""
    c = _Checker(source)
    if not isinstance(data, dict):
        raise CatalogueError(f"{source}: the file must be a mapping of sections")

    levels = _section(data, "levels", c)
    if sorted(row.get("level") for row in levels) != list(range(m.MAX_LEVEL + 1)):
        c.fail("levels", f"must define each level 0 to {m.MAX_LEVEL} exactly once")
    out: dict[str, Any] = {
        "levels": [],
        "themes": [],
        "tracks": [],
        "skills": [],
        "requirements": [],
    }
    for row in levels:
        entry = f"level {row['level']}"
        out["levels"].append(
            {
                "level": row["level"],
                "label": c.text(entry, row.get("label"), "label"),
                "description": c.text(entry, row.get("description"), "description", required=False),
            }
        )

    themes = _section(data, "themes", c)
    theme_slugs = c.slugs("theme", themes)
    for row in themes:
        entry = f"theme '{row['slug']}'"
        out["themes"].append(
            {
                "slug": row["slug"],
                "name": c.text(entry, row.get("name"), "name"),
                "intro": c.text(entry, row.get("intro"), "intro", required=False),
            }
        )

    tracks = _section(data, "tracks", c)
    track_slugs = c.slugs("track", tracks)
    for row in tracks:
        entry = f"track '{row['slug']}'"
        if row.get("kind") not in m.Track.Kind.values:
            c.fail(
                entry,
                f"'kind' must be one of {', '.join(m.Track.Kind.values)}, not {row.get('kind')!r}",
            )
        out["tracks"].append(
            {
                "slug": row["slug"],
                "kind": row["kind"],
                "name": c.text(entry, row.get("name"), "name"),
                "focus": c.text(entry, row.get("focus"), "focus"),
                "description": c.text(entry, row.get("description"), "description"),
                "advice_product_led": c.text(
                    entry,
                    row.get("advice_product_led"),
                    "advice_product_led",
                    required=False,
                ),
                "advice_marketing_led": c.text(
                    entry,
                    row.get("advice_marketing_led"),
                    "advice_marketing_led",
                    required=False,
                ),
            }
        )

    skills = _section(data, "skills", c)
    skill_slugs = c.slugs("skill", skills)
    for row in skills:
        entry = f"skill '{row['slug']}'"
        if row.get("theme") not in theme_slugs:
            c.fail(entry, f"unknown theme {row.get('theme')!r}")
        out["skills"].append(
            {
                "slug": row["slug"],
                "theme": row["theme"],
                "name": c.text(entry, row.get("name"), "name"),
                "description": c.text(entry, row.get("description"), "description", required=False),
            }
        )

    pairs: set[tuple[str, str]] = set()
    for row in _section(data, "requirements", c):
        entry = f"requirement {row.get('track')!r} × {row.get('skill')!r}"
        if row.get("track") not in track_slugs:
            c.fail(entry, f"unknown track {row.get('track')!r}")
        if row.get("skill") not in skill_slugs:
            c.fail(entry, f"unknown skill {row.get('skill')!r}")
        pair = (row["track"], row["skill"])
        if pair in pairs:
            c.fail(entry, "duplicate mapping: this track already requires this skill")
        pairs.add(pair)
        if not isinstance(row.get("essential", False), bool):
            c.fail(entry, "'essential' must be true or false")
        out["requirements"].append(
            {
                "track": row["track"],
                "skill": row["skill"],
                "importance": c.integer(entry, row.get("importance"), "importance", 1, 5),
                "target": c.integer(entry, row.get("target"), "target", 1, m.MAX_LEVEL),
                "essential": row.get("essential", False),
            }
        )

    essential = {r["track"] for r in out["requirements"] if r["essential"]}
    for row in out["tracks"]:
        if row["slug"] not in essential:
            c.fail(f"track '{row['slug']}'", "needs at least one essential requirement")

    out["context_questions"] = _context_questions(data, c, track_slugs)
    out["questions"] = _questions(data, c, skill_slugs, out["context_questions"])
    out["steps"] = _steps(data, c, skill_slugs)
    return out


def _context_questions(data: dict, c: _Checker, track_slugs: set[str]) -> list[dict]:
    rows = _section(data, "context_questions", c)
    c.slugs("context question", rows)
    out = []
    for row in rows:
        entry = f"context question '{row['slug']}'"
        if row["slug"] not in m.ContextQuestion.Use.values:
            c.fail(entry, f"slug must be one of {', '.join(m.ContextQuestion.Use.values)}")
        choices = row.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            c.fail(entry, "needs at least two choices")
        values = c.slugs(f"{entry} choice", choices, key="value")
        parsed = []
        for choice in choices:
            where = f"{entry} choice '{choice['value']}'"
            if choice.get("track") is not None and choice["track"] not in track_slugs:
                c.fail(where, f"unknown track {choice['track']!r}")
            number = choice.get("number")
            if number is not None:
                c.integer(where, number, "number", 0, 100)
            parsed.append(
                {
                    "value": str(choice["value"]),
                    "label": c.text(where, choice.get("label"), "label"),
                    "number": number,
                    "track": choice.get("track"),
                }
            )
        out.append(
            {
                "slug": row["slug"],
                "text": c.text(entry, row.get("text"), "text"),
                "help": c.text(entry, row.get("help"), "help", required=False),
                "choices": parsed,
                "values": values,
            }
        )
    return out


def _questions(data: dict, c: _Checker, skill_slugs: set[str], context: list[dict]) -> list[dict]:
    rows = _section(data, "questions", c)
    c.slugs("question", rows)
    context_values = {q["slug"]: {str(v) for v in q["values"]} for q in context}
    out = []
    for row in rows:
        entry = f"question '{row['slug']}'"
        if row.get("skill") not in skill_slugs:
            c.fail(entry, f"unknown skill {row.get('skill')!r}")
        choices = row.get("choices")
        if not isinstance(choices, list) or len(choices) != m.MAX_LEVEL + 1:
            c.fail(
                entry,
                f"needs exactly {m.MAX_LEVEL + 1} choices, one per level 0–{m.MAX_LEVEL}",
            )
        rule = row.get("skip_unless")
        skip = None
        if rule is not None:
            if not isinstance(rule, dict) or rule.get("question") not in context_values:
                c.fail(entry, "'skip_unless' must name a context question")
            values = [str(v) for v in rule.get("values") or []]
            unknown = set(values) - context_values[rule["question"]]
            if not values or unknown:
                c.fail(
                    entry,
                    f"'skip_unless' values must be choices of '{rule['question']}'",
                )
            skip = {"question": rule["question"], "values": values}
        out.append(
            {
                "slug": row["slug"],
                "skill": row["skill"],
                "text": c.text(entry, row.get("text"), "text"),
                "help": c.text(entry, row.get("help"), "help", required=False),
                "choices": [c.text(f"{entry} choice {lvl}", ch, "choice") for lvl, ch in enumerate(choices)],
                "skip_unless": skip,
            }
        )
    asked = {q["skill"] for q in out}
    for slug in sorted(skill_slugs - asked):
        c.fail(f"skill '{slug}'", "no question measures it")
    return out


def _steps(data: dict, c: _Checker, skill_slugs: set[str]) -> list[dict]:
    rows = _section(data, "steps", c)
    step_slugs = c.slugs("step", rows)
    out = []
    for row in rows:
        entry = f"step '{row['slug']}'"
        if row.get("skill") not in skill_slugs:
            c.fail(entry, f"unknown skill {row.get('skill')!r}")
        prereqs = row.get("prerequisites") or []
        for slug in prereqs:
            if slug not in step_slugs:
                c.fail(entry, f"unknown prerequisite step {slug!r}")
        resources = []
        for res in row.get("resources") or []:
            url = str(res.get("url", ""))
            if not url.startswith(("https://", "http://")):
                c.fail(entry, f"resource address {url!r} must start with https://")
            resources.append({"title": c.text(entry, res.get("title"), "resource title"), "url": url})
        out.append(
            {
                "slug": row["slug"],
                "skill": row["skill"],
                "reaches": c.integer(entry, row.get("reaches"), "reaches", 1, m.MAX_LEVEL),
                "effort_hours": c.integer(entry, row.get("effort_hours"), "effort_hours", 1, 1000),
                "title": c.text(entry, row.get("title"), "title"),
                "practice": c.text(entry, row.get("practice"), "practice"),
                "resources": resources,
                "prerequisites": list(prereqs),
            }
        )
    cycle = find_cycle({s["slug"]: s["prerequisites"] for s in out})
    if cycle:
        c.fail(f"step '{cycle[0]}'", "prerequisites form a cycle: " + " → ".join(cycle))
    stepped = {s["skill"] for s in out}
    for slug in sorted(skill_slugs - stepped):
        c.fail(f"skill '{slug}'", "has no transition step")
    return out


def find_cycle(graph: dict[str, Iterable[str]]) -> list[str] | None:
    """A list of slugs that closes a cycle (first == last), or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if state.get(nxt) is None and (found := walk(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := walk(node)):
            return found
    return None


def load_file(path: Path) -> dict[str, int]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot be read: {exc.strerror}") from None
    return write(parse(text, str(path)))
