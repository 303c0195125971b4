"""Compare two catalogues entry by entry and say what an import would do.

Both sides are plain data in the seed file's structure: the database side comes
from the exporter, the file side from the loader's checks. Each entry becomes a
flat mapping of field → value ("name.en", "order", "importance"...), read off
the section table, so the comparison and its readable text are the same for
YAML, JSON and CSV files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from advisor.catalogue.exchange.fields import Rows
from advisor.catalogue.exchange.schema import BY_NAME, TOP_LEVEL, Section

ADDED, CHANGED, REMOVED, KEPT = "added", "changed", "removed", "kept"


@dataclass
class Entry:
    section: str
    fields: dict[str, Any]
    # For rows that belong to another entry (a track's requirements, a context
    # question's choices): the owner's key. The file is the truth for the rows of
    # every owner it names.
    owner: str | None = None
    lookup: dict[str, Any] = field(default_factory=dict)


@dataclass
class Change:
    kind: str
    key: str
    section: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    lookup: dict[str, Any] = field(default_factory=dict)


def flatten(cat: dict[str, Any]) -> dict[str, Entry]:
    """Every entry of a catalogue by a readable key, in the catalogue's order;
    a nested row (a context question's choice) follows the entry it belongs to."""
    out: dict[str, Entry] = {}

    def add(section: Section, rows: list[dict], parent_row: dict | None = None, parent: str | None = None) -> None:
        for position, row in enumerate(rows, 1):
            key = section.entry(row, parent)
            owner = parent
            if section.owner:
                owner_section, field_name = section.owner
                owner = BY_NAME[owner_section].entry({"slug": row[field_name]})
            out[key] = Entry(section.name, section.flat(row, position), owner, section.lookup(row, parent_row))
            for nested in section.fields:
                if isinstance(nested, Rows):
                    add(nested.section, row.get(nested.name) or [], row, key)

    for section in TOP_LEVEL:
        add(section, cat[section.name])
    return out


def compare(current: dict[str, Any], incoming: dict[str, Any], *, prune: bool = False) -> list[Change]:
    """What importing `incoming` over `current` changes. Entries the file leaves out
    are kept (reported) unless `prune`; rows of an entry the file names follow the file."""
    old, new = flatten(current), flatten(incoming)
    changes = []
    for key, entry in new.items():
        before = old.get(key)
        if before is None:
            changes.append(Change(ADDED, key, entry.section, lookup=entry.lookup))
            continue
        fields = [(name, before.fields.get(name), value) for name, value in entry.fields.items()]
        fields = [f for f in fields if f[1] != f[2]]
        if fields:
            changes.append(Change(CHANGED, key, entry.section, fields, entry.lookup))
    for key, entry in old.items():
        if key in new:
            continue
        if entry.owner is None:
            kind = REMOVED if prune else KEPT
        elif entry.owner in new:
            kind = REMOVED
        else:
            continue  # goes with its owner, or stays with it
        changes.append(Change(kind, key, entry.section, lookup=entry.lookup))
    return changes


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        short = value if len(value) <= 80 else value[:79] + "…"
        return repr(short)
    return str(value)


def as_text(changes: list[Change]) -> str:
    """The changes as readable lines, one block per entry, then a summary."""
    if not any(c.kind != KEPT for c in changes):
        head = [_("No changes: the file matches the catalogue.")]
        return "\n".join(head + [_line(c) for c in changes]) + "\n"
    lines = []
    for change in changes:
        lines.append(_line(change))
        lines.extend(f"    {name}: {_show(old)} → {_show(new)}" for name, old, new in change.fields)
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def _line(change: Change) -> str:
    if change.kind == ADDED:
        return f"+ {change.key} " + _("(added)")
    if change.kind == REMOVED:
        return f"- {change.key} " + _("(removed)")
    if change.kind == KEPT:
        return f"  {change.key} " + _("is not in the file: left alone (pruning would delete it)")
    return f"~ {change.key}"


def summary(changes: list[Change]) -> str:
    counts = {kind: sum(c.kind == kind for c in changes) for kind in (ADDED, CHANGED, REMOVED, KEPT)}
    return _("%(added)d added, %(changed)d changed, %(removed)d removed, %(kept)d left alone.") % counts
