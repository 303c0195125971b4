"""The impact preview's counting (advisor/catalogue/impact.py), pure Python with exact numbers.

The three reports and the catalogue are those of tests/test_admin_impact.py:
raising content operation's prototyping importance from 2 to 5 re-orders two
rankings and changes one top track."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor import scoring
from advisor.catalogue import impact

LEVELS = [
    {"copywriting": 0, "prototyping": 1},
    {"copywriting": 3, "prototyping": 0},
    {"copywriting": 2, "prototyping": 0},
]
BEFORE = {
    "promotion": [scoring.Requirement("copywriting", 3, 2, True)],
    "content-operation": [scoring.Requirement("copywriting", 5, 3, True), scoring.Requirement("prototyping", 2, 1)],
    "product-operation": [scoring.Requirement("prototyping", 1, 1, True), scoring.Requirement("copywriting", 2, 1)],
}
AFTER = BEFORE | {
    "content-operation": [scoring.Requirement("copywriting", 5, 3, True), scoring.Requirement("prototyping", 5, 1)]
}


def test_compare_counts_reordered_rankings_and_changed_top_tracks():
    result = impact.compare(LEVELS, BEFORE, AFTER)

    assert (result.reports, result.reordered, result.top_changed) == (3, 2, 1)
    assert result.shifts == (
        impact.Shift("content-operation", up=1, down=1, new_top=1),
        impact.Shift("product-operation", up=1, down=1, lost_top=1),
    )
    # content operation: (28.6 + 71.4 + 47.6) / 3 now, (50 + 50 + 33.3) / 3 after
    [average] = result.averages
    assert average.track == "content-operation"
    assert average.before == pytest.approx(100 * (2 / 7 + 5 / 7 + 10 / 21) / 3)
    assert average.after == pytest.approx(100 * (0.5 + 0.5 + 1 / 3) / 3)


def test_ties_keep_catalogue_order_so_an_equal_score_reorders_nothing():
    before = {"a": [scoring.Requirement("x", 1, 2)], "b": [scoring.Requirement("x", 1, 4)]}
    after = {"a": [scoring.Requirement("x", 1, 2)], "b": [scoring.Requirement("x", 1, 2)]}
    # level 2: a 100 %, b 50 % → 100 % (a tie: a stays first); level 0: both 0
    result = impact.compare([{"x": 2}, {"x": 0}], before, after)
    assert (result.reports, result.reordered, result.top_changed, result.shifts) == (2, 0, 0, ())


def test_compare_without_reports_counts_nothing():
    before = {"a": [scoring.Requirement("x", 1, 2)]}
    result = impact.compare([], before, {"a": [scoring.Requirement("x", 3, 2)]})
    assert (result.reports, result.reordered, result.top_changed, result.averages) == (0, 0, 0, ())


def test_the_fingerprint_names_the_change_and_the_catalogue_it_was_made_on():
    before = {"a": [scoring.Requirement("x", 1, 2), scoring.Requirement("y", 2, 2)]}
    after = {"a": [scoring.Requirement("x", 3, 2), scoring.Requirement("y", 2, 2)]}
    reordered = {"a": list(reversed(after["a"]))}
    assert impact.fingerprint(before, after) == impact.fingerprint(before, reordered)
    assert impact.fingerprint(before, after) != impact.fingerprint(before, {"a": [scoring.Requirement("x", 4, 2)]})
    assert impact.fingerprint(before, after) != impact.fingerprint(after, after)


SKILLS = ["a", "b", "c"]
requirement = st.builds(
    scoring.Requirement,
    st.sampled_from(SKILLS),
    st.integers(1, 5),
    st.integers(1, 4),
    st.booleans(),
)
catalogue = st.lists(st.lists(requirement, max_size=3, unique_by=lambda r: r.skill), min_size=2, max_size=4)
levels = st.lists(st.fixed_dictionaries({s: st.integers(0, 4) for s in SKILLS}), max_size=6)


def ranked(requirements: dict, report: dict) -> list[str]:
    results = (
        scoring.assess(t, reqs, report, [], not_asked=[r.skill for r in reqs if r.skill not in report])
        for t, reqs in requirements.items()
    )
    return [r.track for r in scoring.rank(results)]


@given(catalogue, catalogue, levels)
def test_compare_counts_what_scoring_rank_would_reorder(old, new, reports):
    before = {f"t{i}": reqs for i, reqs in enumerate(old)}
    after = {slug: new[i] if i < len(new) else reqs for i, (slug, reqs) in enumerate(before.items())}

    result = impact.compare(reports, before, after)

    pairs = [(ranked(before, r), ranked(after, r)) for r in reports]
    assert result.reports == len(reports)
    assert result.reordered == sum(old != new for old, new in pairs)
    assert result.top_changed == sum(old[0] != new[0] for old, new in pairs)
