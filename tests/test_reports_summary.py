"""The one-page summary: the recommendation, its essential gaps and the first three
steps, for the owner and a read-only link's holder, and for no one else."""

from __future__ import annotations

import re

import pytest
import segno
from django.test import Client

from advisor.questionnaire.results import TrackView
from advisor.reports.models import Report
from tests.fixtures import alice, bob
from tests.reports_helpers import results, save_report

pytestmark = pytest.mark.usefixtures("seeded")


def recommended(report: Report) -> TrackView:
    return results(report).recommendation


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_owner_sees_the_recommendation_gaps_and_first_three_steps(client, django_assert_max_num_queries):
    report = save_report(client)
    move = recommended(report)
    with django_assert_max_num_queries(8):
        response = client.get(f"/r/{report.token}/summary/")
    assert response.status_code == 200
    page = text(response.content.decode())
    assert f"Your best move {move.track.name.en}" in page
    assert f"{round(move.readiness)}% ready" in page
    assert {"ready": "Ready", "within_reach": "Within reach", "long_road": "Long road"}[move.band] in page
    # Every essential gap, with the level against the target.
    levels = report.snapshot["levels"]
    essential = [r for r in move.rows if r.essential and (levels.get(r.skill.slug) or 0) < r.target]
    assert essential
    for row in essential:
        assert f"level {levels.get(row.skill.slug, 0)} of {row.target}" in page
    # The first three steps in order, each with its hours; the fourth is not there.
    titles = [step.title.en for step in move.steps]
    positions = [page.index(title) for title in titles[:3]]
    assert positions == sorted(positions)
    assert titles[3] not in page
    hours = sum(step.effort_hours for step in move.steps[:3])
    weeks = -(-hours // 5)  # the promoter has 5 hours a week
    assert f"These steps: {hours} hours, about {weeks} week" in page
    assert f"The whole plan: {move.total_hours} hours" in page
    # No read-only link yet: the owner's page prints the private link, with a warning.
    assert f"Private link: http://testserver/r/{report.token}/" in page
    assert "anyone with this link can open and change the report" in page


def test_the_report_links_to_its_summary(client):
    report = save_report(client)
    assert f'href="/r/{report.token}/summary/"' in client.get(f"/r/{report.token}/").content.decode()
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    shared = Client().get(f"/s/{report.share_token}/").content.decode()
    assert f'href="/s/{report.share_token}/summary/"' in shared and "One-page summary" in shared


def test_with_a_read_only_link_the_summary_prints_that_link_and_not_the_private_one(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    for url in (f"/r/{report.token}/summary/", f"/s/{report.share_token}/summary/"):
        page = Client().get(url).content.decode()
        assert f"http://testserver/s/{report.share_token}/" in page, url
        assert "Private link:" not in page
    shared = Client().get(f"/s/{report.share_token}/summary/").content.decode()
    assert report.token not in shared
    assert recommended(report).track.name.en in shared
    assert f'href="/s/{report.share_token}/">Back to the report' in shared


def qr_path(url: str) -> str:
    return re.search(r'd="([^"]+)"', segno.make(url, error="m").svg_inline(border=2)).group(1)


def test_a_qr_code_of_the_read_only_link_only(client):
    report = save_report(client)
    private_url = f"http://testserver/r/{report.token}/"
    assert "<svg" not in client.get(f"/r/{report.token}/summary/").content.decode()  # no read-only link, no code
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    share_url = f"http://testserver/s/{report.share_token}/"
    for url in (f"/r/{report.token}/summary/", f"/s/{report.share_token}/summary/"):
        page = client.get(url).content.decode()
        assert page.count('<svg viewBox="0 0 41 41" class="qr-code">') == 1, url
        assert "<title>QR code of the read-only link</title>" in page
        assert qr_path(share_url) in page and qr_path(private_url) not in page


def test_a_wrong_token_gets_404(client):
    report = save_report(client)
    for url in (f"/r/{report.token[:-4]}AAAA/summary/", "/s/not-a-share-token/summary/"):
        response = Client().get(url)
        assert response.status_code == 404, url
        assert "Report not found" in response.content.decode()


def test_a_revoked_or_renewed_share_link_gets_404(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    first = Report.objects.get(pk=report.pk).share_token
    client.post(f"/r/{report.token}/share/", {"action": "regenerate"})
    second = Report.objects.get(pk=report.pk).share_token
    assert Client().get(f"/s/{first}/summary/").status_code == 404
    assert Client().get(f"/s/{second}/summary/").status_code == 200
    client.post(f"/r/{report.token}/share/", {"action": "revoke"})
    assert Client().get(f"/s/{second}/summary/").status_code == 404


def test_an_account_report_summary_is_for_its_owner_only(client):
    client.force_login(alice())
    report = save_report(client)
    assert client.get(f"/r/{report.token}/summary/").status_code == 200
    stranger = Client()
    stranger.force_login(bob())
    assert stranger.get(f"/r/{report.token}/summary/").status_code == 404
    logged_out = Client().get(f"/r/{report.token}/summary/")
    assert logged_out.status_code == 302 and "/login/" in logged_out["Location"]


def test_done_steps_are_ticked(client):
    report = save_report(client)
    first = recommended(report).steps[0].slug
    client.post(f"/r/{report.token}/steps/{first}/", {"state": "done", "was": "pending"})
    page = client.get(f"/r/{report.token}/summary/").content.decode()
    assert page.count("☑") == 1 and page.count("☐") == 2
