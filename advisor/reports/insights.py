"""Anonymised aggregates for the admin's insights page: how many people start and
finish the questionnaire, how ready they are per track, their most common gaps,
and which track comes out best for each current role.

Only counts and averages leave this module: never a user, a report title or
notes. Seven queries whatever the number of assessments and reports; the
per-report work is a loop over one values_list of the snapshots' track lists
(the readiness, gaps and ranking people were shown when they saved)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, DateField
from django.db.models.functions import TruncWeek
from django.utils import timezone

from advisor.catalogue.models import ContextChoice, ContextQuestion, Skill, Track
from advisor.questionnaire.models import Assessment, ContextAnswer
from advisor.reports.models import Report

WEEKS = 12
TOP = 10
CHART_HEIGHT = 120
CHART_GROUP = 40
CHART_BAR = 15
CHART_LEFT = 30


@dataclass(frozen=True)
class Week:
    start: datetime.date
    started: int
    finished: int


@dataclass(frozen=True)
class Summary:
    """What the saved reports say, by slug and choice id."""

    reports: int
    readiness: dict[str, tuple[float, int]]  # track → (average readiness, number of reports)
    gaps: list[tuple[str, str, int]]  # (track, skill, reports with a gap there), most common first
    pairs: list[tuple[int, str, int]]  # (current role choice, best track, reports), most common first


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly(today: datetime.date | None = None) -> list[Week]:
    """Assessments started and finished per week, the last WEEKS weeks, oldest first."""
    first = monday(today or timezone.localdate()) - datetime.timedelta(weeks=WEEKS - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))

    def per_week(field: str) -> dict[datetime.date, int]:
        rows = (
            Assessment.objects.filter(**{f"{field}__gte": since})
            .annotate(week=TruncWeek(field, output_field=DateField()))
            .order_by()
            .values_list("week")
            .annotate(n=Count("pk"))
        )
        return dict(rows)

    started, finished = per_week("created_at"), per_week("finished_at")
    starts = [first + datetime.timedelta(weeks=n) for n in range(WEEKS)]
    return [Week(start, started.get(start, 0), finished.get(start, 0)) for start in starts]


def summarise(reports: Iterable[tuple[list[dict], int | None]], order: Mapping[str, int]) -> Summary:
    """Pure: aggregate (snapshot track list, current role choice id) pairs, one per report.
    `order` is the catalogue position of each track slug, for stable ties."""
    totals: dict[str, list[float]] = {}
    gaps: Counter[tuple[str, str]] = Counter()
    pairs: Counter[tuple[int, str]] = Counter()
    count = 0
    for tracks, role in reports:
        count += 1
        for track in tracks or []:
            total = totals.setdefault(track["slug"], [0.0, 0])
            total[0] += track["readiness"]
            total[1] += 1
            gaps.update((track["slug"], row["skill"]) for row in track["rows"] if row["gap"] > 0)
        if tracks and role is not None:
            pairs[(role, tracks[0]["slug"])] += 1
    last = len(order)
    by_catalogue = sorted(totals, key=lambda slug: (order.get(slug, last), slug))
    return Summary(
        reports=count,
        readiness={slug: (totals[slug][0] / totals[slug][1], int(totals[slug][1])) for slug in by_catalogue},
        gaps=[
            (track, skill, n)
            for (track, skill), n in sorted(gaps.items(), key=lambda i: (-i[1], order.get(i[0][0], last), i[0]))[:TOP]
        ],
        pairs=[
            (role, track, n)
            for (role, track), n in sorted(pairs.items(), key=lambda i: (-i[1], i[0][0], order.get(i[0][1], last)))[
                :TOP
            ]
        ],
    )


@dataclass
class Insights:
    weeks: list[Week]
    summary: Summary
    track_names: dict[str, str]
    skill_names: dict[str, str]
    role_names: dict[int, str]

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
            {"role": self.role_names.get(role, "?"), "track": self.track_names.get(t, t), "reports": n}
            for role, t, n in self.summary.pairs
        ]

    def chart(self) -> dict:
        """Coordinates for the SVG bar chart: per week a started and a finished bar."""
        top = max([max(w.started, w.finished) for w in self.weeks] + [1])
        scale = CHART_HEIGHT / top  # whole pixels: nothing to localise in the SVG
        groups = []
        for i, w in enumerate(self.weeks):
            x = CHART_LEFT + i * CHART_GROUP
            bars = []
            for offset, kind, n in ((0, "started", w.started), (CHART_BAR, "finished", w.finished)):
                height = round(n * scale)
                bars.append({"x": x + offset, "y": CHART_HEIGHT - height, "height": height, "kind": kind, "n": n})
            groups.append({"week": w, "label_x": x + CHART_BAR, "bars": bars})
        return {
            "groups": groups,
            "top": top,
            "bar": CHART_BAR,
            "height": CHART_HEIGHT,
            "left": CHART_LEFT,
            "width": CHART_LEFT + WEEKS * CHART_GROUP,
        }


def collect(today: datetime.date | None = None) -> Insights:
    weeks = weekly(today)
    tracks = list(Track.objects.only("slug", "name_en", "name_zh"))
    roles = dict(
        ContextAnswer.objects.filter(
            question__slug=ContextQuestion.Use.CURRENT_ROLE, assessment__report__isnull=False
        ).values_list("assessment_id", "choice_id")
    )
    reports = Report.objects.order_by().values_list("snapshot__tracks", "assessment_id")
    summary = summarise(
        ((tracks_, roles.get(assessment)) for tracks_, assessment in reports.iterator()),
        {t.slug: i for i, t in enumerate(tracks)},
    )
    return Insights(
        weeks=weeks,
        summary=summary,
        track_names={t.slug: str(t) for t in tracks},
        skill_names={s.slug: str(s) for s in Skill.objects.only("slug", "name_en", "name_zh")},
        role_names={
            c.pk: str(c) for c in ContextChoice.objects.filter(question__slug=ContextQuestion.Use.CURRENT_ROLE)
        },
    )
