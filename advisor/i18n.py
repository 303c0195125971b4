"""Bilingual catalogue text: each translated field is stored twice (`_en`, `_zh`)
so admins edit both side by side, and read back in the active language."""

from __future__ import annotations

from django.utils.translation import get_language

LANGS = ("en", "zh")


def current_lang() -> str:
    return "zh" if (get_language() or "en").lower().startswith("zh") else "en"


class Translated:
    """`obj.name` returns `obj.name_zh` or `obj.name_en` for the active language,
    falling back to the other language when one is blank."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, objtype: type | None = None) -> object:
        if obj is None:
            return self
        first = current_lang()
        second = "en" if first == "zh" else "zh"
        return getattr(obj, f"{self.name}_{first}") or getattr(obj, f"{self.name}_{second}")
