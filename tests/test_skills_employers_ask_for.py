"""The skills employers ask for in 2026 (issue 26): each is asked with five
behaviours, has steps that prove it, and is weighed where the postings put it;
the posts and routes practitioners name are there, each with its source; a shop
operator is asked about the shop's own ads, not about Baidu bidding."""

from __future__ import annotations

import pytest

from advisor.catalogue.models import Post, Question, Requirement, Route, Skill, Step
from tests.questionnaire_helpers import PROMOTER, fill

pytestmark = pytest.mark.usefixtures("seeded")
NEW_SKILLS = ["aigc-tools", "ecommerce-ads", "sql-bi", "private-domain", "product-selection"]


@pytest.mark.parametrize("slug", NEW_SKILLS)
def test_each_new_skill_has_a_question_steps_with_evidence_and_a_weight(slug):
    question = Question.objects.get(skill__slug=slug)
    assert [c.level for c in question.choices.all()] == [0, 1, 2, 3, 4]
    assert all(c.label_en and c.label_zh for c in question.choices.all())
    steps = Step.objects.filter(skill__slug=slug).order_by("reaches")
    assert [s.reaches for s in steps] == [1, 2, 3]
    assert all(s.evidence_en and s.evidence_zh and s.effort_hours > 0 for s in steps)
    weights = Requirement.objects.filter(skill__slug=slug)
    # No posting makes any of them essential; thin evidence keeps every weight at 3 or less.
    assert weights.exists() and not weights.filter(essential=True) and not weights.filter(importance__gt=3)
    assert all(r.source for r in weights)


def test_sql_is_tested_by_its_own_question_whose_middle_level_needs_sql():
    choices = list(Question.objects.get(slug="sql-bi-dashboards").choices.order_by("level"))
    assert "SQL" in choices[3].label_en and "SQL" in choices[3].label_zh
    assert Question.objects.filter(skill__slug="data-analysis").count() == 1


def test_a_shop_operator_is_asked_about_the_shops_ads_not_baidu_bidding():
    ads = Question.objects.get(skill__slug="ecommerce-ads")
    assert "直通车" in ads.text_zh and "百度" not in ads.text_zh
    # The shop postings' in-platform ads now count there, so SEM no longer weighs on a shop.
    assert not Requirement.objects.filter(track__slug="ecommerce-operation", skill__slug="sem-bidding")
    assert Requirement.objects.filter(track__slug="ecommerce-operation", skill__slug="ecommerce-ads")


def test_the_shop_only_questions_are_not_asked_of_someone_without_a_shop(client):
    assessment = fill(client, finish=False)
    asked = set(assessment.answers.values_list("question__skill__slug", flat=True))
    assert {"aigc-tools", "sql-bi", "private-domain"} <= asked
    assert not {"ecommerce-ads", "product-selection"} & asked
    seller = fill(client, {"context": PROMOTER["context"] | {"sells_online": "yes"}, "levels": {}}, finish=False)
    assert {"ecommerce-ads", "product-selection"} <= set(seller.answers.values_list("question__skill__slug", flat=True))


def test_customer_retention_is_shown_as_user_segmentation_and_lifecycle_under_its_old_slug(client):
    skill = Skill.objects.get(slug="customer-retention")
    assert (skill.name_en, skill.name_zh) == ("User segmentation and lifecycle", "用户分层与生命周期运营")
    assert "RFM" in Question.objects.get(skill=skill).help_zh
    segmenting = Step.objects.get(skill=skill, reaches=3)
    assert "分层" in segmenting.title_zh


def test_referral_mechanics_are_part_of_incentive_design_and_weigh_in_promotion():
    question = Question.objects.get(skill__slug="incentive-design")
    assert "裂变" in question.text_zh and "invite-a-friend" in question.text_en
    assert Requirement.objects.filter(track__slug="promotion", skill__slug="incentive-design").exists()


def test_the_posts_practitioners_hire_for_are_there_with_their_sources():
    titles = {p.slug: p.title_zh for p in Post.objects.select_related("source")}
    assert titles["ads-buyer"] == "投手/千川投手"
    assert titles["private-domain-operation"] == "私域运营"
    assert titles["growth-operation"] == "增长运营"
    assert titles["website-operation-manager"] == "内容运营经理"
    assert titles["taobao-shop-operation"] == "电商运营（天猫/抖店/拼多多）"
    assert all(p.source_id for p in Post.objects.all())


@pytest.mark.parametrize(
    ("slug", "to_track", "first_lead"),
    [
        ("promotion-to-traffic", "traffic-operation", "channel-selection"),
        ("shop-to-live-stream", "live-stream-operation", "live-streaming"),
        ("new-media-to-ads-buyer", "traffic-operation", "feed-ads"),
        ("activity-to-user", "user-operation", "customer-retention"),
    ],
)
def test_the_routes_practitioners_take_cite_a_source_and_lead_the_plan(slug, to_track, first_lead):
    route = Route.objects.select_related("to_track", "source").get(slug=slug)
    assert route.to_track.slug == to_track and route.source_id and route.advice_zh and route.evidence_zh
    assert route.leads.order_by("position").first().skill.slug == first_lead
