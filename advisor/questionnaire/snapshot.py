"""A report's snapshot: the results frozen as plain JSON, in both languages.

`take` writes the results objects (questionnaire/results.py) as they are, through
one generic converter (msgspec), and `restore` reads them back into the very same
objects, so a saved report looks as the results did, whatever admins change in the
catalogue afterwards. Next to them, a few keys that database-side queries read
without opening the results (reports/standings.py, the insights, the impact preview):

    format        the rules the results were scored under (FORMAT below):
                  1 ranked by readiness, bands by readiness alone;
                  2 a goal and a recommendation, verdicts that weigh essential skills
    levels        skill slug → level, as answered
    current_role  the value of the current-role answer ("seo", "student"…)
    tracks        per track in ranked order: slug, readiness, band, and the rows
                  with a gap above zero (skill, gap)
    steps         the slugs of every step of every track's plan
    results       the Results dataclass, field by field

Snapshots saved in an older layout were converted once by data migrations
(questionnaire 0006, reports 0008)."""

from __future__ import annotations

from dataclasses import replace

import msgspec

from advisor.questionnaire.results import Results

FORMAT = 2


def take(results: Results, levels: dict[str, int], role: str = "", rules: int = FORMAT) -> dict:
    """`role` is the value of the current-role answer: the insights page counts it
    (reports/standings.py); no page shows it from here. `rules` is kept for results
    scored under earlier rules (converted from an older snapshot)."""
    return {
        "format": rules,
        "levels": levels,
        "current_role": role,
        "tracks": [
            {
                "slug": tv.track.slug,
                "readiness": tv.readiness,
                "band": tv.band,
                "rows": [{"skill": r.skill.slug, "gap": r.gap} for r in tv.rows if r.gap > 0],
            }
            for tv in results.tracks
        ],
        "steps": sorted({step.slug for tv in results.tracks for step in tv.steps}),
        "results": msgspec.to_builtins(results),
    }


def restore(snapshot: dict) -> Results:
    results = msgspec.convert(snapshot["results"], Results)
    # Saved under earlier rules than today's: the page says the verdicts may read differently now.
    if snapshot["format"] < FORMAT and not results.rules_changed:
        return replace(results, rules_changed=True)
    return results
