"""Imports run one way, in the order data flows (docs/architecture.md):
base helpers → catalogue → questionnaire → reports, with the admin, the
management commands, the home page, accounts and the project config on top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ADVISOR = Path(__file__).resolve().parents[1] / "advisor"
TOP = 4
# Module prefixes and their layer; the longest matching prefix wins.
LAYERS = {
    "advisor.env": 0,
    "advisor.i18n": 0,
    "advisor.typography": 0,
    "advisor.scoring": 0,
    "advisor.problems": 0,
    "advisor.errors": 0,
    "advisor.middleware": 0,
    "advisor.csp": 0,
    "advisor.logs": 0,
    "advisor.limits": 0,
    "advisor.after_response": 0,
    "advisor.sessions": 0,
    "advisor.catalogue": 1,
    "advisor.questionnaire": 2,
    "advisor.reports": 3,
    "advisor.catalogue.admin": TOP,
    "advisor.catalogue.management": TOP,
    "advisor.home": TOP,
    "advisor.accounts": TOP,
    "advisor.urls": TOP,
    "advisor.settings": TOP,
    "advisor.wsgi": TOP,
}
NAMES = {0: "base", 1: "catalogue", 2: "questionnaire", 3: "reports", TOP: "top"}
# Pure Python, so they can be reasoned about and tested without a database.
NO_DJANGO = {"advisor.scoring", "advisor.catalogue.impact", "advisor.catalogue.market"}


def layer(module: str) -> int | None:
    matches = [prefix for prefix in LAYERS if module == prefix or module.startswith(prefix + ".")]
    return LAYERS[max(matches, key=len)] if matches else None


def module_name(path: Path) -> str:
    parts = path.relative_to(ADVISOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(module: str, source: str) -> list[str]:
    """Every module `source` imports, at the top or inside functions, relative ones resolved."""
    package = module.rsplit(".", 1)[0]
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            names += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return names


def violations(module: str, source: str) -> list[str]:
    own = layer(module)
    found = []
    for name in imported(module, source):
        if module in NO_DJANGO and name.split(".")[0] == "django":
            found.append(f"{module} imports {name}: it must stay pure Python")
        target = layer(name)
        if own is None or target is None or own == TOP:
            continue
        if target > own:
            found.append(f"{module} ({NAMES[own]}) imports {name} ({NAMES[target]}), a layer above it")
    return found


def modules() -> list[tuple[str, Path]]:
    return [(module_name(p), p) for p in sorted(ADVISOR.rglob("*.py")) if "migrations" not in p.parts]


def test_every_module_belongs_to_a_layer():
    assert [m for m, _ in modules() if m != "advisor" and layer(m) is None] == []


def test_no_import_runs_against_the_layers():
    found = [v for module, path in modules() for v in violations(module, path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("advisor.catalogue.models", "from advisor.reports.models import Report"),
        ("advisor.catalogue.exchange.loader", "def f():\n    from advisor.questionnaire import session"),
        ("advisor.questionnaire.views", "import advisor.reports.models"),
        ("advisor.questionnaire.compute", "from ..reports import snapshot"),
        ("advisor.i18n", "from advisor.catalogue.models import Track"),
        ("advisor.scoring", "from django.db import models"),
    ],
)
def test_the_check_catches_an_import_against_the_layers(module, source):
    assert violations(module, source)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("advisor.catalogue.admin.tracks", "from advisor.reports.models import Report"),
        ("advisor.reports.views", "from advisor.questionnaire import session"),
        ("advisor.questionnaire.compute", "from advisor.catalogue.models import Track"),
    ],
)
def test_the_check_allows_imports_that_follow_the_layers(module, source):
    assert violations(module, source) == []
