"""The personas of docs/advice.md, checked against the live rules and the seed
catalogue. The expected outcomes are read from the table in that file, so the
table and the tests cannot drift apart; tests/personas.py holds the answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils.html import escape

from advisor.catalogue.models import Post, Route, Track
from advisor.questionnaire import flow as flows
from advisor.questionnaire.compute import compute
from tests.personas import PERSONAS
from tests.questionnaire_helpers import fill

ADVICE = Path(__file__).resolve().parents[1] / "docs" / "advice.md"
pytestmark = pytest.mark.usefixtures("seeded")


def table() -> dict[str, dict]:
    """id → {recommended, bands, plan} from the persona table of docs/advice.md."""
    rows = {}
    for line in ADVICE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        ident, _who, _says, recommended, bands, plan = cells
        rows[ident.strip("`")] = {
            "recommended": re.search(r"`([\w-]+)`", recommended).group(1),
            "bands": [b.strip() for b in bands.split(";")],
            "plan": re.findall(r"`([\w-]+)`", plan),
        }
    return rows


ROWS = table()


def test_the_table_has_a_row_for_every_persona_and_at_least_ten():
    assert sorted(ROWS) == sorted(PERSONAS) and len(ROWS) >= 10


def results_for(client, ident: str):
    person = PERSONAS[ident]
    assessment = fill(client, {"context": person["about"], "levels": person["levels"]})
    return assessment, compute(flows.load(assessment))


@pytest.mark.parametrize("ident", sorted(ROWS))
def test_each_persona_gets_the_recommendation_bands_and_plan_the_table_expects(client, ident):
    expected = ROWS[ident]
    assessment, results = results_for(client, ident)
    assert results.recommended == expected["recommended"]
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    headline = page[page.index("<h1") : page.index("</h1>")]
    assert escape(Track.objects.get(slug=expected["recommended"]).name_en) in headline

    bands = {t.track.slug: t.band for t in results.tracks}
    for rule in expected["bands"]:
        rule = rule.replace("`", "")
        if rule == "none ready":
            assert "ready" not in bands.values(), bands
        elif rule == "all long_road":
            assert set(bands.values()) == {"long_road"}, bands
        elif rule.startswith("not: "):
            assert results.recommended != rule.removeprefix("not: ")
        else:
            slug, band = rule.split()
            assert bands[slug] == band, (slug, bands[slug])

    plan = list(dict.fromkeys(step.skill.slug for step in results.recommendation.steps))
    assert set(plan[: len(expected["plan"])]) == set(expected["plan"]), plan


def test_a_beginner_sees_the_entry_post_and_the_entry_pay_with_its_source(client):
    assessment, _results = results_for(client, "beginner")
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    assert "Where you would start" in page
    assert "Operation editor (运营编辑)" in page
    assert "three to five thousand yuan a month" in page
    assert "Source:" in page and "(undated)" in page


def test_an_experienced_operator_sees_the_senior_post_and_what_separates_it(client):
    assessment, _results = results_for(client, "senior-content-operator")
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    senior = Post.objects.get(track__slug="content-operation", seniority="senior")
    assert "The senior post" in page and escape(senior.title_en) in page
    assert "What separates a senior post" in page


def test_a_promoter_moving_to_operation_in_a_product_led_company_hears_it_goes_with_the_company(client):
    assessment, _results = results_for(client, "promoter-to-product")
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    assert "Your company is product-led" in page and "this move goes with it" in page


def test_an_operator_moving_to_promotion_in_a_product_led_company_hears_it_goes_against_it(client):
    person = PERSONAS["operator-to-promotion"]
    about = person["about"] | {"company_type": "product-led"}
    assessment = fill(client, {"context": about, "levels": person["levels"]})
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    assert "may pay better at a marketing-led company" in page


def test_a_small_company_shows_that_operation_and_promotion_are_one_job(client):
    assessment, results = results_for(client, "small-company-operator")
    route = Route.objects.get(company_size="under-20")
    assert route.slug in {r.slug for r in results.recommendation.routes}
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    assert escape(route.name_en) in page


def test_the_page_says_why_a_track_is_not_ready(client):
    assessment, _results = results_for(client, "writer-who-never-plans")
    page = client.get(f"/assess/{assessment.pk}/results/?track=content-operation").content.decode()
    assert "Content planning is essential and you are at 1 of 3." in page


def test_a_content_operator_aiming_at_promotion_spends_her_plan_on_channels_and_feed_ads_not_search(client):
    # Before the evidence rule, SEM and SEO were essential for promotion and took
    # most of such a plan's hours; in 2026 paid promotion runs mostly in feeds.
    _assessment, results = results_for(client, "content-operator-to-promotion")
    steps = results.recommendation.steps

    def hours(skills: set[str]) -> int:
        return sum(s.effort_hours for s in steps if s.skill.slug in skills)

    search = hours({"seo", "sem-bidding"})
    assert search * 2 < sum(s.effort_hours for s in steps)
    assert hours({"feed-ads", "channel-selection"}) > search


def test_a_feed_ads_buyer_is_not_held_back_by_sem(client):
    _assessment, results = results_for(client, "feed-ads-buyer")
    traffic = next(t for t in results.tracks if t.track.slug == "traffic-operation")
    assert traffic.band == "ready"
    assert not any(row.essential for row in traffic.rows if row.skill.slug == "sem-bidding")
