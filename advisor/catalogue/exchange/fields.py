"""The kinds of field a catalogue section has (schema.py lists the sections).

Each field knows how to check itself in a file (`read`), how it shows in a
diff (`flat`), how it comes out of the database (`dump`) and which columns it
fills (`columns`); a field that owns rows of its own (a question's choices, a
step's resources) also writes them (`write_rows`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol

from django.db import models
from django.db.models import Prefetch

from advisor.catalogue import models as m
from advisor.i18n import Text

LANGUAGES = ("en", "zh", "both")
# Section name → file key → the row written for it, to resolve references.
Refs = Mapping[str, Mapping[Any, models.Model]]


class Writer(Protocol):
    """What a field that owns rows needs from the writer (writer.py)."""

    user: Any
    refs: Refs
    later: list[Callable[[], None]]

    def save(self, obj: models.Model, values: dict[str, Any]) -> models.Model: ...

    def delete(self, obj: models.Model) -> None: ...


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
class WordsList(Field):
    """A list of translated items ({en, zh} each) in the file, stored one item a
    line in `<name>_en` and `<name>_zh` (a track's portfolio checklist)."""

    required: bool = False

    def read(self, row: dict, c: Checker, entry: str) -> list[dict[str, str]]:
        items = row.get(self.name) or []
        if not isinstance(items, list):
            c.fail(entry, f"'{self.name}' must be a list")
        checked = [c.text(entry, item, self.name) for item in items]
        for item in checked:
            if "\n" in item["en"] or "\n" in item["zh"]:
                c.fail(entry, f"each '{self.name}' item must be one line")
        return checked

    def flat(self, value: Any) -> dict[str, Any]:
        items = value or []
        return {
            f"{self.name}.en": " | ".join(i["en"] for i in items),
            f"{self.name}.zh": " | ".join(i["zh"] for i in items),
        }

    def dump(self, obj: models.Model) -> list[dict[str, str]] | None:
        return [t.as_dict() for t in lines(Text.of(obj, self.name))] or None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        items = value or []
        return {
            f"{self.name}_en": "\n".join(i["en"] for i in items),
            f"{self.name}_zh": "\n".join(i["zh"] for i in items),
        }


def lines(text: Text) -> list[Text]:
    """A text stored one item a line, as items in both languages."""
    en, zh = text.en.splitlines(), text.zh.splitlines()
    return [Text(e, z) for e, z in zip(en + [""] * (len(zh) - len(en)), zh + [""] * (len(en) - len(zh)), strict=True)]


@dataclass(frozen=True)
class Plain(Field):
    """A short string checked against a pattern (a date, an address), with a default."""

    pattern: str = ".*"
    default: str = ""
    hint: str = ""

    def read(self, row: dict, c: Checker, entry: str) -> str:
        value = row.get(self.name)
        if value is None or value == "":
            if self.required and not self.default:
                c.fail(entry, f"'{self.name}' is missing")
            return self.default
        if not isinstance(value, str | int) or not re.fullmatch(self.pattern, str(value)):
            c.fail(entry, f"'{self.name}' must be {self.hint}, not {value!r}")
        return str(value)

    def dump(self, obj: models.Model) -> str | None:
        value = getattr(obj, self.name)
        return value if value and value != self.default else None

    def flat(self, value: Any) -> dict[str, Any]:
        return {self.name: value or self.default}


@dataclass(frozen=True)
class Number(Field):
    low: int = 0
    high: int = 0
    default: int | None = None

    def read(self, row: dict, c: Checker, entry: str) -> int | None:
        value = row.get(self.name)
        if value is None and not self.required:
            return self.default
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
    """One of some words; when not required, left out means "any" (stored empty)."""

    allowed: tuple[str, ...] = ()

    def read(self, row: dict, c: Checker, entry: str) -> str:
        value = row.get(self.name)
        if not self.required and value in (None, ""):
            return ""
        if value not in self.allowed:
            c.fail(entry, f"'{self.name}' must be one of {', '.join(self.allowed)}, not {value!r}")
        return value

    def dump(self, obj: models.Model) -> str | None:
        return getattr(obj, self.name) or None

    def flat(self, value: Any) -> dict[str, Any]:
        return {self.name: value or ""}


@dataclass(frozen=True)
class Ref(Field):
    """The slug of an entry of another section; a foreign key in the database."""

    to: str = ""

    def read(self, row: dict, c: Checker, entry: str) -> str | None:
        value = row.get(self.name)
        if value is None and not self.required:
            return None
        if value not in c.keys[self.to]:
            c.fail(entry, f"unknown {self.name} {value!r}")
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
    """A step's links: title, address and the page's language, in order."""

    name: str = "resources"
    required: bool = False
    owns_rows = True

    def read(self, row: dict, c: Checker, entry: str) -> list[dict]:
        out = []
        for resource in row.get(self.name) or []:
            url = str(resource.get("url", ""))
            if not url.startswith(("https://", "http://")):
                c.fail(entry, f"resource address {url!r} must start with https://")
            language = resource.get("language", "en")
            if language not in LANGUAGES:
                c.fail(entry, f"resource language must be one of {', '.join(LANGUAGES)}, not {language!r}")
            title = c.text(entry, resource.get("title"), "resource title")
            out.append({"title": title, "url": url, "language": language})
        return out

    def flat(self, value: Any) -> dict[str, Any]:
        shown = [
            f"{r['title']['en']} / {r['title']['zh']} <{r['url']}> [{r.get('language', 'en')}]" for r in value or []
        ]
        return {self.name: " | ".join(shown)}

    def dump(self, obj: models.Model) -> list[dict] | None:
        rows = []
        for r in obj.resources.all():
            row = {"title": Text.of(r, "title").as_dict(), "url": r.url}
            if r.language != "en":
                row["language"] = r.language
            rows.append(row)
        return rows or None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {}

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return [], [Prefetch("resources", queryset=m.Resource.objects.order_by("position", "pk"))]

    def write_rows(self, obj: models.Model, value: Any, writer: Writer) -> None:
        for resource in obj.resources.all():
            writer.delete(resource)
        for position, resource in enumerate(value or []):
            new = m.Resource(step=obj, url=resource["url"], language=resource.get("language", "en"))
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

    section: Any = None  # the nested Section
    least: int = 1

    def read(self, row: dict, c: Checker, entry: str) -> list[dict]:
        rows = row.get(self.name)
        if rows is None and self.least == 0:
            return []
        if not isinstance(rows, list) or len(rows) < self.least:
            c.fail(entry, f"needs at least {self.least} {self.name}")
        return self.section.read(rows, c, parent=entry)

    def flat(self, value: Any) -> dict[str, Any]:
        return {}

    def dump(self, obj: models.Model) -> list[dict] | None:
        rows = [self.section.dump(child) for child in getattr(obj, self.name).all()]
        return rows if rows or self.least else None

    def columns(self, value: Any, refs: Refs) -> dict[str, Any]:
        return {}

    def related(self) -> tuple[list[str], list[Prefetch]]:
        return [], [Prefetch(self.name, queryset=self.section.queryset())]
