"""A diff (diff.py) in words an editor reads: entries by their names in the
reader's language ("requirement: “Promotion” needs “SEM bidding”") instead of
their keys ("requirement 'promotion' × 'sem'"), fields by their labels
("Name (English)" for "name.en"), empty values said as such.

The names come from the catalogues on either side of the diff (the database's
export and the file, or two catalogue versions), so an entry the change adds
or removes is named too. The plain text (`as_text`) stays what the command line
prints; this is for the admin's pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from advisor.catalogue.exchange.diff import ADDED, CHANGED, KEPT, REMOVED, Change, compare
from advisor.catalogue.exchange.schema import TOP_LEVEL

# The field of each section that names its entries.
NAME_FIELD = {
    "levels": "label",
    "themes": "name",
    "tracks": "name",
    "skills": "name",
    "context_questions": "text",
    "questions": "text",
    "steps": "title",
    "sources": "title",
    "routes": "name",
    "posts": "title",
    "facts": "text",
}
# Fields that hold another entry's slug, and that entry's section.
REFS = {
    "track": "tracks",
    "skill": "skills",
    "theme": "themes",
    "source": "sources",
    "from_track": "tracks",
    "to_track": "tracks",
}
SHOWN = 120  # characters of a long text shown before "…"


def _nouns() -> dict[str, str]:
    return {
        "levels": _("Proficiency level"),
        "themes": _("Theme"),
        "tracks": _("Track"),
        "skills": _("Skill"),
        "requirements": _("Requirement"),
        "context_questions": _("About-you question"),
        "context_choices": _("About-you answer"),
        "questions": _("Question"),
        "steps": _("Step"),
        "sources": _("Source"),
        "routes": _("Route"),
        "route_leads": _("Lead skill"),
        "posts": _("Post"),
        "facts": _("Market fact"),
    }


def _labels() -> dict[str, str]:
    return {
        "name": _("Name"),
        "text": _("Text"),
        "title": _("Title"),
        "label": _("Label"),
        "description": _("Description"),
        "intro": _("Introduction"),
        "focus": _("Focus"),
        "help": _("Help text"),
        "practice": _("How to practise"),
        "evidence": _("Evidence"),
        "work_access": _("If it needs access at work"),
        "advice": _("Advice"),
        "advice_product_led": _("Advice in a product-led company"),
        "advice_marketing_led": _("Advice in a marketing-led company"),
        "portfolio": _("Portfolio checklist"),
        "note": _("Note"),
        "order": _("Order"),
        "kind": _("Kind"),
        "theme": _("Theme"),
        "track": _("Track"),
        "skill": _("Skill"),
        "importance": _("Importance"),
        "target": _("Target level"),
        "essential": _("Essential"),
        "source": _("Source"),
        "reaches": _("Reaches level"),
        "effort_hours": _("Effort in hours"),
        "resources": _("Resources"),
        "prerequisites": _("Prerequisites"),
        "skip_unless": _("Asked only when"),
        "number": _("Number"),
        "url": _("Address"),
        "published": _("Published"),
        "from_kind": _("From kind"),
        "from_track": _("From track"),
        "to_kind": _("To kind"),
        "to_track": _("To track"),
        "company_size": _("Company size"),
        "seniority": _("Seniority"),
        "topic": _("Topic"),
        "level": _("Level"),
    }


@dataclass(frozen=True)
class Line:
    """One entry of the diff: its kind (added, changed, removed, kept), what it is, and its changed fields."""

    kind: str
    entry: str
    fields: tuple[tuple[str, str, str], ...] = ()

    @property
    def sign(self) -> str:
        return {ADDED: "+", REMOVED: "−", CHANGED: "~", KEPT: " "}[self.kind]

    @property
    def verdict(self) -> str:
        return {
            ADDED: _("added"),
            REMOVED: _("removed"),
            CHANGED: _("changed"),
            KEPT: _("not in the file: left alone (deleting entries the file leaves out would delete it)"),
        }[self.kind]


class Names:
    """The names of the entries of one or more catalogues, by section and slug; where
    two catalogues name an entry, the later one's name is used."""

    def __init__(self, *catalogues: dict[str, Any]) -> None:
        self.zh = (get_language() or "en").lower().startswith("zh")
        self.names: dict[tuple[str, str], str] = {}
        self.context_choices: dict[tuple[str, str], str] = {}
        for cat in catalogues:
            for section, field in NAME_FIELD.items():
                for row in cat.get(section) or []:
                    key = str(row.get("level")) if section == "levels" else row.get("slug")
                    self.names[(section, key)] = self.words(row.get(field))
            for question in cat.get("context_questions") or []:
                for choice in question.get("choices") or []:
                    self.context_choices[(question["slug"], choice["value"])] = self.words(choice.get("label"))

    def words(self, text: Any) -> str:
        if isinstance(text, dict):
            return (text.get("zh") if self.zh else text.get("en")) or text.get("en") or text.get("zh") or ""
        return str(text or "")

    def of(self, section: str, key: Any) -> str:
        return self.names.get((section, str(key)), str(key))


