"""Hypothesis strategies the property tests share."""

from __future__ import annotations

from hypothesis import strategies as st

from advisor import scoring


def requirements(skills: list[str]):
    """A track's requirements over some of `skills`, each skill at most once."""
    return st.lists(
        st.builds(
            scoring.Requirement,
            skill=st.sampled_from(skills),
            importance=st.integers(1, 5),
            target=st.integers(1, 4),
            essential=st.booleans(),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda r: r.skill,
    )


def levels(skills: list[str]):
    """A person's levels in some of `skills`."""
    return st.dictionaries(st.sampled_from(skills), st.integers(0, 4))
