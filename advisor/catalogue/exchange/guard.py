"""What a hostile catalogue file meets before any of it is checked: a cap on
its size, a YAML reader that refuses anchors and aliases (so an alias bomb is
stopped while parsing, before anything is expanded) and a cap on how deeply
lists and mappings nest, walked without recursion."""

from __future__ import annotations

import re
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# The deepest the format nests: file → section → entry → choices → choice → text.
MAX_DEPTH = 8
# Django's slug: what a web address can carry as one path segment.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# Characters no catalogue text may hold (a NUL breaks PostgreSQL); tabs and new lines are fine.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHOWN = 60  # how many characters of a bad value a message repeats


class Refused(Exception):
    """Raised by the guards; the loader turns it into a CatalogueError naming the file."""


def max_bytes() -> int:
    return getattr(settings, "CATALOGUE_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise Refused(
            _("the file is %(size)s bytes; at most %(limit)s are accepted (DJANGO_CATALOGUE_IMPORT_MAX_BYTES).")
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )


# LibYAML (in PyYAML's wheels) parses the seed catalogue about five times as fast as
# PyYAML's pure-Python reader, which loads the same documents the same way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _refuse_aliases_and_depth(text: str) -> None:
    """Walk the parser's events before anything is built: an anchor or an alias, or
    nesting past MAX_DEPTH, is refused here, so an alias is never followed."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line + 1
            raise Refused(_("line %(line)d: YAML anchors and aliases (& and *) are not accepted.") % {"line": line})
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                raise Refused(_("line %(line)d: lists and mappings nest too deeply.") % {"line": line})
        elif isinstance(event, _CLOSES):
            depth -= 1


def load_yaml(text: str) -> Any:
    """Parse YAML like yaml.safe_load, refusing anchors, aliases and deep nesting."""
    _refuse_aliases_and_depth(text)
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader: _LOADER is CSafeLoader or SafeLoader)


def check_depth(data: Any) -> None:
    """Refuse lists and mappings nested deeper than the format ever goes."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise Refused(_("lists and mappings nest too deeply."))
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def shown(value: Any) -> str:
    """A bad value as a message repeats it: on one line, never long."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        # repr() of a huge number is slow, and refused past 4,300 digits.
        return _("a number of about %(digits)d digits") % {"digits": int(value.bit_length() * 0.30103) + 1}
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def label(value: Any) -> str:
    """A key as an entry's name shows it: itself when it is a short clean word."""
    if isinstance(value, str) and len(value) <= 80 and not CONTROL.search(value) and value.isprintable():
        return value
    return shown(value)