def _quoted(text: str) -> str:
    return f"“{text}”"


def entry(change: Change, names: Names) -> str:
    """What the change is about, named: “Promotion” requires “SEM bidding”."""
    noun = _nouns().get(change.section, change.section)
    found = change.lookup
    if change.section == "requirements":
        return _("Requirement: %(track)s needs %(skill)s") % {
            "track": _quoted(names.of("tracks", found.get("track"))),
            "skill": _quoted(names.of("skills", found.get("skill"))),
        }
    if change.section == "context_choices":
        question = found.get("question")
        answer = names.context_choices.get((question, found.get("value")), found.get("value"))
        return _("About-you answer %(answer)s of %(question)s") % {
            "answer": _quoted(answer),
            "question": _quoted(names.of("context_questions", question)),
        }
    if change.section == "route_leads":
        return _("Lead skill %(skill)s of route %(route)s") % {
            "skill": _quoted(names.of("skills", found.get("skill"))),
            "route": _quoted(names.of("routes", found.get("route"))),
        }
    if change.section == "levels":
        return f"{noun} {found.get('level')} {_quoted(names.of('levels', found.get('level')))}"
    return f"{noun} {_quoted(names.of(change.section, found.get('slug')))}"


def label(name: str) -> str:
    """A flat field's label: "name.en" → "Name (English)", "choice 3.zh" → "Answer choice 3 (中文)"."""
    base, _dot, language = name.rpartition(".")
    if language not in ("en", "zh"):
        base, language = name, ""
    if base.startswith("choice "):
        text = _("Answer choice %(level)s") % {"level": base.removeprefix("choice ")}
    else:
        text = _labels().get(base, base.replace("_", " ").capitalize())
    if language == "en":
        return _("%(field)s (English)") % {"field": text}
    if language == "zh":
        return _("%(field)s (Chinese)") % {"field": text}
    return text


def value(name: str, raw: Any, names: Names) -> str:
    if raw is None or raw == "" or raw == []:
        return pgettext("a field's value", "(empty)")
    if isinstance(raw, bool):
        return _("yes") if raw else _("no")
    if name in REFS:
        return _quoted(names.of(REFS[name], raw))
    if name == "skip_unless":
        question, _in, values = str(raw).partition(" in ")
        answers = [names.context_choices.get((question, v.strip()), v.strip()) for v in values.split(",")]
        return _("%(question)s is one of %(answers)s") % {
            "question": _quoted(names.of("context_questions", question)),
            "answers": ", ".join(_quoted(a) for a in answers),
        }
    if name == "prerequisites":
        return ", ".join(_quoted(names.of("steps", slug.strip())) for slug in str(raw).split(","))
    if isinstance(raw, str):
        return _quoted(raw if len(raw) <= SHOWN else raw[: SHOWN - 1] + "…")
    return str(raw)


def lines(changes: list[Change], names: Names) -> list[Line]:
    entries = [entry(change, names) for change in changes]
    # Two entries of one name (a renamed web address name reads as one added, one
    # removed) are told apart by that name.
    twice = {e for e in entries if entries.count(e) > 1}
    return [
        Line(
            change.kind,
            f"{named} · {_('web address name')} {change.lookup['slug']}"
            if named in twice and "slug" in change.lookup
            else named,
            tuple((label(f), value(f, old, names), value(f, new, names)) for f, old, new in change.fields),
        )
        for change, named in zip(changes, entries, strict=True)
    ]


def refusals(refused: list[tuple[Change, str]], names: Names) -> list[str]:
    """Why an import is refused, entry by entry, named."""
    return [
        _("%(entry)s is used by %(used)s: keep it in the file, or delete it in the admin first.")
        % {"entry": entry(change, names), "used": used}
        for change, used in refused
    ]


def between(older: dict[str, Any] | None, newer: dict[str, Any]) -> list[Line]:
    """What changed from one catalogue version's snapshot to the next, entries the
    newer one lacks as removed. The first version has nothing before it: []."""
    if older is None:
        return []

    def whole(snapshot: dict[str, Any]) -> dict[str, Any]:
        return {s.name: [] for s in TOP_LEVEL} | snapshot

    return lines(compare(whole(older), whole(newer), prune=True), Names(older, newer))
