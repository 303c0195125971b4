"""The catalogue as frozen, plain objects, read from the database once per
catalogue version and kept in the process.

Every admin save and every import records a new catalogue version
(exchange/versions.py); `current()` asks for the latest version's number and
content hash in one cheap query and rebuilds only when they changed, so each
app server notices an edit on its next request. Catalogue changes therefore go
through the admin or the import pipeline, which is how they are made anyway."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch

from advisor.catalogue import models as m
from advisor.i18n import Text


@dataclass(frozen=True)
class Theme:
    pk: int
    slug: str
    position: int
    name: Text
    intro: Text


@dataclass(frozen=True)
class Skill:
    pk: int
    slug: str
    name: Text
    theme: Theme


@dataclass(frozen=True)
class Choice:
    level: int
    label: Text


@dataclass(frozen=True)
class ContextChoice:
    pk: int
    value: str
    label: Text
    number: int | None
    track: str | None  # the slug of the track a role or goal choice stands for


@dataclass(frozen=True)
class ContextQuestion:
    pk: int
    slug: str
    text: Text
    help: Text
    choices: tuple[ContextChoice, ...]


@dataclass(frozen=True)
class Question:
    pk: int
    slug: str
    skill: Skill
    text: Text
    help: Text
    choices: tuple[Choice, ...]
    skip_question: str | None = None  # ask only when this context question…
    skip_values: tuple[str, ...] = ()  # …has one of these values


@dataclass(frozen=True)
class Requirement:
    skill: Skill
    importance: int
    target: int
    essential: bool
    source: str = ""


@dataclass(frozen=True)
class Track:
    pk: int
    slug: str
    kind: str
    name: Text
    focus: Text
    description: Text
    advice_product_led: Text
    advice_marketing_led: Text
    portfolio: tuple[Text, ...]
    requirements: tuple[Requirement, ...]  # most important first

    @property
    def kind_label(self) -> str:
        return str(m.Track.Kind(self.kind).label)


@dataclass(frozen=True)
class Resource:
    title: Text
    url: str
    language: str


@dataclass(frozen=True)
class Step:
    slug: str
    skill: Skill
    reaches: int
    effort_hours: int
    title: Text
    practice: Text
    evidence: Text
    work_access: Text
    resources: tuple[Resource, ...]
    prerequisites: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    slug: str
    title: Text
    url: str
    published: str


@dataclass(frozen=True)
class Lead:
    skill: Skill
    target: int
    importance: int


@dataclass(frozen=True)
class Route:
    slug: str
    position: int
    name: Text
    advice: Text
    evidence: Text
    from_kind: str
    from_track: Track | None
    to_kind: str
    to_track: Track | None
    company_size: str
    source: Source
    leads: tuple[Lead, ...]

    @property
    def from_kind_label(self) -> str:
        return str(m.Track.Kind(self.from_kind).label) if self.from_kind else ""

    @property
    def to_kind_label(self) -> str:
        return str(m.Track.Kind(self.to_kind).label) if self.to_kind else ""

    @property
    def company_size_label(self) -> str:
        return str(m.CompanySize(self.company_size).label) if self.company_size else ""


@dataclass(frozen=True)
class Post:
    track: str
    seniority: str
    title: Text
    note: Text
    source: Source


@dataclass(frozen=True)
class Fact:
    track: str | None
    topic: str
    seniority: str
    text: Text
    source: Source


@dataclass(frozen=True)
class Catalogue:
    version: tuple[int, str] | None
    context_questions: tuple[ContextQuestion, ...]
    questions: tuple[Question, ...]
    tracks: tuple[Track, ...]
    steps: tuple[Step, ...]
    routes: tuple[Route, ...]
    posts: tuple[Post, ...]
    facts: tuple[Fact, ...]
    required: Mapping[str, frozenset[int]] = field(default_factory=dict)  # track slug → required skill pks

    @property
    def question_count(self) -> int:
        return len(self.context_questions) + len(self.questions)

    # Lookups a questionnaire screen needs, worked out once per catalogue version
    # rather than on every request (frozen: cached_property writes past __setattr__).

    @cached_property
    def context_by_pk(self) -> dict[int, ContextQuestion]:
        return {q.pk: q for q in self.context_questions}

    @cached_property
    def context_choices(self) -> dict[int, ContextChoice]:
        return {c.pk: c for q in self.context_questions for c in q.choices}

    @cached_property
    def question_slugs(self) -> dict[int, str]:
        return {q.pk: q.slug for q in self.questions}

    @cached_property
    def themed(self) -> tuple[tuple[Theme, tuple[Question, ...]], ...]:
        """The skill questions by theme, themes in questionnaire order, questions in catalogue order."""
        groups: dict[int, list[Question]] = {}
        themes: dict[int, Theme] = {}
        for q in self.questions:
            groups.setdefault(q.skill.theme.pk, []).append(q)
            themes[q.skill.theme.pk] = q.skill.theme
        ordered = sorted(themes.values(), key=lambda t: (t.position, t.slug))
        return tuple((t, tuple(groups[t.pk])) for t in ordered)

    def track(self, slug: str | None) -> Track | None:
        return next((t for t in self.tracks if t.slug == slug), None)


def _source(s: m.Source) -> Source:
    return Source(s.slug, Text.of(s, "title"), s.url, s.published)


def build(version: tuple[int, str] | None) -> Catalogue:
    """Read the whole catalogue, in a fixed number of queries whatever its size."""
    themes = {
        t.pk: Theme(t.pk, t.slug, t.position, Text.of(t, "name"), Text.of(t, "intro")) for t in m.Theme.objects.all()
    }
    skills = {s.pk: Skill(s.pk, s.slug, Text.of(s, "name"), themes[s.theme_id]) for s in m.Skill.objects.all()}
    track_slugs = dict(m.Track.objects.values_list("pk", "slug"))
    context = tuple(
        ContextQuestion(
            q.pk,
            q.slug,
            Text.of(q, "text"),
            Text.of(q, "help"),
            tuple(
                ContextChoice(c.pk, c.value, Text.of(c, "label"), c.number, track_slugs.get(c.track_id))
                for c in q.choices.all()
            ),
        )
        for q in m.ContextQuestion.objects.prefetch_related(
            Prefetch("choices", queryset=m.ContextChoice.objects.order_by("position", "value"))
        )
    )
    context_slugs = {q.pk: q.slug for q in context}
    questions = tuple(
        Question(
            q.pk,
            q.slug,
            skills[q.skill_id],
            Text.of(q, "text"),
            Text.of(q, "help"),
            tuple(Choice(c.level, Text.of(c, "label")) for c in q.choices.all()),
            context_slugs.get(q.skip_unless_question_id),
            tuple(str(v) for v in q.skip_unless_values or ()),
        )
        for q in m.Question.objects.prefetch_related(Prefetch("choices", queryset=m.Choice.objects.order_by("level")))
    )
    requirements: dict[int, list[Requirement]] = {}
    for r in m.Requirement.objects.order_by("-importance", "skill__position", "skill__slug"):
        requirements.setdefault(r.track_id, []).append(
            Requirement(skills[r.skill_id], r.importance, r.target, r.essential, r.source)
        )
    tracks = tuple(
        Track(
            t.pk,
            t.slug,
            t.kind,
            Text.of(t, "name"),
            Text.of(t, "focus"),
            Text.of(t, "description"),
            Text.of(t, "advice_product_led"),
            Text.of(t, "advice_marketing_led"),
            tuple(
                Text(en, zh) for en, zh in zip(t.portfolio_en.splitlines(), t.portfolio_zh.splitlines(), strict=False)
            ),
            tuple(requirements.get(t.pk, ())),
        )
        for t in m.Track.objects.all()
    )
    step_rows = m.Step.objects.prefetch_related(
        Prefetch("prerequisites", queryset=m.Step.objects.only("slug")),
        Prefetch("resources", queryset=m.Resource.objects.order_by("position", "pk")),
    )
    steps = tuple(
        Step(
            s.slug,
            skills[s.skill_id],
            s.reaches,
            s.effort_hours,
            Text.of(s, "title"),
            Text.of(s, "practice"),
            Text.of(s, "evidence"),
            Text.of(s, "work_access"),
            tuple(Resource(Text.of(r, "title"), r.url, r.language) for r in s.resources.all()),
            tuple(p.slug for p in s.prerequisites.all()),
        )
        for s in step_rows
    )
    sources = {s.pk: _source(s) for s in m.Source.objects.all()}
    by_pk = {t.pk: t for t in tracks}
    routes = tuple(
        Route(
            r.slug,
            r.position,
            Text.of(r, "name"),
            Text.of(r, "advice"),
            Text.of(r, "evidence"),
            r.from_kind,
            by_pk.get(r.from_track_id),
            r.to_kind,
            by_pk.get(r.to_track_id),
            r.company_size,
            sources[r.source_id],
            tuple(Lead(skills[lead.skill_id], lead.target, lead.importance) for lead in r.leads.all()),
        )
        for r in m.Route.objects.prefetch_related(
            Prefetch("leads", queryset=m.RouteLead.objects.order_by("position", "pk"))
        )
    )
    posts = tuple(
        Post(track_slugs[p.track_id], p.seniority, Text.of(p, "title"), Text.of(p, "note"), sources[p.source_id])
        for p in m.Post.objects.all()
    )
    facts = tuple(
        Fact(track_slugs.get(f.track_id), f.topic, f.seniority, Text.of(f, "text"), sources[f.source_id])
        for f in m.MarketFact.objects.all()
    )
    required = {t.slug: frozenset(r.skill.pk for r in t.requirements) for t in tracks}
    return Catalogue(version, context, questions, tracks, steps, routes, posts, facts, required)


_lock = threading.Lock()
_cache: dict[str, Catalogue] = {}


def version_key() -> tuple[int, str] | None:
    row = m.CatalogueVersion.objects.order_by("-number").values_list("number", "content_hash").first()
    return tuple(row) if row else None


def current() -> Catalogue:
    """The catalogue as it is now: one query when nothing changed since the last call."""
    key = version_key()
    if key is None:
        return build(None)  # no version recorded yet: nothing to key a copy on
    cached = _cache.get("current")
    if cached is not None and cached.version == key:
        return cached
    with _lock:
        fresh = build(key)
        _cache["current"] = fresh
    return fresh


def forget() -> None:
    """Drop the kept copy (tests that change the catalogue behind the admin's back)."""
    _cache.clear()
