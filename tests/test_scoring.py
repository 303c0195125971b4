from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor import scoring
from advisor.scoring import Requirement, Step
from tests import strategies

CONTENT = [
    Requirement("copywriting", importance=5, target=3, essential=True),
    Requirement("content-planning", importance=4, target=3, essential=True),
    Requirement("data-analysis", importance=2, target=2),
]


def test_readiness_matches_a_hand_worked_case():
    # copywriting 3/3 → 5·1, planning 1/3 → 4·⅓, data 1/2 → 2·½; (5 + 4/3 + 1) / 11
    levels = {"copywriting": 3, "content-planning": 1, "data-analysis": 1}
    assert scoring.readiness(CONTENT, levels) == pytest.approx(100 * (5 + 4 / 3 + 1) / 11)
    assert round(scoring.readiness(CONTENT, levels), 1) == 66.7


def test_levels_above_target_earn_no_extra_credit():
    assert scoring.readiness(CONTENT, {"copywriting": 4, "content-planning": 4, "data-analysis": 4}) == 100
    assert scoring.readiness(CONTENT, {"copywriting": 4}) == pytest.approx(100 * 5 / 11)


def test_unanswered_skills_count_as_level_zero():
    assert scoring.readiness(CONTENT, {}) == 0


def test_a_skill_not_asked_is_left_out_of_readiness_not_counted_as_zero():
    # planning not asked: (5·1 + 2·½) / (5 + 2)
    levels = {"copywriting": 3, "data-analysis": 1}
    assert scoring.readiness(CONTENT, levels, not_asked={"content-planning"}) == pytest.approx(100 * 6 / 7)
    assert [g.skill for g in scoring.gaps(CONTENT, levels, {"content-planning"})] == ["data-analysis"]


def test_a_track_without_requirements_scores_zero():
    assert scoring.readiness([], {"copywriting": 4}) == 0


MET = {"copywriting": 3, "content-planning": 3}


@pytest.mark.parametrize(
    ("score", "levels", "hours", "not_asked", "band"),
    [
        (100, MET, 0, (), "ready"),
        (70, MET, 0, (), "ready"),
        (69.9, MET, 0, (), "within_reach"),  # essentials met, the rest not yet
        (95, {"copywriting": 3, "content-planning": 2}, 20, (), "within_reach"),  # one essential a level short
        (95, {"copywriting": 2, "content-planning": 2}, 80, (), "within_reach"),
        (95, {"copywriting": 2, "content-planning": 2}, 81, (), "long_road"),  # too many hours
        (95, {"copywriting": 3, "content-planning": 1}, 20, (), "long_road"),  # two levels short
        (40, {"copywriting": 3, "content-planning": 2}, 20, (), "within_reach"),
        (39.9, {"copywriting": 3, "content-planning": 2}, 20, (), "long_road"),
        (100, {"copywriting": 3}, 0, ("content-planning",), "within_reach"),  # never ready while not asked
        (0, {}, 0, (), "long_road"),
    ],
)
def test_bands_weigh_essential_gaps_shortfall_and_hours(score, levels, hours, not_asked, band):
    assert scoring.band(score, CONTENT, levels, hours, not_asked) == band


def test_gaps_are_weighted_by_importance_and_sorted_largest_first():
    levels = {"copywriting": 2, "content-planning": 0, "data-analysis": 1}
    found = scoring.gaps(CONTENT, levels)
    assert [(g.skill, g.size) for g in found] == [("content-planning", 12), ("copywriting", 5), ("data-analysis", 2)]


def test_an_essential_skill_far_below_target_is_critical_even_when_the_average_is_good():
    reqs = [Requirement("a", 5, 2), Requirement("b", 5, 2), Requirement("c", 5, 2), Requirement("e", 1, 3, True)]
    result = scoring.assess("t", reqs, {"a": 2, "b": 2, "c": 2, "e": 1}, [])
    assert result.readiness > 90 and result.band == "long_road"
    assert [g.skill for g in result.critical] == ["e"]


def test_contributions_explain_every_point_of_the_score():
    levels = {"copywriting": 3, "content-planning": 1, "data-analysis": 0}
    rows = scoring.contributions(CONTENT, levels)
    assert [r.skill for r in rows] == ["copywriting", "content-planning", "data-analysis"]
    assert rows[0].earned == pytest.approx(100 * 5 / 11) and rows[0].missing == 0
    assert rows[1].earned == pytest.approx(100 * 4 / 33) and rows[1].missing == pytest.approx(100 * 8 / 33)
    assert sum(r.earned for r in rows) == pytest.approx(scoring.readiness(CONTENT, levels))
    assert sum(r.earned + r.missing for r in rows) == pytest.approx(100)


PRODUCT = [
    Requirement("prototyping", 5, 3, True),
    Requirement("product-documents", 5, 3, True),
    Requirement("mind-mapping", 3, 2, True),
]
STEPS = [
    Step("proto-basics", "prototyping", 2, 6),
    Step("proto-clickable", "prototyping", 3, 12, ("proto-basics",)),
    Step("proto-lead", "prototyping", 4, 30, ("proto-clickable",)),
    Step("mindmap-first", "mind-mapping", 2, 3),
    Step("prd-first", "product-documents", 2, 8, ("proto-clickable", "mindmap-first")),
    Step("prd-review", "product-documents", 3, 10, ("prd-first",)),
]


