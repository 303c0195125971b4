"""The evidence set of real job postings (docs/market/postings.yaml), the report
that holds it against the skill mapping, and what the pages say from it."""

from __future__ import annotations

import copy
import io

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from advisor.catalogue import evidence, market
from advisor.catalogue.models import Requirement, Skill, Track

pytestmark = pytest.mark.usefixtures("seeded")
DATA = yaml.safe_load(market.EVIDENCE_PATH.read_text(encoding="utf-8"))


def posting(ident: str, track: str = "user-operation", *, salary=None, seniority="mid", needs=None) -> dict:
    needs = needs or [{"keyword": "数据分析", "skill": "data-analysis", "core": True}]
    return {
        "id": ident,
        "url": f"https://jobs.example.cn/{ident}",
        "seen": "2026-11-01",
        "title": "用户运营",
        "track": track,
        "post": None,
        "company_type": "product-led",
        "seniority": seniority,
        "city": "杭州",
        "salary": salary,
        "requirements": needs,
    }


def test_the_evidence_file_in_the_repo_is_sound():
    skills = Skill.objects.values_list("slug", flat=True)
    tracks = Track.objects.values_list("slug", flat=True)
    assert market.problems(DATA, skills, tracks, evidence.POSTS) == []
    assert len(DATA["postings"]) >= 50
    # Our own words, never posting text: a keyword fits in 12 Chinese or 30 Latin characters.
    keywords = [n["keyword"] for p in DATA["postings"] for n in p["requirements"]]
    assert all(market._keyword_fits(k) for k in keywords)


def test_the_report_on_the_repo_evidence_meets_the_bar():
    report = evidence.report()
    assert report.problems == []
    assert report.coverage >= 0.82
    assert report.unexplained == []
    # Every track and named post has five postings, or the file marks it thin.
    assert report.not_thin_enough == []
    for t in report.tracks:
        assert len(t.postings) >= market.ENOUGH_POSTINGS or t.track in report.evidence.thin


def test_market_report_prints_every_track_and_passes_its_check():
    out = io.StringIO()
    call_command("market_report", "--check", stdout=out)
    text = out.getvalue()
    for track in Track.objects.all():
        assert f"== {track.slug}:" in text
    assert "Overall: " in text and "core requirements are skills their track requires" in text


def test_market_report_check_fails_on_an_unexplained_disagreement(tmp_path):
    data = {"collected": "2026-12-01", "thin": [], "exceptions": [], "postings": []}
    # data analysis is core in all four postings; give the track a weak requirement for it.
    data["postings"] = [posting(f"p{i}", "content-operation") for i in range(4)]
    Requirement.objects.filter(track__slug="content-operation", skill__slug="data-analysis").update(
        importance=2, essential=False, source=""
    )
    path = tmp_path / "postings.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(Exception, match="content-operation × data-analysis: unexplained disagreement"):
        call_command("market_report", "--check", "--evidence", str(path), stdout=io.StringIO())


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p.update(url="jobs.example.cn/x"), "the address must start with http:// or https://"),
        (lambda p: p.update(seen="last week"), "'seen' must be YYYY-MM-DD or unknown"),
        (lambda p: p.update(track="astronaut"), "unknown track 'astronaut'"),
        (lambda p: p.update(company_type="startup"), "company_type must be one of"),
        (lambda p: p.update(salary={"min": 9000, "max": 6000}), "salary must be null"),
        (lambda p: p["requirements"][0].update(skill="juggling"), "unknown skill 'juggling'"),
        (
            lambda p: p["requirements"][0].update(keyword="负责公司新媒体矩阵账号的日常运营与维护"),
            "longer than 12 Chinese",
        ),
        (lambda p: p["requirements"][0].update(core="yes"), "'core' must be true or false"),
        (lambda p: p.pop("title"), "missing 'title'"),
    ],
)
def test_a_broken_posting_is_named_with_what_is_wrong(mutate, message):
    data = {"postings": [posting("fine"), posting("broken")]}
    mutate(data["postings"][1])
    found = market.problems(data, Skill.objects.values_list("slug", flat=True), ["user-operation"], [])
    assert len(found) == 1 and found[0].startswith("posting broken") and message in found[0]


def test_the_same_listing_twice_is_refused():
    data = {"postings": [posting("a"), dict(posting("b"), url="https://jobs.example.cn/a")]}
    assert market.problems(data, ["data-analysis"], ["user-operation"], []) == [
        "posting b: the same listing appears twice"
    ]


def required(**skills) -> market.Required:
    return {skill.replace("_", "-"): value for skill, value in skills.items()}


