"""Bilingual text. Every translated catalogue text is stored twice (`name_en`,
`name_zh`) so admins edit both side by side; a frozen report carries both too.
One rule reads them back everywhere: the active language, or else the other
one when that text is blank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.translation import get_language, gettext

LANGS = ("en", "zh")


def current_lang() -> str:
    return "zh" if (get_language() or "en").lower().startswith("zh") else "en"


def join_list(items) -> str:
    """Names listed the way the active language lists them: "a, b" in English, "a、b" in Chinese."""
    return gettext(", ").join(str(item) for item in items)


def join_clauses(items) -> str:
    """Clauses strung together: "a; b" in English, "a；b" in Chinese."""
    # Translators: the separator between two clauses of one sentence; use the full-width semicolon.
    return gettext("; ").join(str(item) for item in items)


def pick(en: str, zh: str) -> str:
    """The text in the active language, falling back to the other language."""
    return (zh or en) if current_lang() == "zh" else (en or zh)


@dataclass(frozen=True)
class Text:
    """A text in both languages that prints in the active one."""

    en: str = ""
    zh: str = ""

    @classmethod
    def of(cls, obj: object, name: str) -> Text:
        """The `name_en` / `name_zh` pair of a model row."""
        return cls(getattr(obj, f"{name}_en") or "", getattr(obj, f"{name}_zh") or "")

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Text:
        data = data or {}
        return cls(str(data.get("en") or ""), str(data.get("zh") or ""))

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}

    def columns(self, name: str) -> dict[str, str]:
        """The model columns this text is stored in, for `name`."""
        return {f"{name}_en": self.en, f"{name}_zh": self.zh}

    def __bool__(self) -> bool:
        return bool(self.en or self.zh)

    def __str__(self) -> str:
        return pick(self.en, self.zh)

    def __html__(self) -> str:
        return escape(str(self))


class Translated:
    """`obj.name` reads `obj.name_en` / `obj.name_zh` by the rule of `pick`."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, objtype: type | None = None) -> object:
        if obj is None:
            return self
        return pick(getattr(obj, f"{self.name}_en"), getattr(obj, f"{self.name}_zh"))
