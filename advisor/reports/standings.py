"""What the insights page needs from saved reports, kept as running counts per
week: how many reports were saved, per track how many showed it and their
summed readiness, per track and skill how many had a gap there, and per
current role how many had each track first. A report adds its counts in the
transaction that saves it and takes them away in the one that deletes it, so
the page sums a few rows per week and track (insights.py) whatever the number
of reports.

The functions take the model classes, so that the data migration can pass its
historical ones; the `tally` of one report is pure."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import NamedTuple

from django.db import connection, transaction
from django.utils import timezone

SAVED, TRACK, GAP, BEST = "saved", "track", "gap", "best"
# Questionnaires started and finished in a week that purge_stale has deleted since:
# the insights page adds them to the live rows it counts (insights.weekly).
STARTED, FINISHED = "started", "finished"
COLUMNS = ("kind", "week", "track", "skill", "role", "reports", "readiness")


class Key(NamedTuple):
    kind: str
    week: datetime.date
    track: str = ""
    skill: str = ""
    role: str = ""


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_of(moment: datetime.datetime) -> datetime.date:
    """The Monday of the week `moment` falls in, in the site's time zone."""
    return monday(timezone.localtime(moment).date())


class Saved(NamedTuple):
    """What a report's counts come from: its key, when it was saved, its assessment,
    its snapshot's tracks and current-role answer (None in snapshots older than that)."""

    pk: int
    created_at: datetime.datetime
    assessment_id: object
    tracks: list[dict] | None
    role: str | None


def tally(tracks: list[dict] | None, role: str, week: datetime.date) -> dict[Key, tuple[int, float]]:
    """One report's counts: key → (reports, summed readiness). A track counts once,
    a gap once per track and skill, and only gaps above zero."""
    counts: dict[Key, tuple[int, float]] = {Key(SAVED, week): (1, 0.0)}
    for rank, track in enumerate(tracks or [], start=1):
        slug = track["slug"]
        counts[Key(TRACK, week, slug)] = (1, float(track["readiness"]))
        if rank == 1 and role:
            counts[Key(BEST, week, slug, role=role)] = (1, 0.0)
        for row in track.get("rows") or []:
            if (row.get("gap") or 0) > 0:
                counts[Key(GAP, week, slug, row["skill"])] = (1, 0.0)
    return counts


def rows_per_statement() -> int:
    """As many rows as one statement's parameters allow: a report's counts go in one
    statement even on a catalogue ten times the seed's (about 700 rows)."""
    limit = 65535  # PostgreSQL's wire protocol
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, limit // len(COLUMNS) - 1)


def add(model, counts: dict[Key, tuple[int, float]], sign: int = 1) -> None:
    """Add (or, with sign -1, take away) counts, in one upsert (or one per
    rows_per_statement() keys). Keys go in sorted order, so two transactions counting
    into the same rows take their locks in the same order and cannot deadlock."""
    if not counts:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = COLUMNS
    keys = sorted(counts)
    size = rows_per_statement()
    with connection.cursor() as cursor:
        for first in range(0, len(keys), size):
            chunk = keys[first : first + size]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            params = []
            for key in chunk:
                reports, readiness = counts[key]
                week = connection.ops.adapt_datefield_value(key.week)
                params += [key.kind, week, key.track, key.skill, key.role, sign * reports, sign * readiness]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES {values} "  # noqa: S608 (names from the model)
                f"ON CONFLICT ({', '.join(qn(c) for c in columns[:5])}) DO UPDATE SET "
                f"{qn('reports')} = {table}.{qn('reports')} + excluded.{qn('reports')}, "
                f"{qn('readiness')} = {table}.{qn('readiness')} + excluded.{qn('readiness')}",
                params,
            )


def roles_of(answer_model, reports: list[Saved], role_slug: str) -> dict[object, str]:
    """Current-role answers for the reports whose snapshot is older than the role in it (one query, or none)."""
    assessments = [r.assessment_id for r in reports if r.assessment_id and r.role is None]
    if not assessments:
        return {}
    rows = answer_model.objects.filter(assessment__in=assessments, question__slug=role_slug)
    return dict(rows.values_list("assessment_id", "choice__value"))


def count(model, answer_model, reports: list[Saved], role_slug: str, sign: int = 1) -> None:
    """Add these reports' counts (sign 1) or take them away (sign -1)."""
    roles = roles_of(answer_model, reports, role_slug)
    total: Counter[Key] = Counter()
    readiness: Counter[Key] = Counter()
    for r in reports:
        role = r.role if r.role is not None else roles.get(r.assessment_id, "")
        for key, (n, summed) in tally(r.tracks, role, week_of(r.created_at)).items():
            total[key] += n
            readiness[key] += summed
    add(model, {key: (total[key], readiness[key]) for key in total}, sign)


FIELDS = ("pk", "created_at", "assessment_id", "snapshot__tracks", "snapshot__current_role")


def backfill(report_model, count_model, answer_model, role_slug: str, batch: int = 500) -> int:
    """Count the saved reports not counted yet, `batch` reports per transaction, in key
    order, marking each as counted in the same transaction. Safe to re-run and to stop
    half-way: no report is ever counted twice. Returns how many it counted."""
    done, last = 0, 0
    while True:
        chunk = [
            Saved(*row)
            for row in report_model.objects.filter(pk__gt=last, counted=False)
            .order_by("pk")
            .values_list(*FIELDS)[:batch]
        ]
        if not chunk:
            return done
        with transaction.atomic():
            # Claim the batch first: a report counted meanwhile by another run is left out.
            claimed = set(
                report_model.objects.filter(pk__in=[r.pk for r in chunk], counted=False)
                .select_for_update()
                .values_list("pk", flat=True)
            )
            mine = [r for r in chunk if r.pk in claimed]
            report_model.objects.filter(pk__in=claimed).update(counted=True)
            count(count_model, answer_model, mine, role_slug)
        done += len(mine)
        last = chunk[-1].pk
