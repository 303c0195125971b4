"""Many saved reports, quickly, for the insights benchmark (`manage.py synth_reports N`).

A few dozen people answer the questionnaire with random answers and go through
the real finish-and-save path (Assessment.save_answers, Assessment.finish,
Report.objects.create_from), so their results and insight rows are what the app
writes. N clones of them are then inserted in bulk, their save dates spread
evenly over the last `weeks` weeks, each with a finished assessment of its own
(for the started/finished chart). The clones are counted into the weekly
counts as a real save counts them (standings.tally), by week and person in bulk.

A clone's snapshot keeps only what the counts come from (each track's
slug, readiness, band and gaps, and the current-role answer), so that a
hundred thousand of them fit in a few hundred MB and `backfill_insights --check`
can recount them; a clone is for counting, not for opening. The people cloned
are deleted at the end: exactly N reports remain."""

from __future__ import annotations

import contextlib
import datetime
import random
from collections import Counter

from django.db import transaction
from django.db.models import JSONField, Value
from django.utils import timezone

from advisor.catalogue import compiled
from advisor.questionnaire import flow as flows
from advisor.questionnaire.compute import freeze
from advisor.questionnaire.models import Assessment
from advisor.reports import standings
from advisor.reports.models import Report, WeeklyCount

BATCH = 5000


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


def tallied(people: list[Report], groups: dict[tuple[int, datetime.date], int]) -> dict:
    """The weekly counts of `groups` clones: (person index, week) → how many clones."""
    total: Counter = Counter()
    summed: Counter = Counter()
    for (index, week), clones in groups.items():
        snapshot = people[index].snapshot
        for key, (n, readiness) in standings.tally(snapshot["tracks"], snapshot["current_role"], week).items():
            total[key] += n * clones
            summed[key] += readiness * clones
    return {key: (total[key], summed[key]) for key in total}


def make(n: int, *, profiles: int = 36, weeks: int = 52, seed: int = 1, say=lambda text: None) -> int:
    """N saved reports over the last `weeks` weeks. Returns how many it wrote."""
    rng = random.Random(seed)
    catalogue = compiled.current()
    people = [person(rng, catalogue) for _ in range(min(profiles, n))]
    say(f"{len(people)} people through the questionnaire; cloning them {n} times …")
    # As an expression: PostgreSQL's bulk insert then takes a VALUES list, not arrays of
    # JSON text, which psycopg escapes character by character (ten times slower).
    snapshots = [Value(compact(p.snapshot), output_field=JSONField()) for p in people]
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
                    snapshot=snapshots[i % len(people)],
                    counted=True,  # counted below, in the same transaction
                )
                for i, at, a in zip(indices, saved, assessments, strict=True)
            )
            groups: Counter[tuple[int, datetime.date]] = Counter(
                (i % len(people), standings.week_of(at)) for i, at in zip(indices, saved, strict=True)
            )
            standings.add(WeeklyCount, tallied(people, groups))
        written += len(clones)
        say(f"  {written} of {n}")
    # The people cloned go, with their answers; deleting their reports takes their counts away.
    Assessment.objects.filter(report__in=people).delete()
    Report.objects.filter(pk__in=[p.pk for p in people]).delete()
    return written
