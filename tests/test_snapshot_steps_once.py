"""Tracks share many steps: the kept results write each step once, and every track
names its plan's steps by slug (questionnaire/snapshot.py). Read back, the results
are the very objects compute() built, so every page and export shows the same."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import msgspec
import pytest

from advisor.questionnaire import flow as flows
from advisor.questionnaire import snapshot
from advisor.questionnaire.compute import compute
from tests.personas import PERSONAS
from tests.questionnaire_helpers import fill

pytestmark = pytest.mark.django_db


def finished(client, name: str = "sem-copywriter"):
    return fill(client, {"context": PERSONAS[name]["about"], "levels": PERSONAS[name]["levels"]})


def test_each_step_is_kept_once_and_tracks_name_theirs_by_slug(client):
    kept = finished(client).results["results"]
    plans = [track["steps"] for track in kept["tracks"]]
    assert all(isinstance(slug, str) for plan in plans for slug in plan)
    assert set(kept["steps"]) == {slug for plan in plans for slug in plan}
    # A step on several plans (there are many) is written once: its title appears once in the JSON.
    shared = next(slug for slug in kept["steps"] if sum(slug in plan for plan in plans) > 1)
    title = json.dumps(kept["steps"][shared]["title"])
    assert json.dumps(kept).count(title) == 1


def test_kept_results_read_back_as_computed_with_one_object_per_step(client):
    assessment = finished(client, "community-person")
    kept = copy.deepcopy(assessment.results)
    restored = snapshot.restore(assessment.results)

    assert restored == compute(flows.load(assessment))
    assert assessment.results == kept  # the stored JSON is read, never changed
    steps = {}
    for tv in restored.tracks:
        for step in tv.steps:
            assert steps.setdefault(step.slug, step) is step


def test_the_results_are_kept_in_about_half_the_space_of_a_copy_per_track(client):
    kept = finished(client).results
    per_track = dict(kept, results=msgspec.to_builtins(snapshot.restore(kept)))
    assert len(json.dumps(kept)) < 0.7 * len(json.dumps(per_track))


def test_a_step_that_reads_differently_on_two_tracks_is_not_kept_as_one(client):
    """One copy could keep only one of the two: taking the snapshot stops rather than lose the other."""
    results = snapshot.restore(finished(client).results)
    tv = next(tv for tv in results.tracks if tv.steps)
    changed = replace(tv.steps[0], effort_hours=tv.steps[0].effort_hours + 1)
    twin = replace(tv, steps=(changed, *tv.steps[1:]))
    with pytest.raises(ValueError, match=changed.slug):
        snapshot.take(replace(results, tracks=(tv, twin)), {})
