"""Anonymised aggregates for the admin's insights page, over a range of weeks:
how many people start and finish the questionnaire, how ready they are per
track, their most common gaps, and which track comes out best for each current
role.

Only counts and averages leave this module: never a user, a report title or
notes. The numbers come from running counts per week (standings.py) that each
saved report adds to and each deleted one takes from, so the page costs the
same handful of queries and about the same time for a hundred reports or a
million; Python only orders the groups, whose number the catalogue bounds.
`recount` is the same summary worked out from the snapshots themselves: the
tests and `backfill_insights --check` hold the two against each other."""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from advisor.catalogue.models import ContextChoice, ContextQuestion, Skill, Track
from advisor.questionnaire.models import Assessment
from advisor.reports import standings
from advisor.reports.models import WeeklyCount
from advisor.reports.standings import monday

WEEKS = 12  # the default range: this week and the eleven before it
MAX_WEEKS = 104
TOP = 10
CHART_HEIGHT = 120
CHART_WIDTH = 480  # of the bars, whatever the number of weeks
CHART_LEFT = 30
LABELS = 12  # at most this many week labels under the chart

__all__ = ["Range", "Summary", "Week", "collect", "monday", "recount"]


@dataclass(frozen=True)
class Range:
    """Whole weeks, Monday to Sunday: from the week of `first` to the week of `last`."""

    first: datetime.date  # a Monday
    last: datetime.date  # a Monday, not before `first`

    @classmethod
    def of(cls, since: datetime.date, until: datetime.date) -> Range:
        return cls(monday(since), monday(until))

    @classmethod
    def recent(cls, weeks: int = WEEKS, today: datetime.date | None = None) -> Range:
        last = monday(today or timezone.localdate())
        return cls(last - datetime.timedelta(weeks=weeks - 1), last)

    @property
    def weeks(self) -> int:
        return (self.last - self.first).days // 7 + 1

    @property
    def starts(self) -> list[datetime.date]:
        return [self.first + datetime.timedelta(weeks=n) for n in range(self.weeks)]

    @property
    def end(self) -> datetime.date:
        """The Sunday the range ends on."""
        return self.last + datetime.timedelta(days=6)

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the first Monday's midnight to the midnight after the last Sunday, in the site's time zone."""
        start = datetime.datetime.combine(self.first, datetime.time.min)
        stop = datetime.datetime.combine(self.last + datetime.timedelta(weeks=1), datetime.time.min)
        return timezone.make_aware(start), timezone.make_aware(stop)


@dataclass(frozen=True)
class Week:
    start: datetime.date
    started: int
    finished: int


@dataclass(frozen=True)
class Summary:
    """What the saved reports say, by slug and current-role value."""

    reports: int
    readiness: dict[str, tuple[float, int]]  # track → (average readiness, number of reports)
    gaps: list[tuple[str, str, int]]  # (track, skill, reports with a gap there), most common first
    pairs: list[tuple[str, str, int]]  # (current role, best track, reports), most common first


def ordered(
    reports: int,
    readiness: Mapping[str, tuple[float, int]],
    gaps: Mapping[tuple[str, str], int],
    pairs: Mapping[tuple[str, str], int],
    order: Mapping[str, int],
) -> Summary:
    """The groups in the order the page shows them. `order` is the catalogue position
    of each track slug, so that ties come out the same way every time."""
    last = len(order)

    def position(slug: str) -> int:
        return order.get(slug, last)

    return Summary(
        reports=reports,
        # Averages to 1e-6: the database's float sum and Python's may differ in the last bits.
        readiness={
            slug: (round(readiness[slug][0], 6), readiness[slug][1])
            for slug in sorted(readiness, key=lambda s: (position(s), s))
        },
        gaps=[
            (track, skill, n)
            for (track, skill), n in sorted(gaps.items(), key=lambda i: (-i[1], position(i[0][0]), i[0]))[:TOP]
        ],
        pairs=[
            (role, track, n)
            for (role, track), n in sorted(pairs.items(), key=lambda i: (-i[1], i[0][0], position(i[0][1]), i[0][1]))[
                :TOP
            ]
        ],
    )


def weekly(span: Range) -> list[Week]:
    """Assessments started and finished per week of the range, oldest first: one
    query per column, and one for those purged since, each an index range scan that counts week by week in SQL
    (no per-row date function, which SQLite would run in Python)."""
    start, stop = span.moments()
    edges = [timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) for day in span.starts] + [stop]

    def per_week(field: str) -> list[int]:
        counts = Assessment.objects.filter(**{f"{field}__gte": start, f"{field}__lt": stop}).aggregate(
            **{
                f"w{i}": Count("pk", filter=Q(**{f"{field}__gte": edges[i], f"{field}__lt": edges[i + 1]}))
                for i in range(span.weeks)
            }
        )
        return [counts[f"w{i}"] for i in range(span.weeks)]

    started, finished = per_week("created_at"), per_week("finished_at")
    # Plus the questionnaires purge_stale has deleted since, counted as it deleted them.
    purged = WeeklyCount.objects.filter(
        kind__in=[WeeklyCount.Kind.STARTED, WeeklyCount.Kind.FINISHED], week__gte=span.first, week__lte=span.last
    ).values_list("kind", "week", "reports")
    gone = {(kind, week): n for kind, week, n in purged}
    return [
        Week(day, s + gone.get((WeeklyCount.Kind.STARTED, day), 0), f + gone.get((WeeklyCount.Kind.FINISHED, day), 0))
        for day, s, f in zip(span.starts, started, finished, strict=True)
    ]


def summary(span: Range, order: Mapping[str, int]) -> Summary:
    """The saved reports of the range, from the weekly counts: one query over a few
    rows per week, track and skill, whatever the number of reports."""
    rows = (
        WeeklyCount.objects.filter(week__gte=span.first, week__lte=span.last)
        .order_by()
        .values_list("kind", "track", "skill", "role")
        .annotate(n=Sum("reports"), total=Sum("readiness"))
    )
    reports, readiness, gaps, pairs = 0, {}, {}, {}
    for kind, track, skill, role, n, total in rows:
        if n <= 0:  # every report counted here was deleted since
            continue
        if kind == WeeklyCount.Kind.SAVED:
            reports += n
        elif kind == WeeklyCount.Kind.TRACK:
            readiness[track] = (total / n, n)
        elif kind == WeeklyCount.Kind.GAP:
            gaps[(track, skill)] = n
        elif kind == WeeklyCount.Kind.BEST:
            pairs[(role, track)] = n
    return ordered(reports, readiness, gaps, pairs, order)


def recount(reports: Iterable[tuple[list[dict] | None, str]], order: Mapping[str, int]) -> Summary:
    """The same summary straight from the snapshots: (snapshot track list, current-role
    value) per report. Reads every snapshot, so only for checks, never for the page."""
    totals: Counter[standings.Key] = Counter()
    summed: Counter[standings.Key] = Counter()
    week = datetime.date.min  # one bucket: the caller picked the reports of the range
    for tracks, role in reports:
        for key, (n, readiness) in standings.tally(tracks, role, week).items():
            totals[key] += n
            summed[key] += readiness
    return ordered(
        totals[standings.Key(standings.SAVED, week)],
        {k.track: (summed[k] / n, n) for k, n in totals.items() if k.kind == standings.TRACK},
        {(k.track, k.skill): n for k, n in totals.items() if k.kind == standings.GAP},
        {(k.role, k.track): n for k, n in totals.items() if k.kind == standings.BEST},
        order,
    )


@dataclass
class Insights:
    span: Range
    weeks: list[Week]
    summary: Summary
    track_names: dict[str, str]
    skill_names: dict[str, str]
    role_names: dict[str, str]

    @property
    def is_empty(self) -> bool:
        return not self.summary.reports and not any(w.started or w.finished for w in self.weeks)

    def readiness(self) -> list[dict]:
        return [
            {"track": self.track_names.get(slug, slug), "average": round(average), "reports": n}
            for slug, (average, n) in self.summary.readiness.items()
        ]

    def gaps(self) -> list[dict]:
        return [
            {"track": self.track_names.get(t, t), "skill": self.skill_names.get(s, s), "reports": n}
            for t, s, n in self.summary.gaps
        ]

    def pairs(self) -> list[dict]:
        return [
            {"role": self.role_names.get(role, role), "track": self.track_names.get(t, t), "reports": n}
            for role, t, n in self.summary.pairs
        ]

    def chart(self) -> dict:
        """Coordinates for the SVG bar chart: per week a started and a finished bar,
        in the same width for 4 weeks or 104, with at most LABELS week labels."""
        top = max([max(w.started, w.finished) for w in self.weeks] + [1])
        scale = CHART_HEIGHT / top  # whole pixels: nothing to localise in the SVG
        group = max(4, CHART_WIDTH // len(self.weeks))
        bar = max(2, group * 3 // 8)
        every = math.ceil(len(self.weeks) / LABELS)
        groups = []
        for i, w in enumerate(self.weeks):
            x = CHART_LEFT + i * group
            bars = []
            for offset, kind, n in ((0, "started", w.started), (bar, "finished", w.finished)):
                height = round(n * scale)
                bars.append({"x": x + offset, "y": CHART_HEIGHT - height, "height": height, "kind": kind, "n": n})
            label = (len(self.weeks) - 1 - i) % every == 0  # the latest week always has its label
            groups.append({"week": w, "label_x": x + bar, "label": label, "bars": bars})
        return {
            "groups": groups,
            "top": top,
            "bar": bar,
            "height": CHART_HEIGHT,
            "left": CHART_LEFT,
            "width": CHART_LEFT + len(self.weeks) * group,
        }


def collect(span: Range | None = None) -> Insights:
    """Everything the page shows, in seven queries whatever the number of assessments and reports."""
    span = span or Range.recent()
    tracks = list(Track.objects.only("slug", "name_en", "name_zh"))
    return Insights(
        span=span,
        weeks=weekly(span),
        summary=summary(span, {t.slug: i for i, t in enumerate(tracks)}),
        track_names={t.slug: str(t) for t in tracks},
        skill_names={s.slug: str(s) for s in Skill.objects.only("slug", "name_en", "name_zh")},
        role_names={
            c.value: str(c) for c in ContextChoice.objects.filter(question__slug=ContextQuestion.Use.CURRENT_ROLE)
        },
    )
