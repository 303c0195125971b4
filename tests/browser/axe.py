"""Run the vendored axe-core in a Playwright page and return its violations.

The script is evaluated through the DevTools protocol rather than added as a
<script> tag, so a Content-Security-Policy on the page cannot block it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "assets" / "axe-core" / "axe.min.js"
# The WCAG 2.x A and AA rules, plus axe's best practices we hold ourselves to.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@cache
def _source() -> str:
    return SOURCE.read_text(encoding="utf-8")


def violations(page, *, impacts: tuple[str, ...] | None = None, tags: list[str] | None = None) -> list[dict]:
    """axe's violations on the page once its colour transitions have ended, optionally only of the given impacts.

    A control the pointer or the focus just left fades back over Bootstrap's 0.15 s
    transition; measured mid-fade its colours are neither state's, and the contrast
    check fails on a mix no one reads (a Copy button after a click in the field beside it)."""
    page.wait_for_function(
        "!document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
        tags or TAGS,
    )
    if impacts is not None:
        found = [v for v in found if v.get("impact") in impacts]
    return found


def describe(found: list[dict]) -> str:
    """One line per violation and node, readable in a failing assertion."""
    lines = []
    for v in found:
        for node in v["nodes"][:5]:
            lines.append(f"{v['id']} ({v['impact']}): {' '.join(node['target'])} — {node['failureSummary'][:160]}")
    return "\n".join(lines)
