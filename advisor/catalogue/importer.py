"""Import a catalogue file (YAML, JSON, or CSV for the skill mapping) over the
current catalogue: check it whole, say what it changes, then write only that.

The policy, safe by default:
- entries the file names are added or updated; the rows that belong to them
  (a track's requirements, a question's choices, a step's resources and
  prerequisites, a context question's choices) are made to match the file;
- entries the file leaves out are reported and left alone, unless `prune`;
- nothing that saved data outside the catalogue refers to (answers, reports) is
  ever deleted: such a file is refused whole, naming the entries;
- unchanged rows are not written, so an export imported back changes nothing
  and adds no history and no version."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from advisor.catalogue import models as m
from advisor.catalogue.diff import ADDED, CHANGED, REMOVED, Change, as_text, compare
from advisor.catalogue.exporter import CSV_COLUMNS, catalogue_data, content_hash
from advisor.catalogue.loader import CatalogueError, check, parse
from advisor.catalogue.writer import Writer, find

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


def _read_csv(text: str, source: str) -> dict[str, Any]:
    """A requirement table replaces the requirements of the tracks it names;
    everything else comes from the current catalogue."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if sorted(reader.fieldnames or []) != sorted(CSV_COLUMNS):
        raise CatalogueError(f"{source}: the columns must be {','.join(CSV_COLUMNS)}")
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


@dataclass
class Plan:
    changes: list[Change]
    blockers: list[str]
    base: str  # the content hash of the catalogue the plan was made against

    @property
    def has_changes(self) -> bool:
        return any(c.kind in (ADDED, CHANGED, REMOVED) for c in self.changes)

    def text(self) -> str:
        out = as_text(self.changes)
        if self.blockers:
            out += "\n" + _("Refused: the import never deletes what saved data refers to.") + "\n"
            out += "".join(f"! {b}\n" for b in self.blockers)
        return out


def plan(incoming: dict[str, Any], *, prune: bool = False) -> Plan:
    current = catalogue_data()
    changes = compare(current, incoming, prune=prune)
    blockers = []
    for change in changes:
        if change.kind == REMOVED:
            obj = find(change)
            refs = outside_references(type(obj), [obj.pk]) if obj else Counter()
            if refs:
                used = ", ".join(f"{name} ({n})" for name, n in sorted(refs.items()))
                blockers.append(
                    _("%(entry)s is referenced by %(used)s; keep it in the file, or delete it in the admin first.")
                    % {"entry": change.key, "used": used}
                )
    return Plan(changes, blockers, content_hash(current))


def outside_references(model: type[models.Model], pks: list[Any]) -> Counter:
    """How many rows outside the catalogue refer to these rows, or to the
    catalogue rows that deleting them would delete too (by verbose name)."""
    refs: Counter = Counter()
    if not pks:
        return refs
    # Hidden relations too: answers point at questions with related_name="+".
    rels = [f for f in model._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete]
    for rel in rels:
        related = rel.related_model
        if rel.many_to_many or hasattr(related, "instance_type"):
            continue  # m2m links go with the row; history rows are history
        rows = related._base_manager.filter(**{f"{rel.field.name}__in": pks})
        if related._meta.app_label != m.Track._meta.app_label:
            if count := rows.count():
                refs[str(related._meta.verbose_name_plural)] += count
        elif rel.on_delete is models.CASCADE:
            refs += outside_references(related, list(rows.values_list("pk", flat=True)))
    return refs


@transaction.atomic
def apply(incoming: dict[str, Any], *, prune: bool = False, user=None, note: str = "") -> Plan:
    """Write what `plan` says, or nothing: raises CatalogueError when refused."""
    result = plan(incoming, prune=prune)
    if result.blockers:
        raise CatalogueError("\n".join(result.blockers))
    if not result.has_changes:
        return result
    Writer(incoming, result.changes, user).write()
    m.CatalogueVersion.record(user=user, note=note)
    return result
