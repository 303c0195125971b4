from __future__ import annotations

import csv
import io
import json

import pytest

from tests.questionnaire_helpers import PROMOTER
from tests.reports_helpers import converted, first_step, old_snapshot, results, save_report, track_of

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
    product = [r for r in rows if r["Track"] == "Product operation"]
    steps = [r for r in product if r["Row"] == "Step"]
    assert steps[0]["State"] == "Done" and int(steps[0]["Hours"]) > 0 and steps[0]["Order"] == "1"
    assert {r["Track"] for r in rows} >= {"Content operation", "Product operation", "Promotion"}
    # The gaps come first, with the level against the target.
    gaps = [r for r in product if r["Row"] == "Gap"]
    assert gaps and product.index(gaps[-1]) < product.index(steps[0])
    prototyping = next(r for r in gaps if r["Skill"] == "Prototyping")
    assert int(prototyping["Your level"]) < int(prototyping["Target level"])
    assert product[0]["Verdict"] in {"Ready", "Within reach", "Long road"}


def test_csv_follows_the_language(client):
    report = save_report(client)
    text = client.get(f"/r/{report.token}/export.csv", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode("utf-8-sig")
    assert "产品运营" in text
    header = text.splitlines()[0]
    assert "方向" in header and "Track" not in header  # the headers too
    assert "待开始" in text and "pending" not in text.lower()  # the states too


def test_json_says_the_goal_the_recommendation_and_each_tracks_verdict_and_plan(client):
    report = save_report(client, PROMOTER | {"context": PROMOTER["context"] | {"goal": "content-operation"}})
    step = first_step(report, "content-operation")
    client.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending"})
    client.post(f"/r/{report.token}/details/", {"title": "Plan", "notes": "weekends"})
    data = json.loads(client.get(f"/r/{report.token}/export.json").content)
    assert data["format"] == 2 and data["title"] == "Plan" and data["notes"] == "weekends"
    assert data["catalogue_version"] == report.catalogue_version
    assert (data["goal"], data["recommended"], data["current_track"]) == (
        "content-operation",
        "content-operation",
        "seo-sem-operation",
    )
    content = next(t for t in data["tracks"] if t["slug"] == "content-operation")
    assert content["kind"] == "operation" and content["band"] in ("ready", "within_reach", "long_road")
    assert {"level", "target", "essential"} <= set(content["rows"][0])
    assert content["steps"][0]["slug"] == step and content["steps"][0]["state"] == "done"


def test_json_gives_a_skill_nobody_asked_about_a_null_level(client):
    report = save_report(client)  # no online shop: the shop questions are left out
    shop = next(
        t
        for t in json.loads(client.get(f"/r/{report.token}/export.json").content)["tracks"]
        if t["slug"] == "ecommerce-operation"
    )
    levels = {row["skill"]: row["level"] for row in shop["rows"]}
    assert levels["shop-management"] is None and levels["warehousing"] is None
    assert shop["band"] != "ready"


def test_json_of_a_report_saved_under_the_first_rules_says_so(client):
    from advisor.reports.models import Report

    # As the data migration converted it: no account, so its private link opens it.
    report = Report.objects.create(title="Old", snapshot=converted(1))
    exported = json.loads(client.get(f"/r/{report.token}/export.json").content)
    assert exported["rules_changed"] is True and exported["snapshot_format"] == 1
    assert exported["recommended"] == old_snapshot(1)["tracks"][0]["slug"] and exported["goal"] is None


def test_print_layout_lists_steps_as_checkboxes(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/steps/{first_step(report)}/", {"state": "done", "was": "pending"})
    page = client.get(f"/r/{report.token}/print/?track=product-operation").content.decode()
    assert "Plan for Product operation" in page and "☑" in page and "☐" in page
    assert "css/print.css" in page and "navbar" not in page


def test_print_tells_learning_from_pending_and_gives_the_weeks_and_the_links(client):
    report = save_report(client)
    steps = track_of(report, "product-operation").steps
    client.post(f"/r/{report.token}/steps/{steps[0].slug}/", {"state": "learning", "was": "pending"})
    page = client.get(f"/r/{report.token}/print/?track=product-operation").text
    assert "<main>" in page
    learning = page[page.index("◐</span>") :][:600]
    assert steps[0].title.en in learning and "learning" in learning
    assert "hours a week, that is about" in page
    urls = [link.url for step in steps for link in step.links]
    assert urls and any(url in page for url in urls)  # typed in from paper, so printed in full


def test_results_explain_the_three_verdicts(client):
    from tests.questionnaire_helpers import fill

    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").text
    legend = page[page.index("What the verdicts mean") :][:2000]
    assert "A match of 70% or more, and every essential skill at its target." in legend
    assert "no essential skill more than 1 level short" in legend
    assert "Long road" in legend


def test_every_page_has_the_favicon(client):
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/").text


def test_csv_cells_a_spreadsheet_would_run_as_formulas_stay_text(client):
    report = save_report(client)
    step = first_step(report)
    hostile = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
    kept = report.snapshot["results"]
    kept["steps"][step]["title"] = {"en": hostile[0], "zh": hostile[0]}  # kept once, for every track
    kept["tracks"][0]["track"]["name"] = {"en": hostile[1], "zh": hostile[1]}
    slugs = sorted({row.skill.slug for view in results(report).tracks for row in view.rows})
    # Every skill gets one of the four, in turn, wherever the results name it.
    rename(kept, {slug: hostile[2 + i % 4] for i, slug in enumerate(slugs)})
    report.save(update_fields=["snapshot"])
    cells = [
        c
        for row in csv.reader(io.StringIO(client.get(f"/r/{report.token}/export.csv").content.decode("utf-8-sig")))
        for c in row
    ]
    for text in hostile:
        assert "'" + text in cells, text
        assert text not in cells
    # Plain numbers stay numbers a spreadsheet can sum.
    assert any(c.isdigit() for c in cells)


def rename(node, names: dict[str, str]) -> None:
    """Every skill kept in the results (a row's, a step's: slug and name) takes the name given for its slug."""
    if isinstance(node, dict):
        if set(node) == {"slug", "name"} and node["slug"] in names:
            node["name"] = {"en": names[node["slug"]], "zh": names[node["slug"]]}
        for value in node.values():
            rename(value, names)
    elif isinstance(node, list):
        for value in node:
            rename(value, names)
