"""The sentences the results speak in (questionnaire/sentences.py), over any mix of levels."""

from __future__ import annotations

from hypothesis import given

from advisor import scoring
from advisor.i18n import Text
from advisor.questionnaire.results import SkillInfo, SkillRow, TrackInfo, TrackView
from tests import strategies

NAMES = [f"Skill{n}" for n in range(8)]


def view_of(requirements: list[scoring.Requirement], levels: dict[str, int]) -> TrackView:
    """A track view built the way compute() builds one, from the engine's output."""
    result = scoring.assess("t", requirements, levels, [])
    contrib = {c.skill: c for c in result.contributions}
    rows = tuple(
        SkillRow(
            SkillInfo(r.skill, Text(r.skill, r.skill)),
            levels.get(r.skill, 0),
            r.target,
            r.importance,
            r.essential,
            r.importance * max(r.target - levels.get(r.skill, 0), 0),
            contrib[r.skill].earned,
            contrib[r.skill].missing,
        )
        for r in requirements
    )
    info = TrackInfo("t", "operation", Text("T", "T"), Text())
    gaps = tuple(g.skill for g in result.gaps)
    return TrackView(info, result.readiness, result.band, rows, gaps, (), 0, None, False, False)


requirements_st = strategies.requirements(NAMES)
levels_st = strategies.levels(NAMES)


@given(requirements_st, levels_st)
def test_the_why_sentence_never_names_one_skill_as_both_carrying_and_holding_back(requirements, levels):
    sentence = view_of(requirements, levels).why
    if ";" not in sentence:
        return  # "none in place yet" or "every target met": nothing is both
    carrying, holding = sentence.split(";", 1)
    assert not {name for name in NAMES if name in carrying} & {name for name in NAMES if name in holding}


@given(requirements_st, levels_st)
def test_a_track_that_is_not_ready_always_says_why_and_a_ready_one_never_does(requirements, levels):
    view = view_of(requirements, levels)
    assert bool(view.reasons) == (view.band != scoring.READY)


def test_a_skill_both_earning_and_missing_points_is_named_once():
    # Copy at 2 of 3 earns and misses points; it is the biggest gap, so it holds the score back.
    reqs = [scoring.Requirement("Copy", 5, 3, True), scoring.Requirement("Seo", 1, 2)]
    sentence = view_of(reqs, {"Copy": 2, "Seo": 2}).why
    assert sentence == "Seo carries this score; Copy holds it back most."
