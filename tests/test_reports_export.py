from __future__ import annotations

import csv
import io
import json

import pytest

from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.usefixtures("seeded")


def test_csv_lists_every_track_step_with_its_state(client, django_assert_max_num_queries):
    report = save_report(client)
    step = first_step(report)
    client.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending"})
    with django_assert_max_num_queries(6):
        response = client.get(f"/r/{report.token}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    product = [r for r in rows if r["track"] == "Product operation"]
    assert product[0]["state"] == "done" and int(product[0]["effort_hours"]) > 0
    assert {r["track"] for r in rows} >= {"Content operation", "Product operation", "Promotion"}


def test_csv_follows_the_language(client):
    report = save_report(client)
    text = client.get(f"/r/{report.token}/export.csv", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode("utf-8-sig")
    assert "产品运营" in text


def test_json_holds_the_snapshot_progress_and_notes(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/details/", {"title": "Plan", "notes": "weekends"})
    data = json.loads(client.get(f"/r/{report.token}/export.json").content)
    assert data["title"] == "Plan" and data["notes"] == "weekends"
    assert data["catalogue_version"] == report.catalogue_version
    assert data["snapshot"]["tracks"][0]["slug"] == report.snapshot["tracks"][0]["slug"]


def test_print_layout_lists_steps_as_checkboxes(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/steps/{first_step(report)}/", {"state": "done", "was": "pending"})
    page = client.get(f"/r/{report.token}/print/?track=product-operation").content.decode()
    assert "Plan for Product operation" in page and "☑" in page and "☐" in page
    assert "css/print.css" in page and "navbar" not in page