def test_a_skill_core_in_half_the_postings_and_three_is_a_disagreement_unless_its_weight_is_explained():
    ev = market.parse({"postings": [posting(f"p{i}") for i in range(5)]})
    weak = market.track_evidence(ev, "user-operation", required(data_analysis=(3, 2, False, "")))
    assert [(d.skill, d.kind, d.postings, d.of) for d in weak.unexplained] == [
        ("data-analysis", "under-weighted", 5, 5)
    ]
    noted = market.track_evidence(ev, "user-operation", required(data_analysis=(3, 2, False, "kept: see README")))
    assert noted.unexplained == [] and noted.disagreements[0].explanation == "kept: see README"
    strong = market.track_evidence(ev, "user-operation", required(data_analysis=(4, 3, False, "")))
    assert strong.disagreements == ()


def test_two_postings_are_not_enough_to_disagree():
    ev = market.parse({"postings": [posting(f"p{i}") for i in range(2)]})
    assert market.track_evidence(ev, "user-operation", required(data_analysis=(2, 2, False, ""))).disagreements == ()


def test_an_essential_skill_no_posting_mentions_is_a_disagreement_until_an_exception_explains_it():
    postings = [posting(f"p{i}") for i in range(3)]
    reqs = required(data_analysis=(4, 3, True, ""), prototyping=(5, 3, True, ""))
    plain = market.track_evidence(market.parse({"postings": postings}), "user-operation", reqs)
    assert [(d.skill, d.kind) for d in plain.unexplained] == [("prototyping", "unasked")]
    exception = [{"track": "user-operation", "skill": "prototyping", "reason": "the articles"}]
    explained = market.track_evidence(
        market.parse({"postings": postings, "exceptions": exception}), "user-operation", reqs
    )
    assert explained.unexplained == []


def test_coverage_counts_core_requirements_the_track_requires_unmapped_ones_included():
    needs = [
        {"keyword": "数据分析", "skill": "data-analysis", "core": True},
        {"keyword": "日语N1", "skill": None, "core": True},
        {"keyword": "竞品分析", "skill": "competitor-analysis", "core": True},
        {"keyword": "会做PPT", "skill": None, "core": False},
    ]
    ev = market.parse({"postings": [posting("p", needs=needs)]})
    found = market.track_evidence(ev, "user-operation", required(data_analysis=(4, 3, False, "")))
    assert (found.covered, found.core, found.coverage) == (1, 3, 1 / 3)
    assert dict(found.unmapped) == {"日语N1": 1, "会做PPT": 1}


def test_pay_needs_three_figures_and_is_their_median():
    with_pay = [
        posting("a", salary={"min": 6000, "max": 9000}, seniority="entry"),
        posting("b", salary={"min": 8000, "max": 12000}, seniority="entry"),
        posting("c", salary={"min": 7000, "max": 15000}, seniority="mid"),
    ]
    found = market.track_evidence(market.parse({"postings": with_pay}), "user-operation", {})
    assert [(p.seniority, p.low, p.high, len(p.postings)) for p in found.pay] == [("", 7000, 12000, 3)]
    assert found.pay_for("entry").seniority == ""  # two entry figures: the whole track's range instead
    thin = market.track_evidence(market.parse({"postings": with_pay[:2]}), "user-operation", {})
    assert thin.pay == () and thin.pay_count == 2


def test_cities_fall_into_tiers():
    assert [market.city_tier(c) for c in ("上海", "杭州", "潍坊", None)] == ["tier-1", "new-tier-1", "other", "unknown"]


def test_editors_read_the_market_page(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:catalogue_market"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Coverage:" in page and "Short-video operation" in page and "thin evidence" in page


def test_staff_outside_the_editor_group_may_not_read_the_market_page(staff_client):
    assert staff_client.get(reverse("admin:catalogue_market")).status_code == 403


def test_the_results_say_what_the_postings_show_and_that_thin_evidence_is_thin(client):
    from tests.questionnaire_helpers import fill

    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track=content-operation").content.decode()
    assert "What real job postings show" in page
    assert "The evidence is thin" in page  # one representative content-operation posting
    assert "Pay: too little data" in page
    product = client.get(f"/assess/{assessment.pk}/results/?track=product-operation").content.decode()
    assert "None of them asks for" in product and "Prototyping" in product[product.index("None of them asks for") :]


def test_a_pay_range_is_shown_with_its_tiers_when_three_postings_give_one(client, tmp_path, monkeypatch):
    from tests.questionnaire_helpers import fill

    data = copy.deepcopy(DATA)
    data["postings"] += [
        posting(f"paid-{i}", "activity-operation", salary={"min": 6000 + 1000 * i, "max": 9000 + 1000 * i})
        for i in range(3)
    ]
    path = tmp_path / "postings.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(market, "EVIDENCE_PATH", path)
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track=activity-operation").content.decode()
    assert "7000–10000 yuan a month (the middle of 3 postings' figures)" in page and "new tier-1 cities" in page
