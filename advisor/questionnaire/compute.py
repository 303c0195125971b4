"""Turn a finished assessment into results (results.py) with the scoring engine.

It reads the catalogue in a fixed number of queries, whatever its size, and
hands frozen, plain objects to the templates and to saved reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from statistics import mean

from django.db.models import Prefetch

from advisor import scoring
from advisor.catalogue import market
from advisor.catalogue.models import (
    CompanyType,
    ContextQuestion,
    MarketFact,
    Post,
    Requirement,
    Route,
    RouteLead,
    Seniority,
    Step,
    Track,
)
from advisor.i18n import Text
from advisor.questionnaire.flow import Flow
from advisor.questionnaire.results import (
    FactInfo,
    Link,
    MarketInfo,
    PayInfo,
    PostInfo,
    PostingLink,
    Results,
    RouteInfo,
    SkillInfo,
    SkillRow,
    SourceInfo,
    StepInfo,
    TrackInfo,
    TrackView,
)

Use = ContextQuestion.Use
SENIOR_FROM_YEARS = 3


def skill_levels(flow: Flow) -> dict[str, int]:
    """Skill slug → level, from the questions actually asked."""
    per_skill: dict[str, list[int]] = {}
    for q in flow.asked:
        if q.slug in flow.levels:
            per_skill.setdefault(q.skill.slug, []).append(flow.levels[q.slug])
    return {skill: round(mean(values)) for skill, values in per_skill.items()}


def stage(years: int | None) -> str:
    """Under a year: an entry post; three years or more: a senior one."""
    if years is None:
        return ""
    if years < 1:
        return Seniority.ENTRY
    return Seniority.SENIOR if years >= SENIOR_FROM_YEARS else Seniority.MID


def skill_info(skill) -> SkillInfo:
    return SkillInfo(skill.slug, Text.of(skill, "name"))


def source_info(source) -> SourceInfo:
    return SourceInfo(source.slug, Text.of(source, "title"), source.url, source.published)


def step_info(step: Step) -> StepInfo:
    return StepInfo(
        step.slug,
        skill_info(step.skill),
        step.reaches,
        step.effort_hours,
        Text.of(step, "title"),
        Text.of(step, "practice"),
        tuple(Link(Text.of(r, "title"), r.url, r.language) for r in step.resources.all()),
        Text.of(step, "evidence"),
        Text.of(step, "work_access"),
    )


def track_info(track: Track) -> TrackInfo:
    portfolio = zip(track.portfolio_en.splitlines(), track.portfolio_zh.splitlines(), strict=False)
    return TrackInfo(
        track.slug,
        track.kind,
        Text.of(track, "name"),
        Text.of(track, "description"),
        Text.of(track, "advice_product_led"),
        Text.of(track, "advice_marketing_led"),
        tuple(Text(en, zh) for en, zh in portfolio),
    )


@dataclass(frozen=True)
class Person:
    """Who the results are for, from "About you"."""

    current: Track | None
    goal: str | None
    company: CompanyType | None
    company_type: str | None
    company_size: str | None
    years: int | None
    hours: int | None

    @classmethod
    def of(cls, flow: Flow) -> Person:
        def chosen(use: str):
            return flow.context.get(use)

        role, goal = chosen(Use.CURRENT_ROLE), chosen(Use.GOAL)
        company, size = chosen(Use.COMPANY_TYPE), chosen(Use.COMPANY_SIZE)
        years, hours = chosen(Use.YEARS), chosen(Use.HOURS_PER_WEEK)
        return cls(
            current=role.track if role and role.track_id else None,
            goal=goal.track.slug if goal and goal.track_id else None,
            company=CompanyType.parse(company.value if company else None),
            company_type=company.value if company else None,
            company_size=size.value if size else None,
            years=years.number if years else None,
            hours=hours.number if hours else None,
        )


def routes_for(track: Track, person: Person, routes: Iterable[Route]) -> list[Route]:
    """The routes that describe this person's move to this track, the most specific first."""

    def applies(route: Route) -> bool:
        here = person.current
        return (
            (not route.to_track_id or route.to_track_id == track.pk)
            and (not route.to_kind or route.to_kind == track.kind)
            and (not route.from_track_id or (here is not None and route.from_track_id == here.pk))
            and (not route.from_kind or (here is not None and route.from_kind == here.kind))
            and (not route.company_size or route.company_size == person.company_size)
            and not (here is not None and here.pk == track.pk)  # staying is not a move
        )

    def specificity(route: Route) -> int:
        conditions = (route.to_track_id, route.to_kind, route.from_track_id, route.from_kind, route.company_size)
        return -sum(bool(c) for c in conditions)

    return sorted((r for r in routes if applies(r)), key=lambda r: (specificity(r), r.position, r.slug))


def market_info(track: Track, reqs: list[Requirement], evidence: market.Evidence, names: dict[str, Text]) -> MarketInfo:
    required = {r.skill.slug: (r.importance, r.target, r.essential, r.source) for r in reqs}
    found = market.track_evidence(evidence, track.slug, required)
    return MarketInfo(
        postings=len(found.postings),
        thin=found.thin,
        collected=evidence.collected,
        asked=tuple((names.get(skill) or Text(skill, skill), n) for skill, n in found.asked[:5]),
        unmentioned=tuple(names[s] for s in found.unmentioned if required[s][2]),
        pay=tuple(PayInfo(p.seniority, p.low, p.high, len(p.postings), tuple(p.tiers)) for p in found.pay),
        pay_count=found.pay_count,
        links=tuple(PostingLink(p.title or p.id, p.url, p.seen) for p in found.postings),
    )