def test_steps_come_in_gap_order_with_prerequisites_first():
    levels = {"prototyping": 1, "product-documents": 0, "mind-mapping": 0}
    found = scoring.gaps(PRODUCT, levels)
    # gaps: product-documents 15, prototyping 10, mind-mapping 6
    ordered = [s.slug for s in scoring.plan(scoring.plan_order(found), STEPS, levels)]
    assert ordered == ["proto-basics", "proto-clickable", "mindmap-first", "prd-first", "prd-review"]


MIXED = [
    Requirement("seo", 5, 3, True),
    Requirement("copy", 2, 2),
    Requirement("brand", 1, 2),
    Requirement("sem", 4, 3, True),
]


def test_a_plan_leads_with_the_route_then_essential_then_optional_skills():
    levels = {"seo": 1, "copy": 0, "brand": 0, "sem": 2}
    found = scoring.gaps(MIXED, levels)
    leads = scoring.lead_gaps(MIXED, [scoring.Lead("brand")], levels)
    # brand is a small optional gap (1), but the route starts with it; then seo 10 and sem 4, then copy 4.
    assert [g.skill for g in scoring.plan_order(found, leads)] == ["brand", "seo", "sem", "copy"]


def test_a_lead_skill_the_track_does_not_require_enters_the_plan_outside_the_score():
    levels = {"seo": 3, "sem": 3, "copy": 2, "brand": 2}
    steps = [Step("ip-1", "ip", 1, 2), Step("ip-2", "ip", 2, 16, ("ip-1",)), Step("ip-3", "ip", 3, 30, ("ip-2",))]
    result = scoring.assess("t", MIXED, levels, steps, leads=[scoring.Lead("ip", target=2, importance=3)])
    assert result.readiness == 100 and result.band == "ready"
    assert [s.slug for s in result.steps] == ["ip-1", "ip-2"]
    assert result.gaps == ()  # the score's gaps: the route's extra skill is not one of them


def test_a_lead_skill_already_at_the_routes_target_adds_nothing():
    levels = {"seo": 3, "sem": 3, "copy": 2, "brand": 2}
    leads = [scoring.Lead("brand", target=2)]
    assert scoring.assess("t", MIXED, levels, [Step("b", "brand", 3, 5)], leads=leads).steps == ()


def test_a_lead_goes_to_the_routes_target_when_the_track_asks_less_and_the_score_does_not_move():
    # The track wants brand at 2 and has it; the route leads with brand at 3.
    levels = {"seo": 3, "sem": 3, "copy": 2, "brand": 2}
    leads = [scoring.Lead("brand", target=3)]
    result = scoring.assess("t", MIXED, levels, [Step("b", "brand", 3, 5), Step("b4", "brand", 4, 9)], leads=leads)
    assert [s.slug for s in result.steps] == ["b"]
    assert result.readiness == 100 and result.band == "ready" and result.gaps == ()


def test_steps_beyond_the_target_or_below_the_level_are_left_out():
    levels = {"prototyping": 2, "product-documents": 3, "mind-mapping": 2}
    found = scoring.gaps(PRODUCT, levels)
    assert [s.slug for s in scoring.plan(found, STEPS, levels)] == ["proto-clickable"]


def test_within_reach_counts_only_the_hours_of_the_essential_gaps():
    levels = {"prototyping": 2, "product-documents": 2, "mind-mapping": 2}
    result = scoring.assess("p", PRODUCT + [Requirement("extra", 1, 3)], levels, STEPS + [Step("x", "extra", 3, 500)])
    assert result.essential_hours == 12 + 10 and result.total_hours == 12 + 10 + 500
    assert result.band == "within_reach"


def test_a_gap_with_no_step_in_its_window_still_gets_the_nearest_step():
    reqs = [Requirement("prototyping", 3, 1)]
    plan = scoring.plan(scoring.gaps(reqs, {}), STEPS, {})
    assert [s.slug for s in plan] == ["proto-basics"]


def test_a_prerequisite_cycle_is_reported_not_looped_on():
    cyclic = [Step("x", "a", 1, 1, ("y",)), Step("y", "a", 1, 1, ("x",))]
    with pytest.raises(ValueError, match="cycle"):
        scoring.plan(scoring.gaps([Requirement("a", 1, 1)], {}), cyclic, {})


def test_weeks_round_up_from_hours_per_week():
    levels = {"prototyping": 1, "product-documents": 0, "mind-mapping": 0}
    result = scoring.assess("product-operation", PRODUCT, levels, STEPS, hours_per_week=5)
    assert result.total_hours == 6 + 12 + 3 + 8 + 10
    assert result.weeks == 8  # 39 h at 5 h a week
    assert scoring.weeks(39, None) is None
    assert scoring.weeks(0, 5) == 0


