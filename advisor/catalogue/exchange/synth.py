"""A synthetic catalogue N times the size of a real one, for query-count tests
and the load benchmark: does a page cost the same when there are ten times as
many tracks, skills, questions and steps?

Copy 1 is the catalogue itself. Copies 2..N repeat every theme, track, skill,
requirement, question, step, route, post and fact under slugs ending in `-xK`,
wired to each other as the originals are. Levels, sources and the context
questions are shared: the role and goal questions keep naming the real tracks."""

from __future__ import annotations

import copy
from typing import Any

from django.utils.translation import gettext as _

REPEATED = ("themes", "tracks", "skills", "requirements", "questions", "steps", "routes", "posts", "facts")


def scaled(data: dict[str, Any], n: int) -> dict[str, Any]:
    """The catalogue `data` (as the loader reads it) with n copies of its content."""
    if n < 1:
        raise ValueError(_("The scale must be 1 or more."))
    out = copy.deepcopy(data)
    for k in range(2, n + 1):
        for section in REPEATED:
            out[section].extend(_copy(section, row, f"-x{k}") for row in data.get(section, []))
    return out


def _copy(section: str, row: dict[str, Any], tag: str) -> dict[str, Any]:
    row = copy.deepcopy(row)

    def rename(key: str) -> None:
        if row.get(key):
            row[key] = f"{row[key]}{tag}"

    for key in ("slug", "theme", "track", "skill", "to_track"):
        if section == "requirements" and key == "slug":
            continue
        rename(key)
    if section in ("themes", "tracks", "skills", "routes", "posts"):
        label = "name" if "name" in row else "title"
        row[label] = {lang: f"{text} {tag[1:]}" for lang, text in row[label].items()}
    if section == "steps":
        row["prerequisites"] = [f"{p}{tag}" for p in row.get("prerequisites") or []]
    if section == "routes":
        row["leads"] = [{**lead, "skill": f"{lead['skill']}{tag}"} for lead in row.get("leads") or []]
    return row
