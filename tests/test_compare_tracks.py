"""Two tracks side by side: readiness, essential gaps, hours and the steps they share."""

from __future__ import annotations

import re

import pytest

from advisor import scoring
from advisor.questionnaire import snapshot
from advisor.questionnaire.compare import compare, partner
from advisor.questionnaire.compute import results_of
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")


def _results(client):
    assessment = fill(client)
    return assessment, snapshot.restore(results_of(assessment))


def test_shared_steps_are_in_both_plans_and_the_rest_belong_to_one(client):
    _, results = _results(client)
    a, b = results.get("product-operation"), results.get("user-operation")
    cmp = compare(a, b)
    in_a, in_b = {s.slug for s in a.steps}, {s.slug for s in b.steps}
    assert {s.slug for s in cmp.shared} == in_a & in_b and cmp.shared
    assert {s.slug for s in cmp.a.only} == in_a - in_b and {s.slug for s in cmp.b.only} == in_b - in_a
    assert cmp.shared_hours + cmp.a.only_hours == a.total_hours
    assert all(r.essential for r in cmp.a.essential)


def test_the_partner_is_the_one_asked_for_else_the_nearest_alternative(client):
    _, results = _results(client)
    product = results.get("product-operation")
    assert partner(results, product, "user-operation").track.slug == "user-operation"
    # Unknown, or the track itself: the nearest alternative instead.
    assert partner(results, product, "no-such-track") is results.nearest(product)
    assert partner(results, product, "product-operation") is results.nearest(product)
    assert partner(results, product, None).track.slug == "user-operation"


def test_the_compare_tab_sets_the_chosen_track_beside_the_selected_one(client):
    assessment, results = _results(client)
    url = f"/assess/{assessment.pk}/results/?track=product-operation&view=compare&with=user-operation"
    page = client.get(url).content.decode()
    head = re.search(r'<table class="table table-sm compare-table.*?</thead>', page, re.S).group(0)
    assert head.index("Product operation") < head.index("User operation")
    shared = compare(results.get("product-operation"), results.get("user-operation")).shared
    assert f"{len(shared)} steps serve both moves" in page or f"{len(shared)} step serves both moves" in page
    assert '<option value="user-operation" selected>' in page
    assert '<option value="product-operation"' not in page  # a track is not compared with itself


def test_compare_without_a_choice_and_with_a_tampered_one_still_shows_a_comparison(client):
    assessment, _ = _results(client)
    for query in ("", "&with=%3Cscript%3E", "&with=" + "x" * 500):
        response = client.get(f"/assess/{assessment.pk}/results/?track=product-operation&view=compare{query}")
        assert response.status_code == 200
        # The nearest alternative to product operation in the seed catalogue: user operation.
        assert "User operation" in re.search(r"<thead>.*?</thead>", response.content.decode(), re.S).group(0)


def test_a_saved_report_compares_too_and_keeps_the_comparison_private_to_its_links(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/?track=product-operation&view=compare&with=content-operation")
    assert page.status_code == 200 and "Only for Content operation" in page.content.decode()
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    shared = client.get(f"/s/{report.share_token}/?view=compare").content.decode()
    assert "compare-table" in shared and report.token not in shared


# --- the nearest alternative (docs/advice.md) ---------------------------------------


def req(skill: str, importance: int, target: int) -> scoring.Requirement:
    return scoring.Requirement(skill, importance, target)


def test_overlap_is_the_shared_weight_over_the_combined_weight():
    a = [req("seo", 5, 3), req("copy", 2, 2)]  # weights 15 and 4
    b = [req("seo", 4, 3), req("events", 3, 2)]  # weights 12 and 6
    # min: seo 12; max: seo 15 + copy 4 + events 6 = 25.
    assert scoring.overlap(a, b) == pytest.approx(12 / 25)
    assert scoring.overlap(a, b) == scoring.overlap(b, a)
    assert (
        scoring.overlap(a, a) == 1.0 and scoring.overlap(a, [req("x", 3, 3)]) == 0.0 and scoring.overlap([], []) == 0.0
    )


def test_nearest_takes_the_largest_overlap_then_readiness_then_the_ranking():
    needs = {
        "sel": [req("a", 5, 3), req("b", 3, 2)],
        "close": [req("a", 5, 3)],  # overlap 15/21
        "twin1": [req("b", 3, 2)],  # overlap 6/21
        "twin2": [req("b", 3, 2)],
        "far": [req("z", 5, 4)],
    }
    ranked = ["far", "twin2", "twin1", "close", "sel"]
    ready = {"close": 10.0, "twin1": 80.0, "twin2": 50.0, "far": 99.0}
    assert scoring.nearest("sel", needs, ranked, ready) == "close"
    # Without it, two tracks tie on overlap: the higher readiness wins over the ranking.
    assert scoring.nearest("sel", needs, ranked, ready, exclude=["close"]) == "twin1"
    # Equal readiness too: the one ranked first.
    assert scoring.nearest("sel", needs, ranked, ready | {"twin1": 50.0}, exclude=["close"]) == "twin2"
    assert scoring.nearest("sel", {"sel": needs["sel"]}, ["sel"], {}) is None


def test_the_nearest_alternative_is_never_the_current_role_while_another_track_is_left(client):
    _, results = _results(client)
    traffic = results.get("traffic-operation")
    # SEO/SEM (where the promoter stands) overlaps traffic operation most, yet the move beside it is promotion.
    assert results.current_track == "seo-sem-operation"
    assert results.nearest(traffic).track.slug == "promotion"
    assert results.nearest(results.get("seo-sem-operation")).track.slug == "traffic-operation"


@pytest.mark.parametrize(
    ("track", "nearest"), [("product-operation", "user-operation"), ("traffic-operation", "promotion")]
)
def test_the_compare_tab_opens_on_the_nearest_alternative(client, track, nearest):
    assessment, _ = _results(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track={track}&view=compare").content.decode()
    assert f'<option value="{nearest}" selected>' in page
    head = re.search(r"<thead>.*?</thead>", page, re.S).group(0)
    assert "SEO / SEM" not in head
    assert "asks for the skills most like those of" in page
    chosen = client.get(f"/assess/{assessment.pk}/results/?track={track}&view=compare&with=content-operation")
    assert "asks for the skills most like those of" not in chosen.content.decode()


def test_a_saved_reports_compare_tab_opens_on_the_nearest_alternative_too(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/?track=product-operation&view=compare").content.decode()
    assert '<option value="user-operation" selected>' in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/r/{report.token}/?track=product-operation&view=compare").content.decode()
    assert "除你目前的岗位外，用户运营要求的技能和产品运营最接近。" in page
