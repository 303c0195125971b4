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
from django.utils.translation import gettext as _

from advisor.catalogue import models as m
from advisor.catalogue.exchange.guard import CONTROL, SLUG, shown
from advisor.i18n import Text

LANGUAGES = ("en", "zh", "both")
# The longest text a long (TextField) column takes from a file; short columns have their max_length.
TEXT_LIMIT = 10_000
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
        self.model: type[models.Model] | None = None  # the section being read, for column lengths

    def fail(self, entry: str, message: str) -> NoReturn:
        raise CatalogueError(f"{self.source}: {entry}: {message}")

    def limit(self, column: str, model: type[models.Model] | None = None) -> int:
        """How many characters a column holds: its max_length, or TEXT_LIMIT for a long text."""
        return (model or self.model)._meta.get_field(column).max_length or TEXT_LIMIT

    def string(self, entry: str, value: Any, key: str, limit: int) -> str:
        """A string that fits its column and holds no control characters."""
        if not isinstance(value, str):
            self.fail(entry, _("“%(key)s” must be text, not %(value)s") % {"key": key, "value": shown(value)})
        if CONTROL.search(value):
            self.fail(entry, _("“%(key)s” holds a control character (such as NUL)") % {"key": key})
        if len(value) > limit:
            self.fail(
                entry,
                _("“%(key)s” is %(length)d characters long; at most %(limit)d fit")
                % {"key": key, "length": len(value), "limit": limit},
            )
        return value

    def keys_of(self, entry: str, value: dict, allowed: set[str]) -> None:
        """Refuse keys the format does not have: a typo must not be dropped silently."""
        unknown = [k for k in value if k not in allowed]
        if unknown:
            self.fail(
                entry,
                _("unknown key %(key)s; the keys here are %(allowed)s")
                % {"key": shown(unknown[0]), "allowed": ", ".join(sorted(allowed))},
            )

    def text(self, entry: str, value: Any, key: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> dict:
        if value is None and not required:
            return {"en": "", "zh": ""}
        if not isinstance(value, dict) or not {"en", "zh"} <= set(value):
            self.fail(entry, _("'%(key)s' must have both 'en' and 'zh' texts") % {"key": key})
        self.keys_of(entry, value, {"en", "zh"})
        en, zh = (self.string(entry, value[lang] or "", f"{key}.{lang}", limit).strip() for lang in ("en", "zh"))
        if required and not (en and zh):
            self.fail(entry, _("'%(key)s' has an empty 'en' or 'zh' text") % {"key": key})
        return {"en": en, "zh": zh}

    def integer(self, entry: str, value: Any, key: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                entry,
                _("'%(key)s' must be a whole number from %(low)d to %(high)d, not %(value)s")
                % {"key": key, "low": low, "high": high, "value": shown(value)},
            )
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
        slug = c.string(entry, row["slug"], "slug", c.limit("slug"))
        if not SLUG.fullmatch(slug):
            c.fail(entry, _("a web address name may hold only letters, digits, hyphens and underscores"))
        if self.allowed and slug not in self.allowed:
            c.fail(entry, _("slug must be one of %(allowed)s") % {"allowed": ", ".join(self.allowed)})
        return slug


@dataclass(frozen=True)
class Value(Field):
    """A plain key that is not a slug of its own (a context choice's value)."""

    def read(self, row: dict, c: Checker, entry: str) -> str:
        value = row[self.name]
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**9:
            value = str(value)
        value = c.string(entry, value, self.name, c.limit(self.name))
        if not SLUG.fullmatch(value):
            c.fail(entry, _("a web address name may hold only letters, digits, hyphens and underscores"))
        return value


@dataclass(frozen=True)
class Words(Field):
    """A translated text: {en, zh} in the file, `<name>_en` and `<name>_zh` columns."""

    key: str = ""  # how a message names it, when not by its name

    def read(self, row: dict, c: Checker, entry: str) -> dict[str, str]:
        limit = c.limit(f"{self.name}_en")
        return c.text(entry, row.get(self.name), self.key or self.name, required=self.required, limit=limit)

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
            c.fail(entry, _("'%(key)s' must be a list") % {"key": self.name})
        checked = [c.text(entry, item, self.name, limit=c.limit(f"{self.name}_en") // 20) for item in items]
        for item in checked:
            if "\n" in item["en"] or "\n" in item["zh"]:
                c.fail(entry, _("each '%(key)s' item must be one line") % {"key": self.name})
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
                c.fail(entry, _("'%(key)s' is missing") % {"key": self.name})
            return self.default
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**9:
            value = str(value)
        value = c.string(entry, value, self.name, c.limit(self.name))
        if not re.fullmatch(self.pattern, value):
            c.fail(
                entry,
                _("'%(key)s' must be %(hint)s, not %(value)s")
                % {"key": self.name, "hint": self.hint, "value": shown(value)},
            )
        return value

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
        if not isinstance(value, str) or value not in self.allowed:
            c.fail(
                entry,
                _("'%(key)s' must be one of %(allowed)s, not %(value)s")
                % {"key": self.name, "allowed": ", ".join(self.allowed), "value": shown(value)},
            )
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
        if not isinstance(value, str) or value not in c.keys[self.to]:
            c.fail(entry, _("unknown %(key)s %(value)s") % {"key": self.name, "value": shown(value)})
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
            c.fail(
                entry,
                _("needs exactly %(count)d choices, one per level 0–%(max)d") % {"count": count, "max": m.MAX_LEVEL},
            )
        limit = c.limit("label_en", m.Choice)
        return [
            c.text(f"{entry} choice {level}", choice, "choice", limit=limit) for level, choice in enumerate(choices)
        ]

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
        if not isinstance(rule, dict) or not isinstance(rule.get("question"), str) or rule["question"] not in values_of:
            c.fail(entry, _("'skip_unless' must name a context question"))
        c.keys_of(entry, rule, {"question", "values"})
        values = rule.get("values") or []
        if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
            c.fail(entry, _("'skip_unless' values must be a list of choice values"))
        values = [str(v) if isinstance(v, str) or abs(v) < 10**9 else "" for v in values]
        if not values or set(values) - values_of[rule["question"]]:
            c.fail(entry, _("'skip_unless' values must be choices of '%(question)s'") % {"question": rule["question"]})
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
        resources = row.get(self.name) or []
        if not isinstance(resources, list):
            c.fail(entry, _("'%(key)s' must be a list") % {"key": self.name})
        for resource in resources:
            if not isinstance(resource, dict):
                c.fail(entry, _("each resource must be a mapping with a title and a url"))
            c.keys_of(entry, resource, {"title", "url", "language"})
            url = c.string(entry, resource.get("url", ""), "url", c.limit("url", m.Resource))
            if not re.fullmatch(r"https?://\S+", url):
                c.fail(entry, _("resource address %(url)s must start with https://") % {"url": shown(url)})
            language = resource.get("language", "en")
            if not isinstance(language, str) or language not in LANGUAGES:
                c.fail(
                    entry,
                    _("resource language must be one of %(allowed)s, not %(value)s")
                    % {"allowed": ", ".join(LANGUAGES), "value": shown(language)},
                )
            limit = c.limit("title_en", m.Resource)
            title = c.text(entry, resource.get("title"), "resource title", limit=limit)
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
        if not isinstance(slugs, list):
            c.fail(entry, _("'%(key)s' must be a list of step slugs") % {"key": self.name})
        for slug in slugs:
            if not isinstance(slug, str) or slug not in c.keys["steps"]:
                c.fail(entry, _("unknown prerequisite step %(slug)s") % {"slug": shown(slug)})
        return list(dict.fromkeys(slugs))

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
            c.fail(entry, _("needs at least %(least)d %(key)s") % {"least": self.least, "key": self.name})
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
