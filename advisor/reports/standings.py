"""What the insights page needs from a saved report, as small rows: one per track
(its readiness, band and rank) and one per skill below its target. Written when
the report is saved (Report.save), by the backfill and by synth_reports; the
database then aggregates them (insights.py) instead of Python reading every
snapshot. Pure: snapshot dicts in, plain tuples out."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.utils import timezone


class Standing(NamedTuple):
    track: str
    rank: int
    readiness: float
    band: str


class Gap(NamedTuple):
    track: str
    skill: str
    size: int


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_of(moment: datetime.datetime) -> datetime.date:
    """The Monday of the week `moment` falls in, in the site's time zone."""
    return monday(timezone.localtime(moment).date())


def rows(tracks: list[dict] | None) -> tuple[list[Standing], list[Gap]]:
    """A snapshot's track list as standings (rank 1 first) and gaps (size > 0 only)."""
    standings, gaps = [], []
    for rank, track in enumerate(tracks or [], start=1):
        standings.append(Standing(track["slug"], rank, float(track["readiness"]), track.get("band") or ""))
        seen = set()
        for row in track.get("rows") or []:
            size = row.get("gap") or 0
            if size > 0 and row["skill"] not in seen:
                seen.add(row["skill"])
                gaps.append(Gap(track["slug"], row["skill"], int(round(size))))
    return standings, gaps


class Saved(NamedTuple):
    """What the rows are made from: a report's key, when it was saved, its assessment,
    its snapshot's tracks and current-role answer (None in snapshots older than that)."""

    pk: int
    created_at: datetime.datetime
    assessment_id: object
    tracks: list[dict] | None
    role: str | None


def write(reports: list[Saved], standing_model, gap_model, answer_model, role_slug: str) -> None:
    """Write the rows of these reports, which have none yet: one insert per 2,000
    rows, and a query for the current-role answers that older snapshots lack. Takes
    the models, so that the data migration can pass its historical ones."""
    assessments = [r.assessment_id for r in reports if r.assessment_id and r.role is None]
    roles = dict(
        answer_model.objects.filter(assessment__in=assessments, question__slug=role_slug).values_list(
            "assessment_id", "choice__value"
        )
        if assessments
        else ()
    )
    tracks, gaps = [], []
    for report in reports:
        week = week_of(report.created_at)
        ranked, missing = rows(report.tracks)
        role = report.role if report.role is not None else roles.get(report.assessment_id, "")
        tracks += [standing_model(report_id=report.pk, week=week, role=role, **s._asdict()) for s in ranked]
        gaps += [gap_model(report_id=report.pk, week=week, **g._asdict()) for g in missing]
    standing_model.objects.bulk_create(tracks, batch_size=2000)
    gap_model.objects.bulk_create(gaps, batch_size=2000)


def backfill(report_model, standing_model, gap_model, answer_model, role_slug: str, batch: int = 500) -> int:
    """Give the saved reports that have no rows yet their rows, `batch` reports per
    transaction, in key order. Safe to re-run and to stop half-way: a report that has
    rows is never written twice. Returns how many reports it wrote."""
    from django.db import transaction

    written, last = 0, 0
    while True:
        chunk = list(
            report_model.objects.filter(pk__gt=last, standings__isnull=True)
            .order_by("pk")
            .values_list("pk", "created_at", "assessment_id", "snapshot__tracks", "snapshot__current_role")[:batch]
        )
        if not chunk:
            return written
        with transaction.atomic():
            write([Saved(*row) for row in chunk], standing_model, gap_model, answer_model, role_slug)
        written += len(chunk)
        last = chunk[-1][0]
