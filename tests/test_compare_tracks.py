"""Two tracks side by side: readiness, essential gaps, hours and the steps they share."""

from __future__ import annotations

import re

import pytest

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


def test_the_partner_is_the_one_asked_for_else_where_the_person_stands(client):
    _, results = _results(client)
    product = results.get("product-operation")
    assert partner(results, product, "user-operation").track.slug == "user-operation"
    assert partner(results, product, "no-such-track").track.slug == "seo-sem-operation"
    current = results.get("seo-sem-operation")
    assert partner(results, current, None) is results.recommendation  # never the track itself


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
        assert "SEO / SEM" in re.search(r"<thead>.*?</thead>", response.content.decode(), re.S).group(0)


def test_a_saved_report_compares_too_and_keeps_the_comparison_private_to_its_links(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/?track=product-operation&view=compare&with=content-operation")
    assert page.status_code == 200 and "Only for Content operation" in page.content.decode()
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    shared = client.get(f"/s/{report.share_token}/?view=compare").content.decode()
    assert "compare-table" in shared and report.token not in shared
