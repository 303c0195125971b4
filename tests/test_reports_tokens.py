"""Malformed report and share tokens get a 404 before any query (a NUL byte used to
give a 500 on PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.reports_helpers import save_report

BAD = [
    "%00",
    "abc%00def" + "x" * 20,
    "x" * 65,
    "x" * 5000,
    "bad%20token%21%21%21%21%21%21%21%21",
    "%C3%84" * 20,
    "short",
]
OWNER_PATHS = ["/r/{}/", "/r/{}/print/", "/r/{}/export.csv", "/r/{}/export.json", "/r/{}/summary/", "/r/{}/plan.ics"]
SHARED_PATHS = ["/s/{}/", "/s/{}/summary/", "/s/{}/plan.ics"]


@pytest.mark.django_db
@pytest.mark.parametrize("token", BAD)
@pytest.mark.parametrize("path", OWNER_PATHS + SHARED_PATHS)
def test_a_malformed_token_is_not_found_without_a_query(client, django_assert_num_queries, path, token):
    with django_assert_num_queries(0):
        response = client.get(path.format(token))
    assert response.status_code == 404
    assert "Report not found" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["%00", "x" * 65])
def test_posting_to_a_malformed_token_is_not_found(client, token):
    for path in ("/r/{}/share/", "/r/{}/reset/", "/r/{}/delete/", "/r/{}/details/", "/r/{}/retake/"):
        assert client.post(path.format(token), {"action": "create"}).status_code == 404


def test_real_tokens_still_open(client, seeded):
    report = save_report(client)
    assert client.get(f"/r/{report.token}/").status_code == 200
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    assert client.get(f"/s/{report.share_token}/").status_code == 200
