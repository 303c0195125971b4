"""A Content-Security-Policy of self only: no inline script anywhere, no inline style on
our pages (Django's admin keeps inline styles), and nothing in our HTML that needs them."""

from __future__ import annotations

import re

import pytest

from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _public_pages(client) -> list[str]:
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    assessment = fill(client, finish=False)
    r, s = f"/r/{report.token}", f"/s/{report.share_token}"
    return [
        "/", "/assess/", f"/assess/{assessment.pk}/about/", f"/assess/{assessment.pk}/review/",
        f"/assess/{report.assessment_id}/results/", f"/assess/{report.assessment_id}/results/?view=roadmap",
        f"{r}/", f"{r}/?view=compare", f"{r}/print/", f"{r}/summary/", f"{r}/reset/", f"{r}/delete/",
        f"{s}/", f"{s}/summary/", "/reports/", "/accounts/login/", "/accounts/signup/", "/no-such-page/",
    ]  # fmt: skip


def test_every_public_page_allows_only_its_own_scripts_and_styles(client):
    for path in _public_pages(client):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], path
        assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"], path
        html = response.content.decode()
        # Nothing on the page would be refused by that policy.
        assert not re.search(r"\sstyle=", html), (path, re.search(r".{60}\sstyle=.{60}", html))
        assert not re.search(r"<style[\s>]", html), path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=", html), path


def test_the_admin_keeps_inline_styles_but_never_inline_scripts(admin_client):
    response = admin_client.get("/admin/catalogue/track/")
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["style-src"]
