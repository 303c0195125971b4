"""Turn a finished assessment into results (results.py) with the scoring engine.

It reads only the compiled catalogue (catalogue/compiled.py) and the market
evidence, both kept in the process, and hands frozen, plain objects to the
templates and to saved reports. It runs once per assessment, at finish."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean

from advisor import scoring
from advisor.catalogue import compiled, market
from advisor.catalogue.models import CompanyType, ContextQuestion, Seniority
from advisor.i18n import Text
from advisor.questionnaire import flow as flows
from advisor.questionnaire import snapshot
from advisor.questionnaire.flow import Flow
from advisor.questionnaire.results import (
    MarketInfo,
    PayInfo,
    PostingLink,
    Results,
    RouteInfo,
    SkillInfo,
    SkillRow,
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


def skill_info(skill: compiled.Skill) -> SkillInfo:
    return SkillInfo(skill.slug, skill.name)


def step_info(step: compiled.Step) -> StepInfo:
    return StepInfo(
        step.slug,
        skill_info(step.skill),
        step.reaches,
        step.effort_hours,
        step.title,
        step.practice,
        step.resources,
        step.evidence,
        step.work_access,
        step.prerequisites,
    )


def track_info(track: compiled.Track) -> TrackInfo:
    return TrackInfo(
        track.slug,
        track.kind,
        track.name,
        track.description,
        track.advice_product_led,
        track.advice_marketing_led,
        track.portfolio,
    )


@dataclass(frozen=True)
class Person:
    """Who the results are for, from "About you"."""

    current: compiled.Track | None
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
            current=flow.catalogue.track(role.track) if role else None,
            goal=goal.track if goal and flow.catalogue.track(goal.track) else None,
            company=CompanyType.parse(company.value if company else None),
            company_type=company.value if company else None,
            company_size=size.value if size else None,
            years=years.number if years else None,
            hours=hours.number if hours else None,
        )


def routes_for(track: compiled.Track, person: Person, routes: Iterable[compiled.Route]) -> list[compiled.Route]:
    """The routes that describe this person's move to this track, the most specific first."""
    here = person.current

    def applies(route: compiled.Route) -> bool:
        return (
            (route.to_track is None or route.to_track.slug == track.slug)
            and (not route.to_kind or route.to_kind == track.kind)
            and (route.from_track is None or (here is not None and route.from_track.slug == here.slug))
            and (not route.from_kind or (here is not None and route.from_kind == here.kind))
            and (not route.company_size or route.company_size == person.company_size)
            and not (here is not None and here.slug == track.slug)  # staying is not a move
        )

    def specificity(route: compiled.Route) -> int:
        conditions = (route.to_track, route.to_kind, route.from_track, route.from_kind, route.company_size)
        return -sum(bool(c) for c in conditions)

    return sorted((r for r in routes if applies(r)), key=lambda r: (specificity(r), r.position, r.slug))


def market_info(
    track: compiled.Track, evidence: market.Evidence, names: dict[str, Text], leads: Iterable[str] = ()
) -> MarketInfo:
    """What the postings show for a track. `leads` are the skills the person's routes
    into it lead with: the page names those no posting asks for, since the articles
    still recommend them for this move."""
    required = {r.skill.slug: (r.importance, r.target, r.essential, r.source) for r in track.requirements}
    leads = set(leads)
    found = market.track_evidence(evidence, track.slug, required)
    return MarketInfo(
        postings=len(found.postings),
        thin=found.thin,
        collected=evidence.collected,
        asked=tuple((names.get(skill) or Text(skill, skill), n) for skill, n in found.asked[:5]),
        unmentioned=tuple(names[s] for s in found.unmentioned if s in leads),
        pay=tuple(PayInfo(p.seniority, p.low, p.high, len(p.postings), tuple(p.tiers)) for p in found.pay),
        pay_count=found.pay_count,
        links=tuple(PostingLink(p.title or p.id, p.url, p.seen) for p in found.postings),
    )


