"""Every report URL, for every role: owner by link, owner by account, share-link holder, stranger, admin."""

from __future__ import annotations

import pytest
from django.test import Client

from advisor.reports.models import Report
from tests.fixtures import alice, bob
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.usefixtures("seeded")

READ = ["", "export.csv", "export.json", "print/", "reset/", "delete/"]
WRITE = {
    "details/": {"title": "Hijacked", "notes": ""},
    "share/": {"action": "create"},
    "retake/": {},
    "reset/": {},
}


def check_stranger(browser: Client, report: Report) -> None:
    saved = Report.objects.get(pk=report.pk)
    before = (saved.title, saved.share_token, saved.progress.count())
    for path in READ:
        response = browser.get(f"/r/{report.token}/{path}")
        assert response.status_code == 404, path
        assert "Report not found" in response.content.decode()
    for path, data in WRITE.items():
        assert browser.post(f"/r/{report.token}/{path}", data).status_code == 404, path
    step = first_step(report)
    assert browser.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending"}).status_code == 404
    assert browser.post(f"/r/{report.token}/delete/").status_code == 404
    saved.refresh_from_db()
    assert (saved.title, saved.share_token, saved.progress.count()) == before


def test_the_holder_of_the_private_link_can_use_every_url(client):
    report = save_report(client)
    stranger = Client()  # the link pasted into another browser still works: it is the key
    for path in READ:
        assert stranger.get(f"/r/{report.token}/{path}").status_code == 200, path


def test_a_stranger_guessing_tokens_gets_404_everywhere(client):
    report = save_report(client)
    report.token = report.token[:-4] + "AAAA"
    check_stranger(Client(), report)


def test_another_user_cannot_open_an_account_report_even_with_its_link(client):
    owner = alice()
    client.force_login(owner)
    report = save_report(client)
    stranger = Client()
    stranger.force_login(bob())
    check_stranger(stranger, report)


def test_a_logged_out_owner_is_asked_to_log_in_first(client):
    owner = alice()
    client.force_login(owner)
    report = save_report(client)
    response = Client().get(f"/r/{report.token}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_share_link_is_read_only(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    reader = Client()
    page = reader.get(f"/s/{report.share_token}/").content.decode()
    assert "Shared report · read only" in page and report.title in page
    assert "Keep this link." not in page and 'name="state"' not in page and report.token not in page
    check_stranger(reader, Report(pk=report.pk, token="x" * 43, snapshot=report.snapshot))


def test_a_revoked_share_link_stops_working_at_once(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    old = report.share_token
    client.post(f"/r/{report.token}/share/", {"action": "revoke"})
    assert Client().get(f"/s/{old}/").status_code == 404


def test_a_regenerated_share_link_replaces_the_old_one(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    old = report.share_token
    client.post(f"/r/{report.token}/share/", {"action": "regenerate"})
    report.refresh_from_db()
    assert Client().get(f"/s/{old}/").status_code == 404
    assert Client().get(f"/s/{report.share_token}/").status_code == 200


def test_an_admin_without_the_link_is_a_stranger_on_the_site_but_sees_it_in_the_admin(client, admin_client):
    report = save_report(client)
    assert admin_client.get(f"/r/{report.token[:-1]}x/").status_code == 404
    page = admin_client.get("/admin/reports/report/").content.decode()
    assert report.title in page
    detail = admin_client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert report.token not in detail  # the admin page does not leak the private link


def test_an_unknown_share_action_is_refused(client):
    report = save_report(client)
    assert client.post(f"/r/{report.token}/share/", {"action": "publish"}).status_code == 400
