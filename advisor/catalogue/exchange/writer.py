"""Write the changes an import plan lists, section by section of the table in
schema.py, row by row through `save()` so that history records each one.

Only what changed is written: untouched rows keep their history, and an export
imported back writes nothing.

The writing is done in short transactions (Batches): SQLite has one writer at a
time, and a 10x catalogue written in one transaction held its lock for 20 s,
while people answering waited for it. A batch ends only between whole entries
(a track with its rows, a question with its choices), after BATCH_SECONDS."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import connection, models, transaction

from advisor.catalogue.exchange.diff import ADDED, CHANGED, REMOVED, Change
from advisor.catalogue.exchange.fields import Rows
from advisor.catalogue.exchange.schema import BY_NAME, REMOVAL_ORDER, TOP_LEVEL, Section

BATCH_SECONDS = 0.2  # how long one batch may hold the database's write lock
# After each batch on SQLite: waiting writers poll for the lock (every 100 ms at
# most), and the next batch must not take it back before they wake.
PAUSE_SECONDS = 0.1


class Batches:
    """One transaction at a time, committed by `boundary()` once it has run
    BATCH_SECONDS. Inside an outer transaction (a test's) they are savepoints."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = BATCH_SECONDS if seconds is None else seconds
        self.block: transaction.Atomic | None = None
        self.began = 0.0
        self.committed = 0

    def __enter__(self) -> Batches:
        self._begin()
        return self

    def __exit__(self, *exc) -> bool | None:
        if self.block is None:  # a commit in boundary() failed: nothing is open
            return None
        return self.block.__exit__(*exc)

    def _begin(self) -> None:
        self.block = transaction.atomic()
        self.block.__enter__()
        self.began = time.monotonic()

    def boundary(self) -> None:
        """Between two whole entries: commit if this batch has run long enough."""
        if time.monotonic() - self.began < self.seconds:
            return
        # PostgreSQL checks foreign keys at commit: if that fails, no block is left open.
        block, self.block = self.block, None
        block.__exit__(None, None, None)
        self.committed += 1
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            time.sleep(PAUSE_SECONDS)
        self._begin()


def find(change: Change) -> models.Model | None:
    """The database row a change is about, if it exists."""
    return BY_NAME[change.section].find(change.lookup)


class Writer:
    def __init__(self, cat: dict[str, Any], changes: list[Change], user=None, batches: Batches | None = None) -> None:
        self.cat = cat
        self.batches = batches
        self.user = user if user is not None and user.is_authenticated else None
        self.fields = {c.key: {f[0] for f in c.fields} for c in changes if c.kind == CHANGED}
        self.added = {c.key for c in changes if c.kind == ADDED}
        self.removed = [c for c in changes if c.kind == REMOVED]
        # Section name → file key → row, filled as rows are written, for references.
        self.refs: dict[str, dict[Any, models.Model]] = {}
        # Work that must wait until every row exists (links between steps).
        self.later: list[Callable[[], None]] = []

    def touched(self, key: str) -> bool:
        return key in self.added or key in self.fields

    def changed(self, key: str, names: set[str]) -> bool:
        return key in self.added or bool(self.fields.get(key, set()) & names)

    def save(self, obj: models.Model, values: dict[str, Any]) -> models.Model:
        if obj.pk is None or any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj._history_user = self.user
            obj.save()
        return obj

    def delete(self, obj: models.Model) -> None:
        obj._history_user = self.user
        obj.delete()

    def boundary(self) -> None:
        if self.batches is not None:
            self.batches.boundary()

    def write(self) -> None:
        for section in TOP_LEVEL:
            self.rows(section, self.cat[section.name])
        for work in self.later:
            work()
            self.boundary()
        self.remove()

    def rows(self, section: Section, rows: list[dict], parent: models.Model | None = None, owner: str = "") -> None:
        keys = [section.entry(row, owner or None) for row in rows]
        existing = {self.key_of(section, obj): obj for obj in self.existing(section, parent)}
        # A group whose order moved is renumbered whole, so that rows left as
        # they were cannot end up between rows that moved.
        renumber = any(k in self.added or "order" in self.fields.get(k, ()) for k in keys)
        for position, (key, row) in enumerate(zip(keys, rows, strict=True)):
            columns = self.key_columns(section, row, parent)
            obj = existing.get(tuple(columns.values())) or section.model(**columns)
            values: dict[str, Any] = {}
            if self.touched(key):
                for f in section.value_fields:
                    values |= f.columns(row.get(f.name), self.refs)
            if section.positioned and (obj.pk is None or renumber):
                values["position"] = position
            if values:
                self.save(obj, values)
            if parent is None:
                self.refs.setdefault(section.name, {})[row[section.key[0]] if len(section.key) == 1 else key] = obj
            for f in section.value_fields:
                if f.owns_rows and self.changed(key, set(f.flat(None))):
                    f.write_rows(obj, row.get(f.name), self)
                if isinstance(f, Rows):
                    self.rows(f.section, row.get(f.name) or [], obj, key)
            if parent is None:
                self.boundary()  # the entry is whole, its own rows included

    def existing(self, section: Section, parent: models.Model | None) -> list[models.Model]:
        if parent is None:
            return list(section.model.objects.all())
        return list(section.model.objects.filter(**{section.parent_field: parent}))

    def key_columns(self, section: Section, row: dict, parent: models.Model | None) -> dict[str, Any]:
        columns = {f"{section.parent_field}_id": parent.pk} if parent is not None else {}
        for f in section.key_fields:
            columns |= f.columns(row[f.name], self.refs)
        return columns

    def key_of(self, section: Section, obj: models.Model) -> tuple:
        names = [f"{section.parent_field}_id"] if section.parent else []
        return tuple(getattr(obj, name) for name in names + [f.key_column for f in section.key_fields])

    def remove(self) -> None:
        for section in REMOVAL_ORDER:
            for change in self.removed:
                if change.section == section and (obj := find(change)) is not None:
                    self.delete(obj)
                    self.boundary()
