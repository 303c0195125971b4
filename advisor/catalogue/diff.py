"""Compare two catalogues entry by entry and say what an import would do.

Both sides are plain data in the seed file's structure: the database side comes
from the exporter, the file side from the loader's checks. Each entry becomes a
flat mapping of field → value ("name.en", "order", "importance"...), so the
comparison and its readable text are the same for YAML, JSON and CSV files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

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


def _text(prefix: str, value: dict[str, str] | None) -> dict[str, str]:
    value = value or {}
    return {f"{prefix}.en": value.get("en") or "", f"{prefix}.zh": value.get("zh") or ""}


def _texts(row: dict, *names: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        out |= _text(name, row.get(name))
    return out


def entry_key(section: str, row: dict) -> str:
    if section == "levels":
        return f"level {row['level']}"
    if section == "requirements":
        return f"requirement '{row['track']}' × '{row['skill']}'"
    singular = {"context_questions": "context question"}.get(section, section.rstrip("s"))
    return f"{singular} '{row['slug']}'"


def flatten(cat: dict[str, Any]) -> dict[str, Entry]:
    """Every entry of a catalogue by a readable key, in the catalogue's order."""
    out: dict[str, Entry] = {}

    def add(key: str, section: str, fields: dict[str, Any], owner: str | None = None, **lookup: Any) -> None:
        out[key] = Entry(section, fields, owner, lookup)

    for row in cat["levels"]:
        add(entry_key("levels", row), "levels", _texts(row, "label", "description"), level=row["level"])
    for section, names in [
        ("themes", ("name", "intro")),
        ("tracks", ("name", "focus", "description", "advice_product_led", "advice_marketing_led")),
        ("skills", ("name", "description")),
    ]:
        for i, row in enumerate(cat[section], 1):
            fields: dict[str, Any] = {"order": i}
            fields |= {k: row[k] for k in ("kind", "theme") if k in row}
            add(entry_key(section, row), section, fields | _texts(row, *names), slug=row["slug"])
    for row in cat["requirements"]:
        fields = {k: row[k] for k in ("importance", "target")} | {"essential": bool(row.get("essential"))}
        owner = entry_key("tracks", {"slug": row["track"]})
        add(entry_key("requirements", row), "requirements", fields, owner, track=row["track"], skill=row["skill"])
    for i, row in enumerate(cat["context_questions"], 1):
        key = entry_key("context_questions", row)
        add(key, "context_questions", {"order": i} | _texts(row, "text", "help"), slug=row["slug"])
        for i, ch in enumerate(row["choices"], 1):
            fields = {"order": i, "number": ch.get("number"), "track": ch.get("track")} | _texts(ch, "label")
            add(
                f"{key} choice '{ch['value']}'", "context_choices", fields, key, question=row["slug"], value=ch["value"]
            )
    for i, row in enumerate(cat["questions"], 1):
        fields = {"order": i, "skill": row["skill"]} | _texts(row, "text", "help")
        for level, choice in enumerate(row["choices"]):
            fields |= _text(f"choice {level}", choice)
        skip = row.get("skip_unless")
        fields["skip_unless"] = f"{skip['question']} in {', '.join(skip['values'])}" if skip else ""
        add(entry_key("questions", row), "questions", fields, slug=row["slug"])
    for row in cat["steps"]:
        fields = {k: row[k] for k in ("skill", "reaches", "effort_hours")} | _texts(row, "title", "practice")
        resources = row.get("resources") or []
        fields["resources"] = " | ".join(f"{r['title']['en']} / {r['title']['zh']} <{r['url']}>" for r in resources)
        fields["prerequisites"] = ", ".join(sorted(row.get("prerequisites") or []))
        add(entry_key("steps", row), "steps", fields, slug=row["slug"])
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
