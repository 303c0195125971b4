"""Browser tests: Playwright for Python driving Debian's Chromium.

Playwright's own browser download cannot work here, so we launch the system
Chromium. Without it the tests skip with a reason, except in CI
(ADVISOR_REQUIRE_BROWSER=true), where a missing browser is a failure."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _chromium() -> str | None:
    for candidate in (os.environ.get("ADVISOR_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = _chromium()
    if path is None:
        if os.environ.get("ADVISOR_REQUIRE_BROWSER") == "true":
            pytest.fail("Chromium is required here but was not found at /usr/bin/chromium")
        pytest.skip("Chromium not found: install Debian's chromium (apt-get install chromium) to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield PolicyRelaxed(browser)
        browser.close()


class PolicyRelaxed:
    """The browser, its contexts made with bypass_csp=True unless a test says otherwise.
    Playwright's wait_for_function evaluates its predicate as a string in the page,
    which our Content-Security-Policy refuses (no 'unsafe-eval'); test_csp_browser
    passes bypass_csp=False and walks the journey under the real policy."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("bypass_csp", True)
        return self._browser.new_context(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def live_catalogue(transactional_db):
    """The seed catalogue, committed, for the live server (tests/seed_snapshot.py)."""
    from tests.seed_snapshot import load_seed

    load_seed()


@pytest.fixture
def shoot():
    """Save a full-page screenshot under artifacts/screenshots (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
