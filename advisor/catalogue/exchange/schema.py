"""The catalogue file, section by section (the format is seed/FORMAT.md).

SECTIONS is one table: for every section its model, its key and its fields
(fields.py). The loader, the diff, the exporter and the writer all walk this
table, so a section or a field is declared in one place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from advisor.catalogue import models as m
from advisor.catalogue.exchange.fields import (
    Checker,
    Field,
    Flag,
    LevelChoices,
    Number,
    OneOf,
    Plain,
    Prerequisites,
    Ref,
    Resources,
    Rows,
    SkipRule,
    Slug,
    Value,
    Words,
    WordsList,
)
from advisor.catalogue.exchange.guard import label, shown


@dataclass(frozen=True)
class Section:
    name: str
    model: type[models.Model]
    singular: str  # how an entry is named: "track 'content-operation'" (translated)
    fields: tuple[Field, ...]  # the key fields first
    key: tuple[str, ...] = ("slug",)
    positioned: bool = False  # the order of the rows is their order on screen
    order: tuple[str, ...] = ("position", "slug")  # export order
    owner: tuple[str, str] | None = None  # (section, field): the rows belong to the entry that field names
    parent: str | None = None  # nested in the rows of this section
    parent_field: str = ""  # the nested model's foreign key to its parent
    duplicate: str = gettext_lazy("appears twice")
    required: bool = True  # a file must have the section, with at least one row
    quoted: bool = True  # "track 'x'", but "level 3"

    def entry(self, row: dict, parent: str | None = None) -> str:
        """An entry's readable name, also its key in a diff."""
        values = " × ".join(f"'{label(row.get(k))}'" if self.quoted else label(row.get(k)) for k in self.key)
        return f"{parent} {self.singular} {values}" if parent else f"{self.singular} {values}"

    @property
    def key_fields(self) -> list[Field]:
        return [f for f in self.fields if f.name in self.key]

    @property
    def value_fields(self) -> list[Field]:
        return [f for f in self.fields if f.name not in self.key]

    def read(self, rows: list, c: Checker, parent: str | None = None) -> list[dict]:
        """Check a section's rows and return them normalised."""
        where = f"{parent} {self.singular}" if parent else self.name
        names = {f.name for f in self.fields}
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                c.fail(f"{where}[{i}]", _("must be a mapping"))
            c.keys_of(self.entry(row, parent), row, names)
        seen: set = set()
        for i, row in enumerate(rows):
            if len(self.key) == 1:
                value = row.get(self.key[0])
                if value is None or value == "":
                    where_i = f"{where}[{i}]" if parent else f"{self.singular}[{i}]"
                    c.fail(where_i, _("missing '%(key)s'") % {"key": self.key[0]})
                if isinstance(value, bool) or not isinstance(value, str | int):
                    c.fail(
                        self.entry(row, parent),
                        _("'%(key)s' must be a word, not %(value)s") % {"key": self.key[0], "value": shown(value)},
                    )
                if value in seen:
                    c.fail(self.entry(row, parent), self.duplicate)
                seen.add(value)
        if parent is None:
            c.keys[self.name] = seen
        out = []
        outer, c.model = c.model, self.model
        for row in rows:
            entry = self.entry(row, parent)
            checked = {f.name: f.read(row, c, entry) for f in self.fields}
            if len(self.key) > 1:
                pair = tuple(checked[k] for k in self.key)
                if pair in seen:
                    c.fail(entry, self.duplicate)
                seen.add(pair)
            out.append(checked)
        c.model = outer
        return out

    def flat(self, row: dict, position: int) -> dict[str, Any]:
        out: dict[str, Any] = {"order": position} if self.positioned else {}
        for f in self.value_fields:
            out |= f.flat(row.get(f.name))
        return out

    def queryset(self) -> models.QuerySet:
        select: list[str] = []
        prefetch: list[Prefetch] = []
        for f in self.fields:
            s, p = f.related()
            select += s
            prefetch += p
        return self.model.objects.select_related(*select).prefetch_related(*prefetch).order_by(*self.order)

    def dump(self, obj: models.Model) -> dict[str, Any]:
        row = {}
        for f in self.fields:
            value = f.dump(obj)
            if value is not None:
                row[f.name] = value
        return row

    def lookup(self, row: dict, parent_row: dict | None = None) -> dict[str, Any]:
        """What finds the entry's database row: the key, and the parent's slug."""
        found = {k: row[k] for k in self.key}
        if self.parent:
            found[self.parent_field] = parent_row["slug"]
        return found

    def find(self, lookup: Mapping[str, Any]) -> models.Model | None:
        refs = {f.name for f in self.key_fields if isinstance(f, Ref)} | {self.parent_field}
        query = {f"{k}__slug" if k in refs else k: v for k, v in lookup.items()}
        return self.model.objects.filter(**query).first()