def compute(flow: Flow) -> Results:
    levels = skill_levels(flow)
    asked = {q.skill.slug for q in flow.asked}
    person = Person.of(flow)

    tracks = list(Track.objects.with_requirements())
    steps = list(
        Step.objects.select_related("skill").prefetch_related(
            Prefetch("prerequisites", queryset=Step.objects.only("slug")), "resources"
        )
    )
    routes = list(
        Route.objects.select_related("source").prefetch_related(
            Prefetch("leads", queryset=RouteLead.objects.select_related("skill"))
        )
    )
    posts = list(Post.objects.select_related("source"))
    facts = list(MarketFact.objects.select_related("source"))

    step_specs = [
        scoring.Step(s.slug, s.skill.slug, s.reaches, s.effort_hours, tuple(p.slug for p in s.prerequisites.all()))
        for s in steps
    ]
    infos = {s.slug: step_info(s) for s in steps}
    requirements = {t.slug: list(t.requirements.all()) for t in tracks}
    evidence = market.load()
    skill_names = {r.skill.slug: Text.of(r.skill, "name") for reqs in requirements.values() for r in reqs}
    markets = {t.slug: market_info(t, requirements[t.slug], evidence, skill_names) for t in tracks}
    results = {}
    for track in tracks:
        reqs = requirements[track.slug]
        specs = [scoring.Requirement(r.skill.slug, r.importance, r.target, r.essential) for r in reqs]
        not_asked = [r.skill.slug for r in reqs if r.skill.slug not in asked]
        applying = routes_for(track, person, routes)
        leads = [
            scoring.Lead(lead.skill.slug, lead.target, lead.importance) for r in applying for lead in r.leads.all()
        ]
        results[track.slug] = (
            scoring.assess(track.slug, specs, levels, step_specs, person.hours, not_asked=not_asked, leads=leads),
            applying,
        )
    names = {t.slug: t.name_en for t in tracks}
    ranked = scoring.rank((result for result, _routes in results.values()), names)
    by_slug = {t.slug: t for t in tracks}
    views = tuple(
        replace(
            _view(by_slug[r.track], r, requirements[r.track], results[r.track][1], levels, infos, posts, facts, person),
            market=markets[r.track],
        )
        for r in ranked
    )
    recommended = scoring.recommend(
        ranked,
        goal=person.goal,
        current=person.current.slug if person.current else None,
        kinds={t.slug: t.kind for t in tracks},
        essentials={t.slug: {r.skill.slug for r in requirements[t.slug] if r.essential} for t in tracks},
    )
    return Results(
        views,
        person.company_type,
        person.hours,
        person.current.slug if person.current else None,
        goal=person.goal,
        recommended=recommended,
        company_size=person.company_size,
        years=person.years,
    )


def _view(
    track: Track,
    result: scoring.TrackResult,
    reqs: list[Requirement],
    routes: list[Route],
    levels: dict[str, int],
    infos: dict[str, StepInfo],
    posts: list[Post],
    facts: list[MarketFact],
    person: Person,
) -> TrackView:
    contrib = {c.skill: c for c in result.contributions}
    rows = []
    for r in reqs:
        slug = r.skill.slug
        asked = slug not in result.not_asked
        level = levels.get(slug, 0) if asked else None
        share = contrib.get(slug)
        rows.append(
            SkillRow(
                skill_info(r.skill),
                level,
                r.target,
                r.importance,
                r.essential,
                r.importance * max(r.target - level, 0) if asked else 0,
                share.earned if share else 0.0,
                share.missing if share else 0.0,
            )
        )
    # Not-asked skills last: they carry no points either way.
    rows.sort(key=lambda row: (not row.asked, -(row.earned + row.missing)))
    info = track_info(track)
    route_infos = tuple(
        RouteInfo(
            r.slug,
            Text.of(r, "name"),
            Text.of(r, "advice"),
            Text.of(r, "evidence"),
            source_info(r.source),
            tuple(lead.skill.slug for lead in r.leads.all()),
        )
        for r in routes
    )
    return TrackView(
        track=info,
        readiness=result.readiness,
        band=result.band,
        rows=tuple(rows),
        gaps=tuple(g.skill for g in result.gaps),
        steps=tuple(infos[s.slug] for s in result.steps),
        total_hours=result.total_hours,
        weeks=result.weeks,
        is_current_role=person.current is not None and track.pk == person.current.pk,
        favoured=person.company is not None and track.kind == person.company.favoured_kind,
        advice=info.advice_for(person.company),
        essential_hours=result.essential_hours,
        leads=tuple(dict.fromkeys(slug for route in route_infos for slug in route.leads)),
        routes=route_infos,
        posts=tuple(
            PostInfo(Text.of(p, "title"), p.seniority, Text.of(p, "note"), source_info(p.source))
            for p in posts
            if p.track_id == track.pk
        ),
        facts=tuple(
            FactInfo(f.topic, f.seniority, Text.of(f, "text"), source_info(f.source))
            for f in facts
            if f.track_id in (None, track.pk)
        ),
        stage=stage(person.years),
        company=person.company_type,
        from_kind=person.current.kind if person.current else None,
    )
