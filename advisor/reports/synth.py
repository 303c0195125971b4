"""Many saved reports, quickly, for the insights benchmark (`manage.py synth_reports N`).

A few dozen people answer the questionnaire with random answers and go through
the real finish-and-save path (Assessment.save_answers, Assessment.finish,
Report.objects.create_from), so their results and insight rows are what the app
writes. N clones of them are then inserted in bulk, their save dates spread
evenly over the last `weeks` weeks, each with a finished assessment of its own
(for the started/finished chart). A clone's insight rows are copied from its
person's in SQL, with the clone's own week: the rows a real save would write.

A clone's snapshot keeps only what the insight rows come from (each track's
slug, readiness, band and gaps, and the current-role answer), so that a
hundred thousand of them fit in a few hundred MB and `backfill_insights --check`
can recount them; a clone is for counting, not for opening. The people cloned
are deleted at the end: exactly N reports remain."""

from __future__ import annotations

import contextlib
import datetime
import random
from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone

from advisor.catalogue import compiled
from advisor.questionnaire import flow as flows
from advisor.questionnaire.compute import freeze
from advisor.questionnaire.models import Assessment
from advisor.reports.models import GapRow, Report, TrackStanding
from advisor.reports.standings import week_of

BATCH = 5000
# The columns a clone's rows copy from its person's; the report and the week are the clone's own.
COPIED = {TrackStanding: ("track", "rank", "readiness", "band", "role"), GapRow: ("track", "skill", "size")}


def person(rng: random.Random, catalogue: compiled.Catalogue) -> Report:
    """One random person, through the questionnaire to a saved report."""
    assessment = Assessment.objects.create()
    context = {q: rng.choice(q.choices) for q in catalogue.context_questions if q.choices}
    assessment.save_answers(context, {})
    flow = flows.load(assessment, catalogue)
    strength = rng.uniform(0.3, 3.7)  # some people strong across the board, some new to it all
    levels = {q: min(4, max(0, round(rng.gauss(strength, 1.2)))) for q in flow.asked}
    assessment.save_answers({}, levels)
    assessment.finish(*freeze(flows.load(assessment, catalogue)))
    return Report.objects.create_from(assessment)


def compact(snapshot: dict) -> dict:
    tracks = [
        {
            "slug": t["slug"],
            "readiness": t["readiness"],
            "band": t.get("band", ""),
            "rows": [{"skill": r["skill"], "gap": r["gap"]} for r in t.get("rows", []) if (r.get("gap") or 0) > 0],
        }
        for t in snapshot.get("tracks", [])
    ]
    return {"synthetic": True, "current_role": snapshot.get("current_role", ""), "levels": {}, "tracks": tracks}


@contextlib.contextmanager
def dates_as_given():
    """bulk_create would stamp every row with now; the clones keep the dates given."""
    fields = [m._meta.get_field(f) for m in (Assessment, Report) for f in ("created_at", "updated_at")]
    kept = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (now, add) in zip(fields, kept, strict=True):
            f.auto_now, f.auto_now_add = now, add


def copy_rows(source: int, week: datetime.date, clones: list[int]) -> None:
    """INSERT … SELECT: the rows of report `source`, for each of `clones`, in `week`."""
    qn = connection.ops.quote_name
    reports = qn(Report._meta.db_table)
    marks = ", ".join(["%s"] * len(clones))
    with connection.cursor() as cursor:
        for model, columns in COPIED.items():
            table = qn(model._meta.db_table)
            names = ", ".join(qn(c) for c in columns)
            picked = ", ".join(f"p.{qn(c)}" for c in columns)
            cursor.execute(
                f"INSERT INTO {table} ({qn('report_id')}, {qn('week')}, {names}) "  # noqa: S608 (names from the models)
                f"SELECT r.{qn('id')}, %s, {picked} FROM {reports} r, {table} p "
                f"WHERE p.{qn('report_id')} = %s AND r.{qn('id')} IN ({marks})",
                [connection.ops.adapt_datefield_value(week), source, *clones],
            )


def make(n: int, *, profiles: int = 36, weeks: int = 52, seed: int = 1, say=lambda text: None) -> int:
    """N saved reports over the last `weeks` weeks. Returns how many it wrote."""
    rng = random.Random(seed)
    catalogue = compiled.current()
    people = [person(rng, catalogue) for _ in range(min(profiles, n))]
    say(f"{len(people)} people through the questionnaire; cloning them {n} times …")
    now = timezone.now()
    step = datetime.timedelta(weeks=weeks) / n
    written = 0
    for first in range(0, n, BATCH):
        indices = range(first, min(n, first + BATCH))
        with transaction.atomic(), dates_as_given():
            saved = [now - step * (i + 0.5) for i in indices]
            assessments = Assessment.objects.bulk_create(
                Assessment(
                    created_at=at - datetime.timedelta(minutes=20),
                    updated_at=at - datetime.timedelta(minutes=2),
                    finished_at=at - datetime.timedelta(minutes=2),
                    catalogue_version=people[i % len(people)].catalogue_version,
                )
                for i, at in zip(indices, saved, strict=True)
            )
            clones = Report.objects.bulk_create(
                Report(
                    assessment=a,
                    title=f"Synthetic report {i + 1}",
                    created_at=at,
                    updated_at=at,
                    catalogue_version=people[i % len(people)].catalogue_version,
                    snapshot=compact(people[i % len(people)].snapshot),
                )
                for i, at, a in zip(indices, saved, assessments, strict=True)
            )
            groups: dict[tuple[int, datetime.date], list[int]] = defaultdict(list)
            for i, clone in zip(indices, clones, strict=True):
                groups[(people[i % len(people)].pk, week_of(clone.created_at))].append(clone.pk)
            for (source, week), pks in groups.items():
                copy_rows(source, week, pks)
        written += len(clones)
        say(f"  {written} of {n}")
    Assessment.objects.filter(report__in=people).delete()  # the people cloned, with their answers and reports
    Report.objects.filter(pk__in=[p.pk for p in people]).delete()
    return written
