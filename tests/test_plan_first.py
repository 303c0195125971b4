"""The plan first: the recommendation and its one next step, then the plan, then the
table of tracks, in one reading order for every width; Save and Share last."""

from __future__ import annotations

import re

import pytest

from tests.questionnaire_helpers import fill
from tests.reports_helpers import results, save_report, step_slugs

pytestmark = pytest.mark.usefixtures("seeded")


def _positions(page: str, *markers: str) -> list[int]:
    return [page.index(m) for m in markers]


def test_results_read_recommendation_next_step_plan_tracks_then_save(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    order = _positions(
        page, "Your best move", 'class="start-card', 'class="step-list"', "Match by track", 'class="action-bar'
    )
    assert order == sorted(order)
    # The routes and market facts come after the steps, not before them.
    assert page.index('class="step-list"') < page.index('class="route')
    bar = page[page.index('class="action-bar') :]
    assert "Save this report" in bar and 'value="share"' in bar


def test_the_start_card_names_the_recommendations_first_step(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    card = re.search(r'<section class="start-card.*?</section>', page, re.S).group(0)
    first = re.search(r'<li class="step-item start-here" id="step-([^"]+)"', page).group(1)
    assert "Start here" in card and f"#step-{first}" in card and "step 1 of" in card


def test_on_a_report_the_card_moves_on_to_the_next_step_not_done(client):
    report = save_report(client)
    track = results(report).recommended
    steps = step_slugs(report, track)
    client.post(f"/r/{report.token}/steps/{steps[0]}/", {"state": "done", "was": "pending", "track": track})
    page = client.get(f"/r/{report.token}/").content.decode()
    card = re.search(r'<section class="start-card.*?</section>', page, re.S).group(0)
    assert "Your next step" in card and f"#step-{steps[1]}" in card and "step 2 of" in card
    for step in steps[1:]:
        client.post(f"/r/{report.token}/steps/{step}/", {"state": "skipped", "was": "pending", "track": track})
    page = client.get(f"/r/{report.token}/").content.decode()
    assert "Every step of this plan is done or skipped." in page


def test_save_and_share_saves_then_opens_the_share_section(client):
    assessment = fill(client)
    response = client.post(f"/reports/save/{assessment.pk}/", {"then": "share", "track": "user-operation"})
    assert response.status_code == 302 and response["Location"].endswith("#share")
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "create a read-only link below" in page and 'id="share"' in page
    # A second press (double submit) saves nothing twice.
    again = client.post(f"/reports/save/{assessment.pk}/", {"then": "share"})
    assert again.status_code == 409


def test_the_owners_report_has_share_and_print_in_the_bar_and_the_shared_view_none(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/").content.decode()
    bar = page[page.index('class="action-bar') :]
    assert 'href="#share"' in bar and f"/r/{report.token}/print/" in bar
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    assert 'class="action-bar' not in client.get(f"/s/{report.share_token}/").content.decode()