def test_rank_goes_by_band_then_readiness_then_essential_gaps_then_hours_then_name():
    one = [Requirement("s", 1, 2, True)]
    two = [Requirement("s", 1, 2, True), Requirement("t", 1, 2, True)]
    steps = [Step("s1", "s", 1, 3), Step("s2", "s", 2, 4), Step("t1", "t", 1, 5), Step("t2", "t", 2, 6)]
    ready = scoring.assess("ready", one, {"s": 2}, steps)
    fewer_gaps = scoring.assess("fewer-gaps", one, {"s": 0}, steps)  # 0 %, one essential gap
    more_gaps = scoring.assess("more-gaps", two, {}, steps)  # 0 %, two essential gaps
    zed = scoring.assess("zed", one, {"s": 0}, steps)  # ties with fewer-gaps: the name decides
    names = {"ready": "R", "fewer-gaps": "Alpha", "more-gaps": "Beta", "zed": "Zed"}
    order = [r.track for r in scoring.rank([zed, more_gaps, fewer_gaps, ready], names)]
    assert order == ["ready", "fewer-gaps", "zed", "more-gaps"]


KINDS = {"promotion": "promotion", "seo-sem": "promotion", "content": "operation", "traffic": "operation"}
ESSENTIALS = {
    "promotion": {"sem", "channels", "seo"},
    "seo-sem": {"seo", "sem", "data"},
    "content": {"copy", "planning"},
    "traffic": {"channels", "data", "sem", "feed"},
}


def test_the_same_job_is_a_track_of_the_same_kind_sharing_two_thirds_of_the_essentials():
    assert scoring.same_job("seo-sem", "promotion", KINDS, ESSENTIALS)  # seo, sem: 2 of 3
    assert not scoring.same_job("traffic", "promotion", KINDS, ESSENTIALS)  # another kind: a real move
    assert not scoring.same_job("content", "traffic", KINDS, ESSENTIALS)


def test_the_recommendation_is_the_goal_or_else_the_best_move_that_is_not_the_current_job():
    ranked = [scoring.assess(t, [], {}, []) for t in ("promotion", "seo-sem", "traffic", "content")]
    common = {"kinds": KINDS, "essentials": ESSENTIALS}
    assert scoring.recommend(ranked, goal=None, current="promotion", **common) == "traffic"
    assert scoring.recommend(ranked, goal="content", current="promotion", **common) == "content"
    assert scoring.recommend(ranked, goal=None, current=None, **common) == "promotion"


# Properties --------------------------------------------------------------------------------------

SKILLS = ["s0", "s1", "s2", "s3", "s4", "s5"]
requirements_st = strategies.requirements(SKILLS)
levels_st = strategies.levels(SKILLS)


@given(requirements_st, levels_st)
def test_readiness_stays_within_0_and_100(reqs, levels):
    assert 0 <= scoring.readiness(reqs, levels) <= 100


@given(requirements_st, levels_st, st.sampled_from(SKILLS))
def test_raising_a_level_never_lowers_readiness(reqs, levels, skill):
    raised = dict(levels, **{skill: min(levels.get(skill, 0) + 1, 4)})
    assert scoring.readiness(reqs, raised) >= scoring.readiness(reqs, levels)


@given(requirements_st, st.integers(0, 2))
def test_all_targets_met_gives_100(reqs, extra):
    levels = {r.skill: min(r.target + extra, 4) for r in reqs}
    assert scoring.readiness(reqs, levels) == pytest.approx(100)
    assert scoring.gaps(reqs, levels) == []


@given(requirements_st)
def test_all_levels_zero_gives_0(reqs):
    assert scoring.readiness(reqs, {r.skill: 0 for r in reqs}) == 0


@given(requirements_st, levels_st)
def test_every_planned_step_comes_after_its_unmet_prerequisites(reqs, levels):
    steps = [Step(f"{s}-{n}", s, n, 2, (f"{s}-{n - 1}",) if n > 1 else ()) for s in SKILLS for n in range(1, 5)]
    ordered = [s.slug for s in scoring.plan(scoring.plan_order(scoring.gaps(reqs, levels)), steps, levels)]
    for i, slug in enumerate(ordered):
        skill, n = slug.rsplit("-", 1)
        if int(n) > 1 and levels.get(skill, 0) < int(n) - 1:
            assert f"{skill}-{int(n) - 1}" in ordered[:i]


@given(requirements_st, levels_st, st.sets(st.sampled_from(SKILLS)), st.integers(0, 200))
def test_no_track_is_ready_while_an_essential_skill_is_below_target_or_not_asked(reqs, levels, not_asked, hours):
    score = scoring.readiness(reqs, levels, not_asked)
    if scoring.band(score, reqs, levels, hours, not_asked) == scoring.READY:
        for r in reqs:
            if r.essential:
                assert r.skill not in not_asked and levels.get(r.skill, 0) >= r.target


@given(requirements_st, levels_st, st.sets(st.sampled_from(SKILLS)))
def test_a_plan_never_puts_an_optional_gap_before_an_essential_one(reqs, levels, not_asked):
    found = scoring.gaps(reqs, levels, not_asked)
    order = scoring.plan_order(found)
    essential = [g.essential for g in order]
    assert essential == sorted(essential, reverse=True)
