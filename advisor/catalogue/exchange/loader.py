"""Read a catalogue file (YAML or JSON in the format of seed/FORMAT.md, or a CSV
requirement table) and check it whole before anything is written: a broken
reference or an out-of-range number stops it with a message that names the
file and the entry. Checking walks the section table in schema.py."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any

import yaml

from advisor.catalogue.exchange.exporter import CSV_COLUMNS, catalogue_data
from advisor.catalogue.exchange.fields import CatalogueError, Checker
from advisor.catalogue.exchange.schema import BEFORE, TOP_LEVEL

SEED_PATH = Path(__file__).resolve().parent.parent / "seed" / "catalogue.yaml"
FORMATS = ("yaml", "json", "csv")


def guess_format(name: str) -> str:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return {"yml": "yaml"}.get(suffix, suffix)


def read(text: str, source: str, fmt: str) -> dict[str, Any]:
    """Check a file whole and return the catalogue it describes. Raises CatalogueError."""
    if fmt == "yaml":
        return parse(text, source)
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogueError(f"{source}: not valid JSON: {exc}") from None
        return check(data, source)
    if fmt == "csv":
        return _read_csv(text, source)
    raise CatalogueError(f"{source}: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def read_file(path: Path, fmt: str | None = None) -> dict[str, Any]:
    """Read and check a file; its format comes from its name unless given."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    return read(text, str(path), fmt or guess_format(path.name))


def parse(text: str, source: str) -> dict[str, Any]:
    """Check a YAML catalogue and return it normalised."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{source}: not valid YAML: {exc}") from None
    return check(data, source)


def check(data: Any, source: str) -> dict[str, Any]:
    """Check decoded catalogue data (from YAML, JSON or CSV) and return it normalised."""
    c = Checker(source)
    if not isinstance(data, dict):
        raise CatalogueError(f"{source}: the file must be a mapping of sections")
    out: dict[str, Any] = {}
    for section in TOP_LEVEL:
        rows = data.get(section.name)
        if rows is None and not section.required:
            rows = []
        if not isinstance(rows, list) or (section.required and not rows):
            c.fail(section.name, "missing or empty section")
        if before := BEFORE.get(section.name):
            before(rows, c)
        out[section.name] = c.rows[section.name] = section.read(rows, c)
        for rule in AFTER.get(section.name, ()):
            rule(out, c)
    return out


# --- rules across sections, run once the section they name is read ------------


def _every_track_has_an_essential_requirement(out: dict, c: Checker) -> None:
    essential = {r["track"] for r in out["requirements"] if r["essential"]}
    for row in out["tracks"]:
        if row["slug"] not in essential:
            c.fail(f"track '{row['slug']}'", "needs at least one essential requirement")


def _every_skill_is_measured(out: dict, c: Checker) -> None:
    asked = {q["skill"] for q in out["questions"]}
    for slug in sorted(c.keys["skills"] - asked):
        c.fail(f"skill '{slug}'", "no question measures it")


def _prerequisites_form_no_cycle(out: dict, c: Checker) -> None:
    cycle = find_cycle({s["slug"]: s["prerequisites"] for s in out["steps"]})
    if cycle:
        c.fail(f"step '{cycle[0]}'", "prerequisites form a cycle: " + " → ".join(cycle))


def _every_skill_has_a_step(out: dict, c: Checker) -> None:
    stepped = {s["skill"] for s in out["steps"]}
    for slug in sorted(c.keys["skills"] - stepped):
        c.fail(f"skill '{slug}'", "has no transition step")


AFTER = {
    "requirements": [_every_track_has_an_essential_requirement],
    "questions": [_every_skill_is_measured],
    "steps": [_prerequisites_form_no_cycle, _every_skill_has_a_step],
}


def find_cycle(graph: dict[str, Iterable[str]]) -> list[str] | None:
    """A list of nodes that closes a cycle (first == last), or None."""
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


# --- CSV -----------------------------------------------------------------------


def _read_csv(text: str, source: str) -> dict[str, Any]:
    """A requirement table replaces the requirements of the tracks it names;
    everything else comes from the current catalogue."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = set(reader.fieldnames or [])
    if not set(CSV_COLUMNS) - {"source"} <= columns <= set(CSV_COLUMNS):
        raise CatalogueError(f"{source}: the columns must be {','.join(CSV_COLUMNS)} (source is optional)")
    rows = []
    for line, row in enumerate(reader, 2):
        rows.append(
            {
                "track": row["track"].strip(),
                "skill": row["skill"].strip(),
                "importance": _number(row["importance"]),
                "target": _number(row["target"]),
                "essential": {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(
                    row["essential"].strip().lower(), f"{row['essential']!r} on line {line}"
                ),
                "source": (row.get("source") or "").strip(),
            }
        )
    if not rows:
        raise CatalogueError(f"{source}: the table has no rows")
    data = catalogue_data()
    named = {r["track"] for r in rows}
    data["requirements"] = [r for r in data["requirements"] if r["track"] not in named] + rows
    return check(data, source)


def _number(value: str) -> int | str:
    value = value.strip()
    return int(value) if value.isdigit() else value
