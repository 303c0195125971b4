"""The snapshot layouts written before results went through one converter, read
once more to convert them (migrations questionnaire 0006 and reports 0008). Not a
migration itself: Django skips modules whose names start with an underscore.

They were written by hand, field by field, in two formats:

1. the first reports: ranked by readiness, bands by readiness alone;
2. a goal and a recommendation, verdicts that weigh essential skills, skills
   not asked (level null), routes, posts and market facts with their sources,
   the evidence each step produces.

`upgrade` reads either into the results objects as the old reader did, then writes
them in today's layout (questionnaire/snapshot.py), keeping the format number, so a
format-1 report keeps its verdicts and its "rules changed since" notice."""

from __future__ import annotations

from django.db import transaction

from advisor.catalogue.compiled import Fact, Post, Resource, Source
from advisor.catalogue.models import CompanyType
from advisor.i18n import Text
from advisor.questionnaire import snapshot as current
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

FORMAT = 2  # the newest format of the old layout


def is_old(data: object) -> bool:
    """A snapshot in the old layout: neither converted nor a synthetic one (reports/synth.py),
    which keeps only the keys the insights count and is never read back."""
    return isinstance(data, dict) and "results" not in data and "skills" in data


def upgrade(data: dict) -> dict:
    new = current.take(restore(data), data.get("levels") or {}, data.get("current_role") or "", data.get("format", 1))
    # Reports saved before these keys were kept stay without them: the insights then
    # read the current role from the answers (reports/standings.py), as they did.
    for key in ("levels", "current_role"):
        if key not in data:
            del new[key]
    return new


def convert_all(model, field: str, batch: int = 100) -> int:
    """Convert every `field` of `model` still in the old layout, `batch` rows per
    transaction in key order, so a large table is never held in memory at once
    and a stopped run resumes where it was. Returns how many rows it converted."""
    done, last = 0, 0
    while True:
        rows = list(model.objects.filter(pk__gt=last).order_by("pk").only("pk", field)[:batch])
        if not rows:
            return done
        old = [row for row in rows if is_old(getattr(row, field))]
        for row in old:
            setattr(row, field, upgrade(getattr(row, field)))
        with transaction.atomic():
            model.objects.bulk_update(old, [field])
        done += len(old)
        last = rows[-1].pk


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
            # Which track a fact was written for was not kept: the track it was shown on, as for posts.
            Fact(t["slug"], f["topic"], f["seniority"], Text.from_dict(f["text"]), sources[f["source"]])
            for f in t.get("facts", [])
        ),
        stage=snapshot.get("stage", ""),
        company=snapshot["company_type"],
        from_kind=current_kind,
        market=_restore_market(t.get("market")),
    )
