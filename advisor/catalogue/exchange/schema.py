"""The catalogue file, section by section (the format is seed/FORMAT.md).

SECTIONS is one table: for every section its model, its key and its fields.
Each field knows how to check itself in a file (`read`), how it shows in a
diff (`flat`), how it comes out of the database (`dump`) and which columns it
fills (`columns`); a field that owns rows of its own (a question's choices, a
step's resources) also writes them (`write_rows`). The loader, the diff, the
exporter and the writer all walk this table, so a field is declared once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from django.db import models
from django.db.models import Prefetch

from advisor.catalogue import models as m
from advisor.i18n import Text

if TYPE_CHECKING:
    from advisor.catalogue.exchange.writer import Writer

# Section name → file key → the row written for it, to resolve references.
Refs = Mapping[str, Mapping[Any, models.Model]]


class CatalogueError(Exception):
    """A catalogue file that cannot be loaded; the message names the file and the entry."""


class Checker:
    """Checks one file: says where a problem is, and remembers the keys and rows
    of the sections read so far, so later sections can refer to them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.keys: dict[str, set] = {}
        self.rows: dict[str, list[dict]] = {}

    def fail(self, entry: str, message: str) -> NoReturn:
        raise CatalogueError(f"{self.source}: {entry}: {message}")

    def text(self, entry: str, value: Any, key: str, *, required: bool = True) -> dict[str, str]:
        if value is None and not required:
            return {"en": "", "zh": ""}
        if not isinstance(value, dict) or not {"en", "zh"} <= set(value):
            self.fail(entry, f"'{key}' must have both 'en' and 'zh' texts")
        en, zh = str(value["en"] or "").strip(), str(value["zh"] or "").strip()
        if required and not (en and zh):
            self.fail(entry, f"'{key}' has an empty 'en' or 'zh' text")
        return {"en": en, "zh": zh}

    def integer(self, entry: str, value: Any, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(entry, f"'{key}' must be a whole number from {low} to {high}, not {value!r}")
        return value


# --- fields --------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    required: bool = True

    def read(self, row: dict, c: Checker, entry: str) -> Any:
        return row.get(self.name)

    def flat(self, value: Any) -> dict[str, Any]:
        return {self.name: value}

    def dump(self, obj: models.Model) -> Any:
        """The value for a file; None leaves the key out."""
        return getattr(obj, self.name)

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {self.name: value}

    @property
    def key_column(self) -> str:
        """The column a key field is stored in."""
        return self.name

    def related(self) -> tuple[list[str], list[Prefetch]]:
        """What an export query must select and prefetch for `dump`."""
        return [], []

    owns_rows = False

    def write_rows(self, obj: models.Model, value: Any, writer: Writer) -> None:
        """Write the rows that belong to `obj` (choices, resources, links) to match `value`."""


@dataclass(frozen=True)
class Slug(Field):
    name: str = "slug"
    allowed: tuple[str, ...] = ()

    def read(self, row: dict, c: Checker, entry: str) -> str:
        if self.allowed and row["slug"] not in self.allowed:
            c.fail(entry, f"slug must be one of {', '.join(self.allowed)}")
        return row["slug"]


@dataclass(frozen=True)
class Value(Field):
    """A plain key that is not a slug of its own (a context choice's value)."""

    def read(self, row: dict, c: Checker, entry: str) -> str:
        return str(row[self.name])


@dataclass(frozen=True)
class Words(Field):
    """A translated text: {en, zh} in the file, `<name>_en` and `<name>_zh` columns."""

    key: str = ""  # how a message names it, when not by its name

    def read(self, row: dict, c: Checker, entry: str) -> dict[str, str]:
        return c.text(entry, row.get(self.name), self.key or self.name, required=self.required)

    def flat(self, value: Any) -> dict[str, Any]:
        text = Text.from_dict(value)
        return {f"{self.name}.en": text.en, f"{self.name}.zh": text.zh}

    def dump(self, obj: models.Model) -> dict[str, str] | None:
        text = Text.of(obj, self.name)
        return text.as_dict() if text or self.required else None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return Text.from_dict(value).columns(self.name)


@dataclass(frozen=True)
class Number(Field):
    low: int = 0
    high: int = 0

    def read(self, row: dict, c: Checker, entry: str) -> int | None:
        value = row.get(self.name)
        if value is None and not self.required:
            return None
        return c.integer(entry, value, self.name, self.low, self.high)


@dataclass(frozen=True)
class Flag(Field):
    def read(self, row: dict, c: Checker, entry: str) -> bool:
        value = row.get(self.name, False)
        if not isinstance(value, bool):
            c.fail(entry, f"'{self.name}' must be true or false")
        return value

    def flat(self, value: Any) -> dict[str, Any]:
        return {self.name: bool(value)}


@dataclass(frozen=True)
class OneOf(Field):
    allowed: tuple[str, ...] = ()

    def read(self, row: dict, c: Checker, entry: str) -> str:
        value = row.get(self.name)
        if value not in self.allowed:
            c.fail(entry, f"'{self.name}' must be one of {', '.join(self.allowed)}, not {value!r}")
        return value


@dataclass(frozen=True)
class Ref(Field):
    """The slug of an entry of another section; a foreign key in the database."""

    to: str = ""

    def read(self, row: dict, c: Checker, entry: str) -> str | None:
        value = row.get(self.name)
        if value is None and not self.required:
            return None
        if value not in c.keys[self.to]:
            c.fail(entry, f"unknown {BY_NAME[self.to].singular} {value!r}")
        return value

    def dump(self, obj: models.Model) -> str | None:
        related = getattr(obj, self.name)
        return related.slug if related is not None else None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {self.key_column: refs[self.to][value].pk if value is not None else None}

    @property
    def key_column(self) -> str:
        return f"{self.name}_id"

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return [self.name], []


@dataclass(frozen=True)
class LevelChoices(Field):
    """A question's answer choices: one text per level 0–4, in level order."""

    name: str = "choices"
    owns_rows = True

    def read(self, row: dict, c: Checker, entry: str) -> list[dict[str, str]]:
        choices = row.get(self.name)
        count = m.MAX_LEVEL + 1
        if not isinstance(choices, list) or len(choices) != count:
            c.fail(entry, f"needs exactly {count} choices, one per level 0–{m.MAX_LEVEL}")
        return [c.text(f"{entry} choice {level}", choice, "choice") for level, choice in enumerate(choices)]

    def flat(self, value: Any) -> dict[str, Any]:
        value = value or [None] * (m.MAX_LEVEL + 1)
        out: dict[str, Any] = {}
        for level, choice in enumerate(value):
            out |= Words(f"choice {level}").flat(choice)
        return out

    def dump(self, obj: models.Model) -> list[dict[str, str]]:
        return [Text.of(choice, "label").as_dict() for choice in obj.choices.all()]

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {}

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return [], [Prefetch("choices", queryset=m.Choice.objects.order_by("level"))]

    def write_rows(self, obj: models.Model, value: Any, writer: Writer) -> None:
        existing = {choice.level: choice for choice in obj.choices.all()}
        for level, label in enumerate(value):
            choice = existing.get(level) or m.Choice(question=obj, level=level)
            writer.save(choice, Text.from_dict(label).columns("label"))


@dataclass(frozen=True)
class SkipRule(Field):
    """Ask the question only when a context answer is one of some values."""

    name: str = "skip_unless"
    required: bool = False

    def read(self, row: dict, c: Checker, entry: str) -> dict | None:
        rule = row.get(self.name)
        if rule is None:
            return None
        values_of = {q["slug"]: {ch["value"] for ch in q["choices"]} for q in c.rows["context_questions"]}
        if not isinstance(rule, dict) or rule.get("question") not in values_of:
            c.fail(entry, "'skip_unless' must name a context question")
        values = [str(v) for v in rule.get("values") or []]
        if not values or set(values) - values_of[rule["question"]]:
            c.fail(entry, f"'skip_unless' values must be choices of '{rule['question']}'")
        return {"question": rule["question"], "values": values}

    def flat(self, value: Any) -> dict[str, Any]:
        return {self.name: f"{value['question']} in {', '.join(value['values'])}" if value else ""}

    def dump(self, obj: models.Model) -> dict | None:
        if obj.skip_unless_question is None:
            return None
        return {"question": obj.skip_unless_question.slug, "values": list(obj.skip_unless_values)}

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {
            "skip_unless_question_id": refs["context_questions"][value["question"]].pk if value else None,
            "skip_unless_values": value["values"] if value else [],
        }

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return ["skip_unless_question"], []


@dataclass(frozen=True)
class Resources(Field):
    """A step's links: title and address, in order."""

    name: str = "resources"
    required: bool = False
    owns_rows = True

    def read(self, row: dict, c: Checker, entry: str) -> list[dict]:
        out = []
        for resource in row.get(self.name) or []:
            url = str(resource.get("url", ""))
            if not url.startswith(("https://", "http://")):
                c.fail(entry, f"resource address {url!r} must start with https://")
            out.append({"title": c.text(entry, resource.get("title"), "resource title"), "url": url})
        return out

    def flat(self, value: Any) -> dict[str, Any]:
        shown = [f"{r['title']['en']} / {r['title']['zh']} <{r['url']}>" for r in value or []]
        return {self.name: " | ".join(shown)}

    def dump(self, obj: models.Model) -> list[dict] | None:
        return [{"title": Text.of(r, "title").as_dict(), "url": r.url} for r in obj.resources.all()] or None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {}

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return [], [Prefetch("resources", queryset=m.Resource.objects.order_by("position", "pk"))]

    def write_rows(self, obj: models.Model, value: Any, writer: Writer) -> None:
        for resource in obj.resources.all():
            writer.delete(resource)
        for position, resource in enumerate(value or []):
            new = m.Resource(step=obj, url=resource["url"])
            writer.save(new, {"position": position} | Text.from_dict(resource["title"]).columns("title"))


@dataclass(frozen=True)
class Prerequisites(Field):
    """Steps to finish first, by slug; they may come later in the file."""

    name: str = "prerequisites"
    required: bool = False
    owns_rows = True

    def read(self, row: dict, c: Checker, entry: str) -> list[str]:
        slugs = row.get(self.name) or []
        for slug in slugs:
            if slug not in c.keys["steps"]:
                c.fail(entry, f"unknown prerequisite step {slug!r}")
        return list(slugs)

    def flat(self, value: Any) -> dict[str, Any]:
        return {self.name: ", ".join(sorted(value or []))}

    def dump(self, obj: models.Model) -> list[str] | None:
        return [step.slug for step in obj.prerequisites.all()] or None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {}

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return [], [Prefetch("prerequisites", queryset=m.Step.objects.order_by("slug").only("slug"))]

    def write_rows(self, obj: models.Model, value: Any, writer: Writer) -> None:
        # Last, once every step of the file exists: a prerequisite may come further down.
        def link() -> None:
            obj._history_user = writer.user
            obj.prerequisites.set([writer.refs["steps"][slug] for slug in value or []])

        writer.later.append(link)


@dataclass(frozen=True)
class Rows(Field):
    """Rows of a nested section, kept in the entry's own file row (a context
    question's choices); the diff shows each as an entry of its own."""

    section: str = ""
    least: int = 1

    def read(self, row: dict, c: Checker, entry: str) -> list[dict]:
        rows = row.get(self.name)
        if not isinstance(rows, list) or len(rows) < self.least:
            c.fail(entry, f"needs at least {self.least} {self.name}")
        return BY_NAME[self.section].read(rows, c, parent=entry)

    def flat(self, value: Any) -> dict[str, Any]:
        return {}

    def dump(self, obj: models.Model) -> list[dict]:
        return [BY_NAME[self.section].dump(child) for child in getattr(obj, self.name).all()]

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {}

    def related(self) -> tuple[list[str], list[Prefetch]]:
        child = BY_NAME[self.section]
        return [], [Prefetch(self.name, queryset=child.queryset())]


# --- sections ------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    name: str
    model: type[models.Model]
    singular: str  # how an entry is named: "track 'content-operation'"
    fields: tuple[Field, ...]  # the key fields first
    key: tuple[str, ...] = ("slug",)
    positioned: bool = False  # the order of the rows is their order on screen
    order: tuple[str, ...] = ("position", "slug")  # export order
    owner: tuple[str, str] | None = None  # (section, field): the rows belong to the entry that field names
    parent: str | None = None  # nested in the rows of this section
    parent_field: str = ""  # the nested model's foreign key to its parent
    duplicate: str = "appears twice"
    quoted: bool = True  # "track 'x'", but "level 3"

    def entry(self, row: dict, parent: str | None = None) -> str:
        """An entry's readable name, also its key in a diff."""
        values = " × ".join(f"'{row.get(k)}'" if self.quoted else str(row.get(k)) for k in self.key)
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
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                c.fail(f"{where}[{i}]", "must be a mapping")
        seen: set = set()
        for i, row in enumerate(rows):
            if len(self.key) == 1:
                value = row.get(self.key[0])
                if value is None or value == "":
                    c.fail(f"{where}[{i}]" if parent else f"{self.singular}[{i}]", f"missing '{self.key[0]}'")
                if value in seen:
                    c.fail(self.entry(row, parent), self.duplicate)
                seen.add(value)
        if parent is None:
            c.keys[self.name] = seen
        out = []
        for row in rows:
            entry = self.entry(row, parent)
            checked = {f.name: f.read(row, c, entry) for f in self.fields}
            if len(self.key) > 1:
                pair = tuple(checked[k] for k in self.key)
                if pair in seen:
                    c.fail(entry, self.duplicate)
                seen.add(pair)
            out.append(checked)
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
    if sorted(row.get("level") for row in rows if isinstance(row, dict)) != list(range(m.MAX_LEVEL + 1)):
        c.fail("levels", f"must define each level 0 to {m.MAX_LEVEL} exactly once")


SECTIONS: tuple[Section, ...] = (
    Section(
        "levels",
        m.ProficiencyLevel,
        "level",
        (Number("level", low=0, high=m.MAX_LEVEL), Words("label"), Words("description", required=False)),
        key=("level",),
        order=("level",),
        quoted=False,
    ),
    Section("themes", m.Theme, "theme", (Slug(), Words("name"), Words("intro", required=False)), positioned=True),
    Section(
        "tracks",
        m.Track,
        "track",
        (
            Slug(),
            OneOf("kind", allowed=tuple(m.Track.Kind.values)),
            Words("name"),
            Words("focus"),
            Words("description"),
            Words("advice_product_led", required=False),
            Words("advice_marketing_led", required=False),
        ),
        positioned=True,
    ),
    Section(
        "skills",
        m.Skill,
        "skill",
        (Slug(), Ref("theme", to="themes"), Words("name"), Words("description", required=False)),
        positioned=True,
    ),
    Section(
        "requirements",
        m.Requirement,
        "requirement",
        (
            Ref("track", to="tracks"),
            Ref("skill", to="skills"),
            Number("importance", low=1, high=5),
            Number("target", low=1, high=m.MAX_LEVEL),
            Flag("essential"),
        ),
        key=("track", "skill"),
        order=("track__position", "track__slug", "-importance", "skill__position", "skill__slug"),
        owner=("tracks", "track"),
        duplicate="duplicate mapping: this track already requires this skill",
    ),
    Section(
        "context_questions",
        m.ContextQuestion,
        "context question",
        (
            Slug(allowed=tuple(m.ContextQuestion.Use.values)),
            Words("text"),
            Words("help", required=False),
            Rows("choices", section="context_choices", least=2),
        ),
        positioned=True,
    ),
    Section(
        "context_choices",
        m.ContextChoice,
        "choice",
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
    ),
    Section(
        "questions",
        m.Question,
        "question",
        (Slug(), Ref("skill", to="skills"), Words("text"), Words("help", required=False), LevelChoices(), SkipRule()),
        positioned=True,
    ),
    Section(
        "steps",
        m.Step,
        "step",
        (
            Slug(),
            Ref("skill", to="skills"),
            Number("reaches", low=1, high=m.MAX_LEVEL),
            Words("title"),
            Words("practice"),
            Number("effort_hours", low=1, high=1000),
            Resources(),
            Prerequisites(),
        ),
        order=("skill__position", "skill__slug", "reaches", "slug"),
    ),
)
BY_NAME = {s.name: s for s in SECTIONS}
# Deleting in this order never trips over a protected reference: a skill's
# requirements and questions are gone (or went with their track) before the
# skill, a theme's skills before the theme.
REMOVAL_ORDER = (
    "requirements",
    "context_choices",
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
