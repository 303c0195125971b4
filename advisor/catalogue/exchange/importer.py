"""Import a catalogue (a file read by the loader) over the current one: say what
it changes, then write only that. The admin's import, `import_catalogue` and
`load_catalogue` all come through here.

The policy, safe by default:
- entries the file names are added or updated; the rows that belong to them
  (a track's requirements, a question's choices, a step's resources and
  prerequisites, a context question's choices) are made to match the file;
- entries the file leaves out are reported and left alone ("replace", the
  mode of `make catalogue`), or deleted ("prune");
- nothing that saved data outside the catalogue refers to (answers, reports) is
  ever deleted: such a file is refused whole, naming the entries;
- unchanged rows are not written, so an export imported back changes nothing
  and adds no history and no version;
- the rows are written in short batches and the version is recorded after the
  last (see `apply`)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import DataError, IntegrityError, models, transaction
from django.utils.translation import gettext as _

from advisor.catalogue import models as m
from advisor.catalogue.exchange import versions
from advisor.catalogue.exchange.diff import ADDED, CHANGED, REMOVED, Change, as_text, compare
from advisor.catalogue.exchange.exporter import catalogue_data, content_hash
from advisor.catalogue.exchange.fields import CatalogueError
from advisor.catalogue.exchange.writer import Batches, Writer, find

logger = logging.getLogger("advisor.catalogue")


class Mode(StrEnum):
    REPLACE = "replace"  # entries the file leaves out stay as they are
    PRUNE = "prune"  # entries the file leaves out are deleted


@dataclass
class Plan:
    changes: list[Change]
    blockers: list[str]
    base: str  # the content hash of the catalogue the plan was made against
    current: dict[str, Any] = field(default_factory=dict, repr=False)  # that catalogue, as exported
    refused: list[tuple[Change, str]] = field(default_factory=list)  # each blocker's entry and what uses it

    @property
    def has_changes(self) -> bool:
        return any(c.kind in (ADDED, CHANGED, REMOVED) for c in self.changes)

    def text(self) -> str:
        out = as_text(self.changes)
        if self.blockers:
            out += "\n" + _("Refused: the import never deletes what saved data refers to.") + "\n"
            out += "".join(f"! {b}\n" for b in self.blockers)
        return out


def plan(incoming: dict[str, Any], mode: Mode = Mode.REPLACE) -> Plan:
    current = catalogue_data()
    changes = compare(current, incoming, prune=mode == Mode.PRUNE)
    blockers, refused = [], []
    for change in changes:
        if change.kind == REMOVED:
            obj = find(change)
            refs = outside_references(type(obj), [obj.pk]) if obj else Counter()
            if refs:
                used = ", ".join(f"{name} ({n})" for name, n in sorted(refs.items()))
                refused.append((change, used))
                blockers.append(
                    _("%(entry)s is referenced by %(used)s; keep it in the file, or delete it in the admin first.")
                    % {"entry": change.key, "used": used}
                )
    return Plan(changes, blockers, content_hash(current), current, refused)


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


def apply(incoming: dict[str, Any], mode: Mode = Mode.REPLACE, *, user=None, note: str = "") -> Plan:
    """Write what `plan` says and record the new catalogue version, or write
    nothing: raises CatalogueError when refused.

    The writing goes in short batches (writer.Batches), so that people answering
    wait a fraction of a second, not the whole import. The version is recorded
    once, after the last batch: until then the latest version still names the
    catalogue before the import. An import stopped half-way (a killed process, a
    refusal from the database) leaves the entries written so far and records no
    version; importing the same file again writes what is left and records it."""
    result = plan(incoming, mode)
    if result.blockers:
        log_import(result, mode, user, note, "refused")
        raise CatalogueError("\n".join(result.blockers))
    if not result.has_changes:
        log_import(result, mode, user, note, "unchanged")
        return result
    batches = Batches()
    try:
        with batches:
            Writer(incoming, result.changes, user, batches).write()
    except (DataError, IntegrityError) as exc:
        # The loader checks what the columns take; this is the last line, for a
        # constraint it cannot see. The batch it stopped in rolls back.
        problem = " ".join(str(exc).split())[:200]
        if batches.committed:
            message = _(
                "The database refused the import part-way, after %(batches)d batch(es) were written and "
                "before the new catalogue version was recorded: %(problem)s. Fix the file and import it "
                "again to finish."
            )
        else:
            message = _("The database refused the import, nothing was written: %(problem)s")
        raise CatalogueError(message % {"problem": problem, "batches": batches.committed}) from None
    versions.record(user=user, note=note[:300])
    # Written out once the import is committed: a rolled-back one changed nothing.
    transaction.on_commit(lambda: log_import(result, mode, user, note, "applied"))
    return result


def log_import(result: Plan, mode: Mode, user, note: str, outcome: str) -> None:
    counts = Counter(change.kind for change in result.changes)
    fields = {"added": counts[ADDED], "changed": counts[CHANGED], "removed": counts[REMOVED]}
    logger.log(
        logging.WARNING if outcome == "refused" else logging.INFO,
        "catalogue import %s (%s): %d added, %d changed, %d removed, %d refusals",
        outcome,
        mode.value,
        *fields.values(),
        len(result.blockers),
        extra={
            "event": "catalogue_import",
            "outcome": outcome,
            "mode": mode.value,
            **fields,
            "refusals": len(result.blockers),
            "user_id": getattr(user, "pk", None),
            "note": note,
        },
    )
