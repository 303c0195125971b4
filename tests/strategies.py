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


# Values people and attackers send: empty, huge, NUL and control bytes, markup, other
# scripts, numbers out of range, and the values the forms expect.
NASTY = st.one_of(
    st.text(max_size=12),
    st.builds(lambda n, c: c * n, st.integers(300, 5000), st.sampled_from(["x", "中", "\x00", "<"])),
    st.sampled_from(
        ["", "\x00", "a\x00b", "\r\n", "<script>alert(1)</script>", "../../etc/passwd", "-1", "99999999999999999999",
         "1e309", "NaN", "null", "[]", "{}", "中文", "🙂", "=1+1", "%00", "on", "off", "create", "regenerate", "revoke",
         "done", "learning", "skipped", "pending", "next", "back", "review", "share", "en", "zh-hans", "0", "4", "5"]
    ),
)  # fmt: skip
