"""Issue 21: a progress mark (an htmx POST to /r/<token>/steps/<slug>/) answers with the report's
body, whose links must lead to the report's own address; and the next step above the body follows."""

from __future__ import annotations

import re

import pytest

from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "report-body"}


def links(html: str) -> list[str]:
    """Every address a person can follow from the html: hrefs and htmx GETs."""
    return re.findall(r'(?:href|hx-get)="([^"#]*)', html)


def next_step(html: str) -> tuple[str, str]:
    """The track and the step the "Start here" / "Your next step" card points to."""
    card = re.search(r'<section class="start-card.*?</section>', html, re.S).group(0)
    return re.search(r'\?track=([\w-]+)#step-([\w-]+)"', card).groups()


def test_links_in_the_answer_to_a_mark_lead_to_the_report_not_to_the_post_address(
    client, django_assert_max_num_queries
):
    report = save_report(client)
    track, step = next_step(client.get(f"/r/{report.token}/").content.decode())
    with django_assert_max_num_queries(12):
        response = client.post(
            f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending", "track": track}, **HTMX
        )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="report-body"' in html
    found = links(html)
    assert not [url for url in found if "/steps/" in url]
    # The tabs and the track list are among them, on the report's own address.
    assert f"/r/{report.token}/?track={track}&amp;view=roadmap" in found
    assert sum(url.startswith(f"/r/{report.token}/?track=") for url in found) >= 10


def test_the_next_step_above_the_body_moves_on_in_the_same_answer(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/").content.decode()
    track, step = next_step(page)
    assert "Start here" in page
    response = client.post(
        f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending", "track": track}, **HTMX
    )
    html = response.content.decode()
    card = re.search(r'<div id="next-step" hx-swap-oob="true">.*?</section>', html, re.S).group(0)
    moved_to = next_step(card)
    assert moved_to[0] == track and moved_to[1] != step
    assert "Your next step" in card
    # The whole page, loaded afresh, says the same.
    assert next_step(client.get(f"/r/{report.token}/").content.decode()) == moved_to


def test_a_refused_title_keeps_every_link_on_the_report(client):
    report = save_report(client)
    response = client.post(f"/r/{report.token}/details/", {"title": "", "notes": ""})
    html = response.content.decode()
    assert response.status_code == 422
    assert not [url for url in links(html) if "/details/" in url]
    assert f'name="next" value="/r/{report.token}/"' in html  # the language switch comes back here


def test_a_shared_report_links_to_its_read_only_address(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    html = client.get(f"/s/{report.share_token}/?view=roadmap").content.decode()
    tracks = [url for url in links(html) if "?track=" in url]
    assert tracks and all(url.startswith(f"/s/{report.share_token}/?track=") for url in tracks)


def test_switching_track_in_place_points_print_at_the_new_track(client):
    report = save_report(client)
    html = client.get(f"/r/{report.token}/?track=product-operation", **HTMX).content.decode()
    print_url = f'href="/r/{report.token}/print/?track=product-operation" hx-swap-oob="true"'
    assert html.count(print_url) == 2  # the actions row and the bar at the foot
