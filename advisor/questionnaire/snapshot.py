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
    results       the Results dataclass, field by field, but for the steps: tracks
                  share many of them, so `results.steps` keeps each one once
                  (slug → step) and a track's `steps` lists its plan's slugs in
                  order; `restore` puts the steps back, one object per step

Snapshots saved in an older layout were converted once by data migrations
(questionnaire 0006, reports 0008)."""

from __future__ import annotations

from dataclasses import replace

import msgspec

from advisor.questionnaire.results import Results, StepInfo

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
        "results": _pack(results),
    }


def _pack(results: Results) -> dict:
    """The results as plain JSON, each step written once at the top (see the module's doc)."""
    steps: dict[str, StepInfo] = {}
    for tv in results.tracks:
        for step in tv.steps:
            # One catalogue step reads the same on every track (compute.py builds it once):
            # a difference would be lost by keeping one copy, so it stops here instead.
            if steps.setdefault(step.slug, step) != step:
                raise ValueError(f"step {step.slug!r} differs between tracks")
    data = msgspec.to_builtins(replace(results, tracks=tuple(replace(tv, steps=()) for tv in results.tracks)))
    for track, tv in zip(data["tracks"], results.tracks, strict=True):
        track["steps"] = [step.slug for step in tv.steps]
    data["steps"] = msgspec.to_builtins(steps)
    return data


def restore(snapshot: dict) -> Results:
    data = snapshot["results"]
    steps = msgspec.convert(data["steps"], dict[str, StepInfo])
    # The tracks are read without their steps, which are then looked up by slug: the
    # stored JSON (the model field's own value) is copied, never changed.
    bare = {**data, "tracks": [{**track, "steps": []} for track in data["tracks"]]}
    results = msgspec.convert(bare, Results)
    tracks = tuple(
        replace(tv, steps=tuple(steps[slug] for slug in track["steps"]))
        for tv, track in zip(results.tracks, data["tracks"], strict=True)
    )
    # Saved under earlier rules than today's: the page says the verdicts may read differently now.
    rules_changed = results.rules_changed or snapshot["format"] < FORMAT
    return replace(results, tracks=tracks, rules_changed=rules_changed)