def _levels_once(rows: list, c: Checker) -> None:
    levels = [row.get("level") for row in rows if isinstance(row, dict)]
    numbers = [n for n in levels if isinstance(n, int) and not isinstance(n, bool)]
    if len(numbers) != len(levels) or sorted(numbers) != list(range(m.MAX_LEVEL + 1)):
        c.fail("levels", _("must define each level 0 to %(max)d exactly once") % {"max": m.MAX_LEVEL})


CONTEXT_CHOICES = Section(
    "context_choices",
    m.ContextChoice,
    pgettext_lazy("catalogue entry", "choice"),
    (
        Value("value"),
        Words("label"),
        Ref("track", required=False, to="tracks"),
        Number("number", required=False, low=0, high=100),
    ),
    key=("value",),
    positioned=True,
    order=("position", "value"),
    parent="context_questions",
    parent_field="question",
)
ROUTE_LEADS = Section(
    "route_leads",
    m.RouteLead,
    pgettext_lazy("catalogue entry", "lead"),
    (
        Ref("skill", to="skills"),
        Number("target", required=False, low=1, high=m.MAX_LEVEL, default=2),
        Number("importance", required=False, low=1, high=5, default=3),
    ),
    key=("skill",),
    positioned=True,
    order=("position", "skill__slug"),
    parent="routes",
    parent_field="route",
)
KINDS = tuple(m.Track.Kind.values)
DATE = r"unknown|\d{4}(-\d{2}(-\d{2})?)?"
SECTIONS: tuple[Section, ...] = (
    Section(
        "levels",
        m.ProficiencyLevel,
        pgettext_lazy("catalogue entry", "level"),
        (Number("level", low=0, high=m.MAX_LEVEL), Words("label"), Words("description", required=False)),
        key=("level",),
        order=("level",),
        quoted=False,
    ),
    Section(
        "themes",
        m.Theme,
        pgettext_lazy("catalogue entry", "theme"),
        (Slug(), Words("name"), Words("intro", required=False)),
        positioned=True,
    ),
    Section(
        "tracks",
        m.Track,
        pgettext_lazy("catalogue entry", "track"),
        (
            Slug(),
            OneOf("kind", allowed=tuple(m.Track.Kind.values)),
            Words("name"),
            Words("focus"),
            Words("description"),
            Words("advice_product_led", required=False),
            Words("advice_marketing_led", required=False),
            WordsList("portfolio"),
        ),
        positioned=True,
    ),
    Section(
        "skills",
        m.Skill,
        pgettext_lazy("catalogue entry", "skill"),
        (Slug(), Ref("theme", to="themes"), Words("name"), Words("description", required=False)),
        positioned=True,
    ),
    Section(
        "requirements",
        m.Requirement,
        pgettext_lazy("catalogue entry", "requirement"),
        (
            Ref("track", to="tracks"),
            Ref("skill", to="skills"),
            Number("importance", low=1, high=5),
            Number("target", low=1, high=m.MAX_LEVEL),
            Flag("essential"),
            Plain(
                "source",
                required=False,
                pattern=r"[^\n]{1,500}",
                hint=gettext_lazy("one line of at most 500 characters"),
            ),
        ),
        key=("track", "skill"),
        order=("track__position", "track__slug", "-importance", "skill__position", "skill__slug"),
        owner=("tracks", "track"),
        duplicate=gettext_lazy("duplicate mapping: this track already requires this skill"),
    ),
    Section(
        "context_questions",
        m.ContextQuestion,
        pgettext_lazy("catalogue entry", "context question"),
        (
            Slug(allowed=tuple(m.ContextQuestion.Use.values)),
            Words("text"),
            Words("help", required=False),
            Rows("choices", section=CONTEXT_CHOICES, least=2),
        ),
        positioned=True,
    ),
    CONTEXT_CHOICES,
    Section(
        "questions",
        m.Question,
        pgettext_lazy("catalogue entry", "question"),
        (Slug(), Ref("skill", to="skills"), Words("text"), Words("help", required=False), LevelChoices(), SkipRule()),
        positioned=True,
    ),
    Section(
        "steps",
        m.Step,
        pgettext_lazy("catalogue entry", "step"),
        (
            Slug(),
            Ref("skill", to="skills"),
            Number("reaches", low=1, high=m.MAX_LEVEL),
            Words("title"),
            Words("practice"),
            Words("evidence"),
            Words("work_access", required=False),
            Number("effort_hours", low=1, high=1000),
            Resources(),
            Prerequisites(),
        ),
        order=("skill__position", "skill__slug", "reaches", "slug"),
    ),
    Section(
        "sources",
        m.Source,
        pgettext_lazy("catalogue entry", "source"),
        (
            Slug(),
            Words("title"),
            Plain("url", required=False, pattern=r"https?://\S+", hint=gettext_lazy("an https:// address")),
            Plain(
                "published", pattern=DATE, default="unknown", hint=gettext_lazy("YYYY-MM-DD, YYYY-MM, YYYY or unknown")
            ),
            Words("note", required=False),
        ),
        order=("slug",),
        required=False,
    ),
    Section(
        "routes",
        m.Route,
        pgettext_lazy("catalogue entry", "route"),
        (
            Slug(),
            Words("name"),
            OneOf("from_kind", required=False, allowed=KINDS),
            Ref("from_track", required=False, to="tracks"),
            OneOf("to_kind", required=False, allowed=KINDS),
            Ref("to_track", required=False, to="tracks"),
            OneOf("company_size", required=False, allowed=tuple(m.CompanySize.values)),
            Words("advice"),
            Words("evidence"),
            Ref("source", to="sources"),
            Rows("leads", section=ROUTE_LEADS, least=0),
        ),
        positioned=True,
        required=False,
    ),
    ROUTE_LEADS,
    Section(
        "posts",
        m.Post,
        pgettext_lazy("catalogue entry", "post"),
        (
            Slug(),
            Ref("track", to="tracks"),
            OneOf("seniority", allowed=tuple(m.Seniority.values)),
            Words("title"),
            Words("note", required=False),
            Ref("source", to="sources"),
        ),
        positioned=True,
        order=("position", "slug"),
        required=False,
    ),
    Section(
        "facts",
        m.MarketFact,
        pgettext_lazy("catalogue entry", "fact"),
        (
            Slug(),
            Ref("track", required=False, to="tracks"),
            OneOf("topic", allowed=tuple(m.MarketFact.Topic.values)),
            OneOf("seniority", required=False, allowed=tuple(m.Seniority.values)),
            Words("text"),
            Ref("source", to="sources"),
        ),
        positioned=True,
        required=False,
    ),
)
BY_NAME = {s.name: s for s in SECTIONS}
# Deleting in this order never trips over a protected reference: a skill's
# requirements and questions are gone (or went with their track) before the
# skill, a theme's skills before the theme.
REMOVAL_ORDER = (
    "requirements",
    "context_choices",
    "route_leads",
    "facts",
    "posts",
    "routes",
    "sources",
    "steps",
    "questions",
    "context_questions",
    "tracks",
    "skills",
    "themes",
)
TOP_LEVEL = tuple(s for s in SECTIONS if s.parent is None)
# Checks a section's rows need before they are read one by one.
BEFORE: dict[str, Callable[[list, Checker], None]] = {"levels": _levels_once}
