"""A report's snapshot: the results frozen as plain JSON, in both languages.

`take` writes it from the results objects; `restore` reads it back into the
same frozen objects (questionnaire/results.py) the results page renders, so a
saved report looks as the results did, whatever admins change in the catalogue
afterwards. `restore` opens every format ever saved; FORMAT is the newest:

1. the first reports: ranked by readiness, bands by readiness alone;
2. a goal and a recommendation, verdicts that weigh essential skills, skills
   not asked (level null), routes, posts and market facts with their sources,
   the evidence each step produces."""

from __future__ import annotations

from advisor.catalogue.compiled import Post, Resource, Source
from advisor.catalogue.models import CompanyType
from advisor.i18n import Text
from advisor.questionnaire.results import (
    FactInfo,
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

FORMAT = 2


def take(results: Results, levels: dict[str, int], role: str = "") -> dict:
    """`role` is the value of the current-role answer ("seo", "student"…): the
    insights page counts it (reports/standings.py); no page shows it from here."""
    skills: dict[str, dict] = {}
    steps: dict[str, dict] = {}
    sources: dict[str, dict] = {}

    def source(info: Source) -> str:
        sources[info.slug] = {"title": info.title.as_dict(), "url": info.url, "published": info.published}
        return info.slug

    tracks = []
    for tv in results.tracks:
        for row in tv.rows:
            skills[row.skill.slug] = row.skill.name.as_dict()
        for step in tv.steps:
            skills.setdefault(step.skill.slug, step.skill.name.as_dict())
            steps[step.slug] = {
                "skill": step.skill.slug,
                "reaches": step.reaches,
                "effort_hours": step.effort_hours,
                "title": step.title.as_dict(),
                "practice": step.practice.as_dict(),
                "evidence": step.evidence.as_dict(),
                "work_access": step.work_access.as_dict(),
                "prerequisites": list(step.prerequisites),
                "resources": [
                    {"title": link.title.as_dict(), "url": link.url, "language": link.language} for link in step.links
                ],
            }
        track = tv.track
        tracks.append(
            {
                "slug": track.slug,
                "kind": track.kind,
                "name": track.name.as_dict(),
                "description": track.description.as_dict(),
                "advice_product_led": track.advice_product_led.as_dict(),
                "advice_marketing_led": track.advice_marketing_led.as_dict(),
                "portfolio": [item.as_dict() for item in track.portfolio],
                "readiness": tv.readiness,
                "band": tv.band,
                "total_hours": tv.total_hours,
                "essential_hours": tv.essential_hours,
                "weeks": tv.weeks,
                "gaps": list(tv.gaps),
                "rows": [
                    {
                        "skill": r.skill.slug,
                        "level": r.level,
                        "target": r.target,
                        "importance": r.importance,
                        "essential": r.essential,
                        "gap": r.gap,
                        "earned": r.earned,
                        "missing": r.missing,
                    }
                    for r in tv.rows
                ],
                "steps": [s.slug for s in tv.steps],
                "leads": list(tv.leads),
                "routes": [
                    {
                        "slug": r.slug,
                        "name": r.name.as_dict(),
                        "advice": r.advice.as_dict(),
                        "evidence": r.evidence.as_dict(),
                        "source": source(r.source),
                        "leads": list(r.leads),
                    }
                    for r in tv.routes
                ],
                "posts": [
                    {
                        "title": p.title.as_dict(),
                        "seniority": p.seniority,
                        "note": p.note.as_dict(),
                        "source": source(p.source),
                    }
                    for p in tv.posts
                ],
                "facts": [
                    {"topic": f.topic, "seniority": f.seniority, "text": f.text.as_dict(), "source": source(f.source)}
                    for f in tv.facts
                ],
                "market": _market(tv.market),
                "is_current_role": tv.is_current_role,
                "favoured": tv.favoured,
            }
        )
    first = results.tracks[0] if results.tracks else None
    return {
        "format": FORMAT,
        "company_type": results.company_type,
        "company_size": results.company_size,
        "years": results.years,
        "stage": first.stage if first else "",
        "hours_per_week": results.hours_per_week,
        "current_track": results.current_track,
        "current_role": role,
        "goal": results.goal,
        "recommended": results.recommended,
        "levels": levels,
        "skills": skills,
        "sources": sources,
        "steps": steps,
        "tracks": tracks,
    }


def _market(info: MarketInfo | None) -> dict | None:
    if info is None:
        return None
    return {
        "postings": info.postings,
        "thin": info.thin,
        "collected": info.collected,
        "asked": [[name.as_dict(), n] for name, n in info.asked],
        "unmentioned": [name.as_dict() for name in info.unmentioned],
        "pay": [
            {"seniority": p.seniority, "low": p.low, "high": p.high, "postings": p.postings, "tiers": list(p.tiers)}
            for p in info.pay
        ],
        "pay_count": info.pay_count,
        "links": [{"title": link.title, "url": link.url, "seen": link.seen} for link in info.links],
    }


def _restore_market(data: dict | None) -> MarketInfo | None:
    if not data:
        return None
    return MarketInfo(
        postings=data["postings"],
        thin=data["thin"],
        collected=data["collected"],
        asked=tuple((Text.from_dict(name), n) for name, n in data["asked"]),
        unmentioned=tuple(Text.from_dict(name) for name in data["unmentioned"]),
        pay=tuple(
            PayInfo(p["seniority"], p["low"], p["high"], p["postings"], tuple(p.get("tiers", ()))) for p in data["pay"]
        ),
        pay_count=data.get("pay_count", 0),
        links=tuple(PostingLink(link["title"], link["url"], link["seen"]) for link in data.get("links", [])),
    )


def restore(snapshot: dict) -> Results:
    version = snapshot.get("format", 1)
    skills = {slug: SkillInfo(slug, Text.from_dict(names)) for slug, names in snapshot["skills"].items()}
    sources = {
        slug: Source(slug, Text.from_dict(s["title"]), s.get("url", ""), s.get("published", "unknown"))
        for slug, s in snapshot.get("sources", {}).items()
    }
    steps = {
        slug: StepInfo(
            slug,
            skills[data["skill"]],
            data["reaches"],
            data["effort_hours"],
            Text.from_dict(data["title"]),
            Text.from_dict(data["practice"]),
            tuple(Resource(Text.from_dict(r["title"]), r["url"], r.get("language", "en")) for r in data["resources"]),
            Text.from_dict(data.get("evidence")),
            Text.from_dict(data.get("work_access")),
            tuple(data.get("prerequisites", ())),
        )
        for slug, data in snapshot["steps"].items()
    }
    company = CompanyType.parse(snapshot["company_type"])
    current = {t["slug"]: t["kind"] for t in snapshot["tracks"]}.get(snapshot["current_track"])
    views = tuple(_track(t, skills, steps, sources, company, snapshot, current) for t in snapshot["tracks"])
    # Saved in ranked order: the order is part of what the person was shown.
    return Results(
        views,
        snapshot["company_type"],
        snapshot["hours_per_week"],
        snapshot["current_track"],
        goal=snapshot.get("goal"),
        # Format 1 opened on the most ready track.
        recommended=snapshot.get("recommended") if version >= 2 else (views[0].track.slug if views else None),
        company_size=snapshot.get("company_size"),
        years=snapshot.get("years"),
        rules_changed=version < FORMAT,
    )


def _track(t: dict, skills, steps, sources, company, snapshot: dict, current_kind: str | None) -> TrackView:
    track = TrackInfo(
        t["slug"],
        t["kind"],
        Text.from_dict(t["name"]),
        Text.from_dict(t["description"]),
        Text.from_dict(t["advice_product_led"]),
        Text.from_dict(t["advice_marketing_led"]),
        tuple(Text.from_dict(item) for item in t.get("portfolio", [])),
    )
    rows = tuple(
        SkillRow(
            skills[r["skill"]],
            r["level"],
            r["target"],
            r["importance"],
            r["essential"],
            r["gap"],
            r["earned"],
            r["missing"],
        )
        for r in t["rows"]
    )
    return TrackView(
        track=track,
        readiness=t["readiness"],
        band=t["band"],
        rows=rows,
        gaps=tuple(t["gaps"]),
        steps=tuple(steps[s] for s in t["steps"]),
        total_hours=t["total_hours"],
        weeks=t["weeks"],
        is_current_role=t["is_current_role"],
        favoured=t["favoured"],
        advice=track.advice_for(company),
        essential_hours=t.get("essential_hours"),
        leads=tuple(t.get("leads", ())),
        routes=tuple(
            RouteInfo(
                r["slug"],
                Text.from_dict(r["name"]),
                Text.from_dict(r["advice"]),
                Text.from_dict(r["evidence"]),
                sources[r["source"]],
                tuple(r["leads"]),
            )
            for r in t.get("routes", [])
        ),
        posts=tuple(
            Post(t["slug"], p["seniority"], Text.from_dict(p["title"]), Text.from_dict(p["note"]), sources[p["source"]])
            for p in t.get("posts", [])
        ),
        facts=tuple(
            FactInfo(f["topic"], f["seniority"], Text.from_dict(f["text"]), sources[f["source"]])
            for f in t.get("facts", [])
        ),
        stage=snapshot.get("stage", ""),
        company=snapshot["company_type"],
        from_kind=current_kind,
        market=_restore_market(t.get("market")),
    )
