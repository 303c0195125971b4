"""Hypothesis mutates a valid export of the seed catalogue (drops, duplicates
and retypes keys; long strings, NULs, odd slugs, deep nesting, unknown keys,
YAML aliases, broken CSV rows) and imports it: every file is either refused
with a message, writing nothing, or applied whole. Never an exception.

A few examples run in `make test`; `make test-heavy` runs many more."""

from __future__ import annotations

import contextlib
import copy
import json
import re
from functools import cache

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.catalogue.exchange import exporter, importer, loader
from advisor.catalogue.exchange.diff import ADDED, compare
from advisor.catalogue.exchange.fields import CatalogueError
from tests.test_catalogue_exchange import rows

pytestmark = pytest.mark.usefixtures("seeded")

ODD = st.text(alphabet=" /\x00\n\t'\"&*!é中-_aZ9", max_size=90)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False),
    ODD,
    st.lists(st.integers(0, 5), max_size=3),
    st.dictionaries(st.sampled_from(["en", "zh", "x"]), ODD, max_size=3),
)
OPS = ("drop", "duplicate", "retype", "long", "nul", "slug", "deep", "unknown")


@cache
def export() -> dict:
    return json.loads(exporter.to_json(exporter.catalogue_data()))


@cache
def paths() -> tuple[tuple, ...]:
    """Every place in the export a value sits, as keys from the top."""
    found, stack = [], [((), export())]
    while stack:
        path, value = stack.pop()
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, child in children:
            found.append((*path, key))
            stack.append(((*path, key), child))
    return tuple(sorted(found, key=str))


def mutate(data: dict, path: tuple, op: str, draw) -> None:
    *head, key = path
    parent = data
    for step in head:
        parent = parent[step]
    value = parent[key]
    if op == "drop":
        del parent[key]
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(value))
        else:
            parent[f"{key}2"] = copy.deepcopy(value)
    elif op == "retype":
        parent[key] = draw(VALUES)
    elif op == "long":
        parent[key] = "x" * draw(st.sampled_from([51, 81, 201, 301, 501, 10_001, 100_000]))
    elif op == "nul":
        text = value if isinstance(value, str) else "text"
        at = draw(st.integers(0, len(text)))
        parent[key] = text[:at] + "\x00" + text[at:]
    elif op == "slug":
        parent[key] = draw(ODD)
    elif op == "deep":
        for _ in range(draw(st.sampled_from([3, 9, 100]))):
            value = [value]
        parent[key] = value
    elif op == "unknown" and isinstance(parent, dict):
        parent[draw(st.sampled_from(["colour", "position", "zh2", "__proto__"]))] = draw(VALUES)


def alias(text: str, draw) -> str:
    """Anchor one top-level section and refer to it from an extra one."""
    sections = re.findall(r"^(\w+):$", text, flags=re.M)
    name = draw(st.sampled_from(sections))
    return text.replace(f"\n{name}:\n", f"\n{name}: &s\n", 1) + "again: *s\n"


def broken_csv(text: str, draw) -> str:
    lines = text.splitlines()
    at = draw(st.integers(1, len(lines) - 1))
    cells = lines[at].split(",")
    op = draw(st.sampled_from(["short", "long", "cell", "duplicate", "quote"]))
    if op == "short":
        cells = cells[: draw(st.integers(0, len(cells) - 1))]
    elif op == "long":
        cells += ["x"] * draw(st.integers(1, 3))
    elif op == "cell":
        cells[draw(st.integers(0, len(cells) - 1))] = draw(ODD).replace("\n", " ")
    elif op == "duplicate":
        lines.insert(at, lines[at])
    else:
        cells[0] = '"' + cells[0]
    lines[at] = ",".join(cells)
    return "\n".join(lines) + "\n"


def sample(draw) -> tuple[str, str]:
    """A mutated export: (file name, content)."""
    fmt = draw(st.sampled_from(["json", "json", "yaml", "csv"]))
    if fmt == "csv":
        return "r.csv", broken_csv(exporter.requirements_csv(), draw)
    data = copy.deepcopy(export())
    for _ in range(draw(st.integers(1, 3))):
        # An earlier mutation may have removed or retyped this place.
        with contextlib.suppress(KeyError, IndexError, TypeError):
            mutate(data, draw(st.sampled_from(paths())), draw(st.sampled_from(OPS)), draw)
    if fmt == "json":
        return "c.json", json.dumps(data, ensure_ascii=False)
    text = exporter.to_yaml(data)
    return "c.yaml", alias(text, draw) if draw(st.booleans()) else text


def refused_cleanly_or_applied(name: str, content: str) -> None:
    with transaction.atomic():
        before = rows()
        try:
            catalogue = loader.read(content, name, loader.guess_format(name))
        except CatalogueError as exc:
            message = str(exc)
            assert message.startswith(f"{name}: ") and "\n" not in message and len(message) < 500
            assert rows() == before
            return
        try:
            importer.apply(catalogue, importer.Mode.REPLACE)
        except CatalogueError as exc:
            assert str(exc).strip()
            assert rows() == before
            return
        # Applied whole: every entry of the file is in the catalogue as the file
        # says. (Only the order may differ: entries a file leaves out keep their place.)
        after = compare(exporter.catalogue_data(), catalogue)
        assert [(c.key, c.fields) for c in after if c.kind == ADDED or {f[0] for f in c.fields} - {"order"}] == []
        transaction.set_rollback(True)  # the next example starts from the seed again


FUZZ = settings(
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(FUZZ, max_examples=12)
@given(st.data())
def test_a_mutated_export_is_refused_cleanly_or_applied(data):
    refused_cleanly_or_applied(*sample(data.draw))


@pytest.mark.heavy
@settings(FUZZ, max_examples=250, derandomize=False)
@given(st.data())
def test_many_mutated_exports_are_refused_cleanly_or_applied(data):
    refused_cleanly_or_applied(*sample(data.draw))
