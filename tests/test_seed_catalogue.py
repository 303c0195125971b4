"""The seed catalogue is complete and carries what the two source articles say."""

from __future__ import annotations

from collections import Counter

import pytest

from advisor import scoring
from advisor.catalogue.models import Question, Requirement, Skill, Step, Track

pytestmark = pytest.mark.usefixtures("seeded")


def required(track: str, *, essential: bool | None = None) -> set[str]:
    qs = Requirement.objects.filter(track__slug=track)
    if essential is not None:
        qs = qs.filter(essential=essential)
    return set(qs.values_list("skill__slug", flat=True))


def test_it_has_the_tracks_the_articles_name():
    slugs = set(Track.objects.values_list("slug", flat=True))
    assert {
        "promotion",
        "content-operation",
        "user-operation",
        "activity-operation",
        "product-operation",
        "new-media-operation",
        "traffic-operation",
        "ecommerce-operation",
        "seo-sem-operation",
    } <= slugs


def test_every_track_requires_at_least_six_skills_and_one_essential():
    counts = Counter(Requirement.objects.values_list("track__slug", flat=True))
    assert min(counts[t.slug] for t in Track.objects.all()) >= 6
    for track in Track.objects.all():
        assert required(track.slug, essential=True), track.slug


def test_every_skill_is_measured_and_has_a_step_with_effort():
    assert Skill.objects.count() >= 25
    for skill in Skill.objects.prefetch_related("questions__choices", "steps"):
        questions = list(skill.questions.all())
        assert questions, skill.slug
        assert all([c.level for c in q.choices.all()] == [0, 1, 2, 3, 4] for q in questions)
        assert skill.steps.all() and all(s.effort_hours > 0 for s in skill.steps.all())


def test_every_text_is_in_english_and_chinese():
    for model, fields in [
        (Track, ["name", "focus", "description"]),
        (Skill, ["name"]),
        (Question, ["text"]),
        (Step, ["title", "practice"]),
    ]:
        for obj in model.objects.all():
            for f in fields:
                assert getattr(obj, f"{f}_en") and getattr(obj, f"{f}_zh"), (obj, f)


def test_promotion_brings_traffic_in_and_operation_converts_and_keeps():
    promotion = Track.objects.get(slug="promotion")
    assert promotion.kind == "promotion" and "in" in promotion.focus_en and "引进来" in promotion.focus_zh
    operation_text = " ".join(Track.objects.filter(kind="operation").values_list("focus_en", flat=True)).lower()
    assert "convert" in operation_text or "buy" in operation_text
    assert "keep" in operation_text or "retain" in operation_text or "come back" in operation_text


def test_product_operation_needs_prototypes_mind_maps_and_product_documents():
    assert {"prototyping", "mind-mapping", "product-documents"} <= required("product-operation", essential=True)


def test_user_operation_needs_the_product_users_and_community_work():
    assert {"product-understanding", "user-research", "community-management"} <= required("user-operation")
    community = Skill.objects.get(slug="community-management")
    assert "red envelope" in community.description_en and "红包" in community.description_zh


def test_content_operation_builds_on_sem_copywriting():
    assert "copywriting" in required("content-operation", essential=True)
    assert Step.objects.filter(skill__slug="copywriting", title_en__contains="SEM").exists()


def test_ecommerce_operation_rests_on_visuals_service_and_warehousing():
    assert {"visual-design", "customer-service", "warehousing"} <= required("ecommerce-operation")


def test_the_way_back_to_promotion_is_a_personal_brand():
    assert "personal-brand" in required("promotion")


def test_a_promotion_specialist_is_closer_to_content_than_to_product_operation():
    levels = {"sem-bidding": 3, "seo": 3, "channel-selection": 3, "copywriting": 3}

    def score(slug):
        reqs = [
            scoring.Requirement(r.skill.slug, r.importance, r.target, r.essential)
            for r in Requirement.objects.filter(track__slug=slug).select_related("skill")
        ]
        return scoring.readiness(reqs, levels)

    assert score("content-operation") > score("product-operation") + 20
