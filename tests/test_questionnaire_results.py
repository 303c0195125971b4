from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from advisor.catalogue.models import Track
from tests.questionnaire_helpers import PROMOTER, fill

pytestmark = pytest.mark.usefixtures("seeded")


def track_order(page: str) -> list[str]:
    return re.findall(r'class="track-row[^"]*" href="[^"?]*\?track=([\w-]+)"', page)


BAND_CLASS = {"ready": 0, "reach": 1, "long": 2}


def listed(page: str) -> list[tuple[str, int, int]]:
    """(track, band order, percent) for each row of the track list, top to bottom."""
    rows = page[page.index('<div class="track-list"') :].split("<li>")[1:]
    out = []
    for row in rows:
        slug = re.search(r"\?track=([\w-]+)", row).group(1)
        band = re.search(r'class="badge band band-(\w+)"', row).group(1)
        out.append((slug, BAND_CLASS[band], int(re.search(r'<span class="percent">(\d+)%</span>', row).group(1))))
    return out


def test_results_rank_every_track_by_verdict_then_match(client, django_assert_max_num_queries):
    assessment = fill(client)
    with django_assert_max_num_queries(20):
        response = client.get(f"/assess/{assessment.pk}/results/")
    page = response.content.decode()
    rows = listed(page)
    assert len(rows) == Track.objects.count() == 11
    assert [(band, -percent) for _slug, band, percent in rows] == sorted((b, -p) for _s, b, p in rows)
    assert "Your best move" in page


def test_a_promotion_specialist_is_pointed_to_content_before_product_operation(client):
    assessment = fill(client)
    order = track_order(client.get(f"/assess/{assessment.pk}/results/").content.decode())
    assert order.index("content-operation") < order.index("product-operation")


def test_product_operation_steps_teach_prototypes_mind_maps_and_product_documents(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track=product-operation").content.decode()
    steps = page[page.index("Your steps, in order") :]
    for skill in ("Prototyping", "Mind mapping", "Product documents"):
        assert skill in steps, skill
    assert re.search(r"\d+ h</span>", steps)
    assert "At 5 hours a week, that is about" in steps


def test_each_track_has_a_band_and_a_reason(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    track_list = page[page.index('<div class="track-list"') :]
    track_list = track_list[: track_list.index('class="band-legend')]  # the legend below the list has its own badges
    assert track_list.count('class="badge band band-') == Track.objects.count()
    assert "carry this score" in track_list


def test_the_current_role_and_company_type_shape_the_page(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    track_list = page[page.index('<div class="track-list"') :]
    assert track_list.count("Where you stand") == 1
    row = track_list[track_list.index('results/?track=seo-sem-operation"') :]
    assert "Where you stand" in row[: row.index("</a>")]
    # An SEO/SEM specialist moving to an operation track, in a product-led company: with the grain.
    assert "Your company is product-led, where operation tends to be valued" in page
    assert "this move goes with it" in page
    # The selected (recommended) track's own advice for a product-led company is shown too.
    selected = Track.objects.get(
        slug=re.search(r'class="track-row active" href="[^"?]*\?track=([\w-]+)"', page).group(1)
    )
    assert escape(selected.advice_product_led_en) in page
    product = client.get(f"/assess/{assessment.pk}/results/?track=product-operation").content.decode()
    assert "this move goes with it" in product  # an operation track, in a product-led company


def test_the_selected_track_has_a_chart_with_a_text_equivalent_and_a_gap_table(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track=product-operation").content.decode()
    assert "<svg viewBox=" in page and 'role="img"' in page and '<title id="chart-title">' in page
    gaps = page[page.index("Skill gaps") :]
    assert "Prototyping" in gaps and "essential" in gaps
    assert "Essential skills far below target:" in page


def test_tabs_swap_only_the_results_body_with_htmx(client):
    assessment = fill(client)
    response = client.get(
        f"/assess/{assessment.pk}/results/?track=user-operation",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results-body",
    )
    page = response.content.decode()
    assert "<html" not in page and 'id="results-body"' in page
    assert re.search(r'class="track-row active" href="[^"?]*\?track=user-operation"', page)


def test_explain_lists_what_raised_and_lowered_the_score(client, django_assert_max_num_queries):
    assessment = fill(client)
    with django_assert_max_num_queries(20):
        page = client.get(f"/assess/{assessment.pk}/results/?track=content-operation&view=explain").content.decode()
    raised = page[page.index("What raised it") : page.index("What lowered it")]
    lowered = page[page.index("What lowered it") :]
    assert "Copywriting" in raised and "+" in raised
    assert "Content planning" in lowered and "−" in lowered


def test_an_unknown_track_falls_back_to_the_top_one(client):
    assessment = fill(client)
    response = client.get(f"/assess/{assessment.pk}/results/?track=../../etc")
    assert response.status_code == 200 and 'class="track-row active"' in response.content.decode()


def test_results_of_an_unfinished_assessment_send_you_back_to_the_questions(client):
    assessment = fill(client, finish=False)
    response = client.get(f"/assess/{assessment.pk}/results/")
    assert response.status_code == 302 and response["Location"].endswith("/review/")


def test_results_read_in_chinese(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "内容运营" in page and "你的结果" in page


def test_someone_ready_everywhere_sees_no_steps(client):
    from advisor.catalogue.models import Skill

    person = {
        "context": PROMOTER["context"] | {"sells_online": "yes"},
        "levels": {s: 4 for s in Skill.objects.values_list("slug", flat=True)},
    }
    assessment = fill(client, person)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    assert "100%" in page and "Nothing to learn for this track" in page


def test_the_headline_is_a_move_never_the_current_job_and_says_where_you_stand(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    header = page[page.index('results-header">') : page.index("</header>")]
    # An SEO/SEM specialist: neither SEO/SEM nor promotion (the same job) is offered as the move.
    move = re.search(r"<h1[^>]*>\s*([^<]+?)\s*<span", header).group(1)
    assert move not in ("SEO / SEM", "Promotion")
    assert "Where you stand:" in header and "SEO / SEM" in header


def test_skills_a_skip_rule_left_out_are_not_asked_and_can_be_answered_afterwards(client):
    from advisor.questionnaire.models import Assessment
    from tests.questionnaire_helpers import section_data

    assessment = fill(client)  # no online shop: the shop questions are left out
    page = client.get(f"/assess/{assessment.pk}/results/?track=ecommerce-operation").content.decode()
    assert "Not asked:" in page and "Shop management" in page
    assert "They are left out of the match, not counted as zero." in page
    response = client.post(f"/assess/{assessment.pk}/edit/", {"include": "skipped"})
    copy = Assessment.objects.exclude(pk=assessment.pk).get()
    assert copy.ask_everything and response["Location"] == f"/assess/{copy.pk}/ecommerce/"
    client.post(response["Location"], section_data(copy, "ecommerce", {"shop-management": 3, "warehousing": 2}))
    assert client.post(f"/assess/{copy.pk}/finish/").status_code == 302
    page = client.get(f"/assess/{copy.pk}/results/?track=ecommerce-operation").content.decode()
    assert "Not asked:" not in page


def test_an_ecommerce_role_asks_the_shop_questions_without_selling_online(client):
    person = {"context": PROMOTER["context"] | {"current_role": "ecommerce-operation"}, "levels": {}}
    assessment = fill(client, person)
    page = client.get(f"/assess/{assessment.pk}/results/?track=ecommerce-operation").content.decode()
    assert "Not asked:" not in page
    assert assessment.answers.filter(question__skill__slug="shop-management").exists()
