"""An entry's history page in plain words: empty values said as "(empty)", not
"None", a missing reason as "no reason given", and, for an entry whose rows are
edited on its page (a question's answer choices, a track's requirements), the
history of those rows too: changing only a question's choices leaves no record
of the question itself, so its own list alone would show nothing."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

# How many of the rows' latest records a history page shows.
ROW_RECORDS = 200


def empty() -> str:
    return pgettext("a field's value", "(empty)")


def is_empty(value: Any) -> bool:
    # A foreign key that was empty comes as a placeholder object without a pk.
    return value is None or value == "" or value == [] or (isinstance(value, DeletedObject) and value.pk is None)


class PlainHistoryHelper(HistoricalRecordContextHelper):
    def format_delta_change(self, change):
        shown = super().format_delta_change(change)
        if isinstance(change.old, bool) or isinstance(change.new, bool):
            shown = dataclasses.replace(shown, old=_yes_no(change.old), new=_yes_no(change.new))
        return dataclasses.replace(
            shown,
            old=empty() if is_empty(change.old) else shown.old,
            new=empty() if is_empty(change.new) else shown.new,
        )


def row_history(model: type[models.Model], parent_field: str, parent_pk: Any) -> list[dict]:
    """The latest records of the rows of `model` that belong to one entry, newest
    first, each with what it changed against the row's record before it. One
    query, and one per kind of entry the rows point at (a requirement's skill)."""
    history = model.history.model
    records = list(
        history.objects.filter(**{f"{parent_field}_id": parent_pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:ROW_RECORDS]
    )
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name != parent_field]
    names = _related_names(records, [f for f in fields if f.is_relation])
    older: dict[Any, Any] = {}  # row id → its record just older than the one being read
    entries: list[dict] = []
    for record in reversed(records):  # oldest first, so each record meets its predecessor
        before = older.get(record.id)
        older[record.id] = record
        changes = []
        if record.history_type == "~" and before is not None:
            for field in fields:
                old, new = getattr(before, field.attname), getattr(record, field.attname)
                if old != new:
                    changes.append(
                        {
                            "field": capfirst(field.verbose_name),
                            "old": _shown(field, old, names),
                            "new": _shown(field, new, names),
                        }
                    )
        entries.append(
            {
                "record": record,
                "row": _row_name(record, fields, names),
                "kind": {"+": _("Added"), "~": _("Changed"), "-": _("Deleted")}[record.history_type],
                "changes": changes,
            }
        )
    return entries[::-1]


def _related_names(records: list, relations: list[models.Field]) -> dict[tuple[str, Any], str]:
    names: dict[tuple[str, Any], str] = {}
    for field in relations:
        pks = {getattr(r, field.attname) for r in records} - {None}
        for obj in field.related_model._base_manager.filter(pk__in=pks):
            names[(field.name, obj.pk)] = str(obj)
    return names


def _yes_no(value: Any) -> str:
    return _("yes") if value else _("no")


def _shown(field: models.Field, value: Any, names: dict) -> Any:
    if is_empty(value):
        return empty()
    if field.is_relation:
        return names.get((field.name, value), _("(deleted since)"))
    if isinstance(value, bool):
        return _yes_no(value)
    return value


def _row_name(record, fields: list[models.Field], names: dict) -> str:
    """A row's name from its own record: a choice's level and behaviour, a requirement's skill."""
    model = record.instance_type
    if model._meta.model_name == "choice":
        return f"{record.level} · {row_label(record)}"
    if any(f.name == "skill" for f in fields):  # a requirement, a route's lead skill
        return str(_shown(model._meta.get_field("skill"), record.skill_id, names))
    return row_label(record) or str(record.id)


def row_label(record) -> str:
    for name in ("label", "title"):
        if hasattr(record, f"{name}_en"):
            zh = (get_language() or "").startswith("zh")
            return getattr(record, f"{name}_zh" if zh else f"{name}_en") or getattr(record, f"{name}_en")
    return ""
