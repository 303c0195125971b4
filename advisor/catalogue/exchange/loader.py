"""Read a catalogue file (YAML or JSON in the format of seed/FORMAT.md, or a CSV
requirement table) and check it whole before anything is written: a broken
reference or an out-of-range number stops it with a message that names the
file and the entry. Checking walks the section table in schema.py."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

import yaml
from django.utils.translation import gettext as _

from advisor.catalogue.exchange import guard
from advisor.catalogue.exchange.exporter import CSV_COLUMNS, catalogue_data
from advisor.catalogue.exchange.fields import CatalogueError, Checker
from advisor.catalogue.exchange.guard import shown
from advisor.catalogue.exchange.schema import BEFORE, BY_NAME, TOP_LEVEL

SEED_PATH = Path(__file__).resolve().parent.parent / "seed" / "catalogue.yaml"
FORMATS = ("yaml", "json", "csv")


def guess_format(name: str) -> str:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return {"yml": "yaml"}.get(suffix, suffix)


def read(text: str, source: str, fmt: str) -> dict[str, Any]:
    """Check a file whole and return the catalogue it describes. Raises CatalogueError.

    The one way in for the admin's preview and confirm, import_catalogue and
    load_catalogue alike, so all of them refuse exactly the same files."""
    try:
        guard.check_size(len(text.encode("utf-8", "surrogatepass")))
        if fmt == "yaml":
            return parse(text, source)
        if fmt == "json":
            return check(_decode_json(text, source), source)
        if fmt == "csv":
            return _read_csv(text, source)
    except guard.Refused as exc:
        raise CatalogueError(f"{source}: {exc}") from None
    raise CatalogueError(
        _("%(source)s: unknown format %(format)s; use one of %(formats)s")
        % {"source": source, "format": shown(fmt), "formats": ", ".join(FORMATS)}
    )


def read_file(path: Path, fmt: str | None = None) -> dict[str, Any]:
    """Read and check a file; its format comes from its name unless given."""
    try:
        guard.check_size(path.stat().st_size)  # before reading a file too large to hold
        text = path.read_text(encoding="utf-8")
    except guard.Refused as exc:
        raise CatalogueError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise CatalogueError(_("%(path)s: cannot be read: %(reason)s") % {"path": path, "reason": reason}) from None
    return read(text, str(path), fmt or guess_format(path.name))


def parse(text: str, source: str) -> dict[str, Any]:
    """Check a YAML catalogue and return it normalised."""
    try:
        data = guard.load_yaml(text)
    except guard.Refused as exc:
        raise CatalogueError(f"{source}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        where = _(" (line %(line)d)") % {"line": mark.line + 1} if mark else ""
        raise CatalogueError(
            _("%(source)s: not valid YAML: %(problem)s%(where)s")
            % {"source": source, "problem": problem, "where": where}
        ) from None
    except (ValueError, OverflowError):
        # int() refuses numbers past 4,300 digits; a YAML timestamp may be out of range.
        raise CatalogueError(
            _("%(source)s: not valid YAML: a number or date is out of range") % {"source": source}
        ) from None
    return check(data, source)


def _decode_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            _("%(source)s: not valid JSON: %(problem)s (line %(line)d)")
            % {"source": source, "problem": exc.msg, "line": exc.lineno}
        ) from None
    except RecursionError:
        raise guard.Refused(_("lists and mappings nest too deeply.")) from None
    except ValueError:
        raise CatalogueError(_("%(source)s: not valid JSON: a number is out of range") % {"source": source}) from None


def check(data: Any, source: str) -> dict[str, Any]:
    """Check decoded catalogue data (from YAML, JSON or CSV) and return it normalised."""
    c = Checker(source)
    if not isinstance(data, dict):
        raise CatalogueError(_("%(source)s: the file must be a mapping of sections") % {"source": source})
    try:
        guard.check_depth(data)
    except guard.Refused as exc:
        raise CatalogueError(f"{source}: {exc}") from None
    names = [section.name for section in TOP_LEVEL]
    unknown = [key for key in data if key not in names]
    if unknown:
        c.fail(
            shown(unknown[0]),
            _("unknown section; the sections are %(names)s") % {"names": ", ".join(names)},
        )
    out: dict[str, Any] = {}
    for section in TOP_LEVEL:
        rows = data.get(section.name)
        if rows is None and not section.required:
            rows = []
        if not isinstance(rows, list) or (section.required and not rows):
            c.fail(section.name, _("missing or empty section"))
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
            c.fail(BY_NAME["tracks"].entry(row), _("needs at least one essential requirement"))


def _every_skill_is_measured(out: dict, c: Checker) -> None:
    asked = {q["skill"] for q in out["questions"]}
    for slug in sorted(c.keys["skills"] - asked):
        c.fail(BY_NAME["skills"].entry({"slug": slug}), _("no question measures it"))


def _prerequisites_form_no_cycle(out: dict, c: Checker) -> None:
    cycle = find_cycle({s["slug"]: s["prerequisites"] for s in out["steps"]})
    if cycle:
        step = BY_NAME["steps"].entry({"slug": cycle[0]})
        c.fail(step, _("prerequisites form a cycle: %(cycle)s") % {"cycle": cycle_text(cycle)})


def _every_skill_has_a_step(out: dict, c: Checker) -> None:
    stepped = {s["skill"] for s in out["steps"]}
    for slug in sorted(c.keys["skills"] - stepped):
        c.fail(BY_NAME["skills"].entry({"slug": slug}), _("has no transition step"))


AFTER = {
    "requirements": [_every_track_has_an_essential_requirement],
    "questions": [_every_skill_is_measured],
    "steps": [_prerequisites_form_no_cycle, _every_skill_has_a_step],
}


def cycle_text(cycle: list[str]) -> str:
    """A cycle on one short line: a long one keeps its ends."""
    shown = cycle if len(cycle) <= 8 else [*cycle[:4], "…", *cycle[-3:]]
    return " → ".join(shown)


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A list of nodes that closes a cycle (first == last), or None.

    Depth first with an explicit stack, not recursion: a chain of thousands of
    prerequisites is a valid catalogue and must not hit Python's recursion limit."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        state[start] = 1
        stack = [iter(graph.get(start, ()))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph.get(nxt, ())))
    return None


# --- CSV -----------------------------------------------------------------------


def _read_csv(text: str, source: str) -> dict[str, Any]:
    """A requirement table replaces the requirements of the tracks it names;
    everything else comes from the current catalogue."""
    try:
        lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:  # a NUL byte, an unclosed quote at the end, a field past csv's size limit
        raise CatalogueError(
            _("%(source)s: not a valid CSV table: %(problem)s") % {"source": source, "problem": exc}
        ) from None
    header = [name.strip() for name in lines[0]] if lines else []
    if not set(CSV_COLUMNS) - {"source"} <= set(header) <= set(CSV_COLUMNS) or len(set(header)) != len(header):
        raise CatalogueError(
            _("%(source)s: the columns must be %(columns)s (source is optional)")
            % {"source": source, "columns": ",".join(CSV_COLUMNS)}
        )
    rows = []
    for line, cells in enumerate(lines[1:], 2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        if len(cells) != len(header):
            raise CatalogueError(
                _("%(source)s: line %(line)d has %(cells)d cells; the header has %(columns)d")
                % {"source": source, "line": line, "cells": len(cells), "columns": len(header)}
            )
        row = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
        rows.append(
            {
                "track": row["track"],
                "skill": row["skill"],
                "importance": _number(row["importance"]),
                "target": _number(row["target"]),
                "essential": ESSENTIAL.get(row["essential"].lower(), row["essential"]),
                "source": row.get("source", ""),
            }
        )
    if not rows:
        raise CatalogueError(_("%(source)s: the table has no rows") % {"source": source})
    data = catalogue_data()
    named = {r["track"] for r in rows}
    data["requirements"] = [r for r in data["requirements"] if r["track"] not in named] + rows
    return check(data, source)


ESSENTIAL = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _number(value: str) -> int | str:
    # Only ASCII digits: str.isdigit() also accepts "²", which int() refuses.
    return int(value) if re.fullmatch(r"[0-9]{1,6}", value) else value
