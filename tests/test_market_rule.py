"""The rule that turns the evidence set into weights (docs/market/README.md,
"The rule"), checked mechanically against docs/market/postings.yaml, the record
in docs/market/weights.yaml and the seed catalogue, so that the three cannot
drift apart. Pure: it reads the files, not the database."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from advisor.catalogue import market

ROOT = Path(__file__).resolve().parents[1]
SEED = yaml.safe_load((ROOT / "advisor" / "catalogue" / "seed" / "catalogue.yaml").read_text(encoding="utf-8"))
DATA = yaml.safe_load(market.EVIDENCE_PATH.read_text(encoding="utf-8"))
RECORD = yaml.safe_load((ROOT / "docs" / "market" / "weights.yaml").read_text(encoding="utf-8"))["weights"]
EVIDENCE = market.parse(DATA)
REQUIRED = {(r["track"], r["skill"]): r for r in SEED["requirements"]}
RECORDED = {(r["track"], r["skill"]): r for r in RECORD}
TRACKS = [t["slug"] for t in SEED["tracks"]]


def core_ids(track: str, skill: str) -> list[str]:
    return [p.id for p in EVIDENCE.for_track(track) if skill in p.core_skills]


def thin(track: str) -> bool:
    return track in EVIDENCE.thin or len(EVIDENCE.for_track(track)) < market.ENOUGH_POSTINGS


def required(track: str) -> market.Required:
    return {s: (r["importance"], r["target"], r["essential"], "") for (t, s), r in REQUIRED.items() if t == track}


def test_every_essential_flag_and_every_weight_of_four_or_more_is_recorded_as_it_is_in_the_seed():
    strong = {key for key, r in REQUIRED.items() if r["essential"] or r["importance"] >= 4}
    assert strong - set(RECORDED) == set()
    for key, row in RECORDED.items():
        assert key in REQUIRED, f"{key}: recorded, but the seed does not require it"
        seed = REQUIRED[key]
        assert (row["importance"], row["essential"]) == (seed["importance"], seed["essential"]), key


def test_the_recorded_postings_are_the_ones_in_the_evidence_set():
    for (track, skill), row in RECORDED.items():
        assert row["core_in"] == core_ids(track, skill), (track, skill)
        assert row["of"] == len(EVIDENCE.for_track(track)), (track, skill)


@pytest.mark.parametrize("track", [t for t in TRACKS if not thin(t)])
def test_a_track_with_enough_postings_weighs_each_skill_by_its_core_share(track):
    # 4–5 when core in half the postings, 3 in a third, 2 or less otherwise; a skill
    # core in a third or more is required.
    assert market.off_band(EVIDENCE, track, required(track)) == []


def test_an_essential_skill_has_a_written_reason_and_most_postings_or_says_why_not():
    for key, row in RECORDED.items():
        if row["essential"]:
            assert row.get("reason"), f"{key}: essential without a written reason"
        share = len(row["core_in"]) / row["of"] if row["of"] else 0
        if share < 1 / 2:
            # Essential or weighted 4+ below half the postings: only with a reason that says so.
            assert row.get("reason"), f"{key}: core in {len(row['core_in'])} of {row['of']}, and no reason"


def test_essential_is_the_exception_two_to_four_per_track():
    per_track = Counter(t for (t, _s), r in REQUIRED.items() if r["essential"])
    assert {t: n for t, n in per_track.items() if not 2 <= n <= 4} == {}
    assert set(per_track) == set(TRACKS)


def test_a_skill_only_a_route_names_leads_that_plan_and_is_optional_in_the_score():
    for route in SEED["routes"]:
        track = route.get("to_track")
        for lead in route.get("leads", []):
            req = REQUIRED.get((track, lead["skill"]))
            if track is None or req is None or thin(track):
                continue
            if len(core_ids(track, lead["skill"])) < len(EVIDENCE.for_track(track)) / 2:
                assert not req["essential"], (route["slug"], lead["skill"])
                assert req["target"] <= lead["target"], "the plan takes it to the route's target"


def test_listings_left_out_are_not_postings_and_say_why():
    ids = {p.id for p in EVIDENCE.postings}
    for row in DATA["left_out"]:
        assert row["id"] not in ids and row["why"]


def test_a_skill_weighed_outside_its_band_is_named():
    postings = [
        {"id": f"p{i}", "url": f"https://jobs.example.cn/p{i}", "seen": "unknown", "title": "x", "track": "user-operation",
         "post": None, "company_type": "unknown", "seniority": "mid", "city": None, "salary": None,
         "requirements": [{"keyword": "数据分析", "skill": "data-analysis", "core": i < 3},
                          {"keyword": "社群", "skill": "community-management", "core": i < 2}]}
        for i in range(6)
    ]  # fmt: skip
    ev = market.parse({"postings": postings})
    # data analysis: core in 3 of 6, so 4–5; community: core in 2 of 6, so 3.
    assert (
        market.off_band(
            ev, "user-operation", {"data-analysis": (4, 3, False, ""), "community-management": (3, 2, False, "")}
        )
        == []
    )
    assert market.off_band(
        ev, "user-operation", {"data-analysis": (3, 3, False, ""), "community-management": (5, 2, True, "")}
    ) == [
        "user-operation × community-management: core in 2 of 6 postings, so importance 3, not 5",
        "user-operation × data-analysis: core in 3 of 6 postings, so importance 4–5, not 3",
    ]
    assert market.off_band(ev, "user-operation", {"community-management": (3, 2, False, "")}) == [
        "user-operation × data-analysis: core in 3 of 6 postings, so importance 4–5, not left out"
    ]
    # Fewer than five postings: too few to draw a band from.
    few = market.parse({"postings": postings[:4]})
    assert market.off_band(few, "user-operation", {"data-analysis": (2, 2, False, "")}) == []