def compute(flow: Flow) -> Results:
    catalogue = flow.catalogue
    levels = skill_levels(flow)
    asked = {q.skill.slug for q in flow.asked}
    person = Person.of(flow)
    evidence = market.load()
    names = {r.skill.slug: r.skill.name for t in catalogue.tracks for r in t.requirements}
    step_specs = [
        scoring.Step(s.slug, s.skill.slug, s.reaches, s.effort_hours, s.prerequisites) for s in catalogue.steps
    ]
    infos = {s.slug: step_info(s) for s in catalogue.steps}

    assessed = {}
    for track in catalogue.tracks:
        specs = [scoring.Requirement(r.skill.slug, r.importance, r.target, r.essential) for r in track.requirements]
        not_asked = [r.skill.slug for r in track.requirements if r.skill.slug not in asked]
        applying = routes_for(track, person, catalogue.routes)
        leads = [scoring.Lead(lead.skill.slug, lead.target, lead.importance) for r in applying for lead in r.leads]
        result = scoring.assess(track.slug, specs, levels, step_specs, person.hours, not_asked=not_asked, leads=leads)
        assessed[track.slug] = (track, result, applying)
    ranked = scoring.rank(
        (result for _t, result, _r in assessed.values()), {t.slug: t.name.en for t in catalogue.tracks}
    )
    views = tuple(
        _view(*assessed[r.track], levels, infos, catalogue, person, _market(assessed[r.track], evidence, names))
        for r in ranked
    )
    recommended = scoring.recommend(
        ranked,
        goal=person.goal,
        current=person.current.slug if person.current else None,
        kinds={t.slug: t.kind for t in catalogue.tracks},
        essentials={t.slug: {r.skill.slug for r in t.requirements if r.essential} for t in catalogue.tracks},
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


def _market(assessed: tuple, evidence: market.Evidence, names: dict[str, Text]) -> MarketInfo:
    track, _result, routes = assessed
    return market_info(track, evidence, names, (lead.skill.slug for r in routes for lead in r.leads))


def _view(
    track: compiled.Track,
    result: scoring.TrackResult,
    routes: list[compiled.Route],
    levels: dict[str, int],
    infos: dict[str, StepInfo],
    catalogue: compiled.Catalogue,
    person: Person,
    market_view: MarketInfo,
) -> TrackView:
    contrib = {c.skill: c for c in result.contributions}
    rows = []
    for r in track.requirements:
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
        RouteInfo(r.slug, r.name, r.advice, r.evidence, r.source, tuple(lead.skill.slug for lead in r.leads))
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
        is_current_role=person.current is not None and track.slug == person.current.slug,
        favoured=person.company is not None and track.kind == person.company.favoured_kind,
        advice=info.advice_for(person.company),
        essential_hours=result.essential_hours,
        leads=tuple(dict.fromkeys(slug for route in route_infos for slug in route.leads)),
        routes=route_infos,
        posts=tuple(p for p in catalogue.posts if p.track == track.slug),
        facts=tuple(f for f in catalogue.facts if f.track in (None, track.slug)),
        stage=stage(person.years),
        company=person.company_type,
        from_kind=person.current.kind if person.current else None,
        market=market_view,
    )


def freeze(flow: Flow) -> tuple[dict, int | None]:
    """The results as the snapshot kept with the assessment, and the catalogue version they came from."""
    version = flow.catalogue.version[0] if flow.catalogue.version else None
    role = flow.context.get(Use.CURRENT_ROLE)
    return snapshot.take(compute(flow), skill_levels(flow), role.value if role else ""), version


def results_of(assessment) -> dict:
    """A finished assessment's results snapshot: kept since its finish, or (for one
    finished before results were kept) computed now from its answers and kept."""
    if assessment.results is None:
        assessment.keep_results(*freeze(flows.load(assessment)))
    return assessment.results
