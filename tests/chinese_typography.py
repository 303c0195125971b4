"""The rules Chinese text is held to, wherever it comes from: a page's rendered text
(innerText), a catalogue field or a translation.

- no space after full-width punctuation ，。：；、）！？ before a Han character (a literal
  one, or a template line break, which the browser shows as a space);
- no half-width ( ) , . : ; next to a Han character (spaces between them count as next
  to): Chinese takes （）、，。：；. Web and e-mail addresses are left alone, and so are
  3.5 or 10:00, whose stop or colon sits between digits, not beside a Han character;
- hours read 5小时, not "5 h";
- Arabic numbers touch Han characters with no space: 第1步, 5小时, 等级1/目标3, as the
  seed catalogue, Django's Chinese dates (2026年12月8日) and the issue's own example write
  them. One rule, so a page never mixes 约5小时 with 练习 5 小时. It holds inside a
  sentence (one text), not between a label and a figure laid out side by side (渠道选择 3/2).

Each finding is (rule, snippet with a little context), so a failure says what to fix."""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Horizontal white space only: in innerText a newline breaks blocks and a tab table cells.
SPACE = " \u00a0\u3000"

NUMBER_RULE = "space between a number and Chinese"
RULES = {
    "space after full-width punctuation": re.compile(f"[，。：；、）！？][{SPACE}]+(?=[{HAN}])"),
    "half-width punctuation next to Chinese": re.compile(
        f"(?<=[{HAN}])[{SPACE}]*[(),.:;]|[(),.:;][{SPACE}]*(?=[{HAN}])"
    ),
    # A number, not the digit ending a name like UTF-8 or A4, nor a decimal; a time after a date keeps its space.
    NUMBER_RULE: re.compile(
        f"(?<=[{HAN}])[{SPACE}]+(?=\\d)(?!\\d{{1,2}}:\\d\\d)|(?<![A-Za-z0-9_.:-])\\d+(?:[.,:]\\d+)*[{SPACE}]+(?=[{HAN}])"
    ),
    # "· 5 h" on a Chinese page: the hours' unit left in English.
    "hours in English": re.compile(r"(?<![A-Za-z0-9_.])\d+(?:\.\d+)? ?h\b"),
}
# Where half-width punctuation belongs: addresses, and the file names a page may show.
LEGITIMATE = re.compile(
    r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net)\b"
    r"|(?<!\w)[\w-]*\.(?:yaml|yml|json|csv|ics)\b"
    r"|^\d+\. ",  # a numbered line: 1. 学会看内容排期表
    re.MULTILINE,
)


def problems(text: str, context: int = 12, rules=RULES) -> list[tuple[str, str]]:
    """Every place in `text` that breaks one of `rules`, as (rule, snippet)."""
    allowed = [m.span() for m in LEGITIMATE.finditer(text)]
    found = []
    for rule, pattern in rules.items():
        for match in pattern.finditer(text):
            start, end = match.span()
            marks = [start + i for i, char in enumerate(match.group()) if not char.isspace()]
            if marks and all(any(a <= mark < b for a, b in allowed) for mark in marks):
                continue
            snippet = text[max(0, start - context) : end + context].replace("\n", "⏎")
            found.append((rule, f"…{snippet}…"))
    return found


# Placeholders in the translations that always hold a number; any other holds words
# (a track, a skill, an address) and is checked as Latin letters, which no rule concerns.
NUMERIC = {
    "added", "cells", "changed", "count", "counter", "date", "digits", "done", "finished",
    "high", "hours", "kept", "learning", "least", "length", "level", "levels", "limit", "line", "low", "max",
    "minutes", "n", "needed", "new", "old", "of", "p", "pace", "per_week", "percent", "removed", "reordered", "reports", "short",
    "size", "step_number", "step_total", "target", "top", "total", "version", "weeks",
}  # fmt: skip
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])|%([sd])")
TAG = re.compile(r"<[^<>]+>")


def rendered_msgstr(msgstr: str) -> str:
    """A translation as a reader sees it: tags gone, numbers and words in its placeholders."""

    def value(match: re.Match) -> str:
        name, kind = match.group(1), match.group(2) or match.group(3)
        return "5" if kind == "d" or name in NUMERIC else "Ab"

    return TAG.sub("", PLACEHOLDER.sub(value, msgstr)).replace("%%", "%")


def chinese_fields(node, path: str = "") -> list[tuple[str, str]]:
    """Every Chinese text of a parsed catalogue file, as (where, text)."""
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str):
            return [(path, node["zh"])]
        return [field for key, child in node.items() for field in chinese_fields(child, f"{path}/{key}")]
    if isinstance(node, list):
        named = [
            (child.get("slug", index) if isinstance(child, dict) else index, child) for index, child in enumerate(node)
        ]
        return [field for name, child in named for field in chinese_fields(child, f"{path}[{name}]")]
    return []
