"""Turn a finished assessment into results (results.py) with the scoring engine.

It reads the catalogue in a fixed number of queries, whatever its size, and
hands frozen, plain objects to the templates and to saved reports."""

from __future__ import annotations

from statistics import mean

from django.db.models import Prefetch

from advisor import scoring
from advisor.catalogue.models import CompanyType, ContextQuestion, Step, Track
from advisor.i18n import Text
from advisor.questionnaire.flow import Flow
from advisor.questionnaire.results import Link, Results, SkillInfo, SkillRow, StepInfo, TrackInfo, TrackView, ranked

Use = ContextQuestion.Use


def skill_levels(flow: Flow) -> dict[str, int]:
    """Skill slug → level, from the questions actually asked (skipped ones count as 0)."""
    per_skill: dict[str, list[int]] = {}
    for q in flow.asked:
        if q.slug in flow.levels:
            per_skill.setdefault(q.skill.slug, []).append(flow.levels[q.slug])
    return {skill: round(mean(values)) for skill, values in per_skill.items()}


def skill_info(skill) -> SkillInfo:
    return SkillInfo(skill.slug, Text.of(skill, "name"))


def step_info(step: Step) -> StepInfo:
    return StepInfo(
        step.slug,
        skill_info(step.skill),
        step.reaches,
        step.effort_hours,
        Text.of(step, "title"),
        Text.of(step, "practice"),
        tuple(Link(Text.of(r, "title"), r.url) for r in step.resources.all()),
    )


def track_info(track: Track) -> TrackInfo:
    return TrackInfo(
        track.slug,
        track.kind,
        Text.of(track, "name"),
        Text.of(track, "description"),
        Text.of(track, "advice_product_led"),
        Text.of(track, "advice_marketing_led"),
    )


def compute(flow: Flow) -> Results:
    levels = skill_levels(flow)
    hours_choice = flow.context.get(Use.HOURS_PER_WEEK)
    hours = hours_choice.number if hours_choice else None
    role = flow.context.get(Use.CURRENT_ROLE)
    current_track = role.track.slug if role and role.track_id else None
    company_choice = flow.context.get(Use.COMPANY_TYPE)
    company_type = company_choice.value if company_choice else None
    company = CompanyType.parse(company_type)

    tracks = list(Track.objects.with_requirements())
    steps = list(
        Step.objects.select_related("skill").prefetch_related(
            Prefetch("prerequisites", queryset=Step.objects.only("slug")), "resources"
        )
    )
    step_specs = [
        scoring.Step(s.slug, s.skill.slug, s.reaches, s.effort_hours, tuple(p.slug for p in s.prerequisites.all()))
        for s in steps
    ]
    infos = {s.slug: step_info(s) for s in steps}

    views = []
    for track in tracks:
        reqs = list(track.requirements.all())
        specs = [scoring.Requirement(r.skill.slug, r.importance, r.target, r.essential) for r in reqs]
        result = scoring.assess(track.slug, specs, levels, step_specs, hours)
        contrib = {c.skill: c for c in result.contributions}
        rows = [
            SkillRow(
                skill_info(r.skill),
                levels.get(r.skill.slug, 0),
                r.target,
                r.importance,
                r.essential,
                r.importance * max(r.target - levels.get(r.skill.slug, 0), 0),
                contrib[r.skill.slug].earned,
                contrib[r.skill.slug].missing,
            )
            for r in reqs
        ]
        rows.sort(key=lambda row: -(row.earned + row.missing))
        info = track_info(track)
        views.append(
            TrackView(
                track=info,
                readiness=result.readiness,
                band=result.band,
                rows=tuple(rows),
                gaps=tuple(g.skill for g in result.gaps),
                steps=tuple(infos[s.slug] for s in result.steps),
                total_hours=result.total_hours,
                weeks=result.weeks,
                is_current_role=track.slug == current_track,
                favoured=company is not None and track.kind == company.favoured_kind,
                advice=info.advice_for(company),
            )
        )
    return Results(ranked(views), company_type, hours, current_track)
