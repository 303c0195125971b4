"""The market evidence: real job postings, one employer's one listing each, read
from docs/market/postings.yaml, and what they say about the skill mapping and
about pay. Pure Python (no Django): the report command, the admin page, the
results and the tests all call it with the catalogue's requirements as data.

A posting records its requirements as short keywords in our own words, each
mapped to a skill (or unmapped) and flagged core or not. From those:
- coverage: the share of a track's core requirements that are skills it requires;
- disagreements: a skill core in at least half of a track's postings (and in
  at least three) that the track weights below importance 4 and not essential,
  or an essential skill that none of its postings mentions. Each must be
  explained: by the requirement's source note, or by an exception in the file;
- pay: per track and seniority, from the postings that show a figure; fewer
  than three make the data thin, and nothing is said beyond "thin"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import median

import yaml

EVIDENCE_PATH = Path(__file__).resolve().parents[2] / "docs" / "market" / "postings.yaml"
ENOUGH_POSTINGS = 5
ENOUGH_PAY = 3
DISAGREE_SHARE = 0.5
DISAGREE_AT_LEAST = 3
STRONG_IMPORTANCE = 4
COMPANY_TYPES = ("product-led", "marketing-led", "unknown")
SENIORITIES = ("entry", "mid", "senior", "unknown")
DATE = re.compile(r"unknown|\d{4}-\d{2}-\d{2}")
CJK = re.compile(r"[\u3400-\u9fff]")
TIER_1 = {"北京", "上海", "广州", "深圳"}
NEW_TIER_1 = {
    "成都",
    "杭州",
    "重庆",
    "武汉",
    "西安",
    "苏州",
    "天津",
    "南京",
    "长沙",
    "郑州",
    "东莞",
    "青岛",
    "沈阳",
    "宁波",
    "昆明",
}


@dataclass(frozen=True)
class Need:
    keyword: str
    skill: str | None
    core: bool


@dataclass(frozen=True)
class Salary:
    low: int  # CNY a month
    high: int
    months: int = 12


@dataclass(frozen=True)
class Posting:
    id: str
    url: str
    seen: str
    title: str
    track: str
    post: str | None
    company_type: str
    seniority: str
    city: str | None
    salary: Salary | None
    needs: tuple[Need, ...]

    @property
    def core_skills(self) -> set[str]:
        return {n.skill for n in self.needs if n.core and n.skill}

    @property
    def skills(self) -> set[str]:
        return {n.skill for n in self.needs if n.skill}


@dataclass(frozen=True)
class Evidence:
    collected: str
    postings: tuple[Posting, ...]
    thin: frozenset[str]  # tracks and posts a documented search left under ENOUGH_POSTINGS
    exceptions: Mapping[tuple[str, str], str]  # (track, skill) → why the mapping keeps its own weight

    def for_track(self, track: str) -> list[Posting]:
        return [p for p in self.postings if p.track == track]

    def for_post(self, post: str) -> list[Posting]:
        return [p for p in self.postings if p.post == post]


def city_tier(city: str | None) -> str:
    if not city:
        return "unknown"
    if any(c in city for c in TIER_1):
        return "tier-1"
    return "new-tier-1" if any(c in city for c in NEW_TIER_1) else "other"


def _keyword_fits(keyword: str) -> bool:
    return len(keyword) <= (12 if CJK.search(keyword) else 30)


def problems(data: dict, skills: Iterable[str], tracks: Iterable[str], posts: Iterable[str]) -> list[str]:
    """Everything wrong with an evidence file, one line each; empty when it is sound."""
    skills, tracks, posts = set(skills), set(tracks), set(posts)
    found: list[str] = []
    ids: set[str] = set()
    urls: set[str] = set()
    for i, p in enumerate(data.get("postings") or []):
        where = f"posting {p.get('id') or i}"
        for key in ("id", "url", "seen", "title", "track", "company_type", "seniority", "requirements"):
            if key not in p:
                found.append(f"{where}: missing '{key}'")
        if p.get("id") in ids:
            found.append(f"{where}: id appears twice")
        ids.add(p.get("id"))
        if p.get("url") in urls:
            found.append(f"{where}: the same listing appears twice")
        urls.add(p.get("url"))
        if not re.fullmatch(r"https?://\S+", str(p.get("url", ""))):
            found.append(f"{where}: the address must start with http:// or https://")
        if not DATE.fullmatch(str(p.get("seen", ""))):
            found.append(f"{where}: 'seen' must be YYYY-MM-DD or unknown")
        if p.get("track") not in tracks:
            found.append(f"{where}: unknown track {p.get('track')!r}")
        if p.get("post") is not None and p.get("post") not in posts:
            found.append(f"{where}: unknown post {p.get('post')!r}")
        if p.get("company_type") not in COMPANY_TYPES:
            found.append(f"{where}: company_type must be one of {', '.join(COMPANY_TYPES)}")
        if p.get("seniority") not in SENIORITIES:
            found.append(f"{where}: seniority must be one of {', '.join(SENIORITIES)}")
        salary = p.get("salary")
        if salary is not None and not (
            isinstance(salary, dict)
            and all(isinstance(salary.get(k), int) for k in ("min", "max"))
            and 0 < salary["min"] <= salary["max"]
        ):
            found.append(f"{where}: salary must be null or {{min, max, months}} with 0 < min ≤ max")
        needs = p.get("requirements") or []
        if not needs:
            found.append(f"{where}: no requirements")
        for need in needs:
            keyword = str(need.get("keyword", ""))
            if not keyword or not _keyword_fits(keyword):
                found.append(f"{where}: keyword {keyword!r} is empty or longer than 12 Chinese or 30 Latin characters")
            if need.get("skill") is not None and need.get("skill") not in skills:
                found.append(f"{where}: unknown skill {need.get('skill')!r}")
            if not isinstance(need.get("core"), bool):
                found.append(f"{where}: 'core' must be true or false for {keyword!r}")
    for name in data.get("thin") or []:
        if name not in tracks and name not in posts:
            found.append(f"thin: unknown track or post {name!r}")
    for e in data.get("exceptions") or []:
        if e.get("track") not in tracks or e.get("skill") not in skills or not e.get("reason"):
            found.append(f"exception {e!r}: needs a known track, a known skill and a reason")
    return found


def parse(data: dict) -> Evidence:
    postings = []
    for p in data.get("postings") or []:
        s = p.get("salary")
        postings.append(
            Posting(
                id=p["id"],
                url=p["url"],
                seen=str(p["seen"]),
                title=str(p.get("title") or ""),
                track=p["track"],
                post=p.get("post"),
                company_type=p["company_type"],
                seniority=p["seniority"],
                city=p.get("city"),
                salary=Salary(s["min"], s["max"], s.get("months") or 12) if s else None,
                needs=tuple(Need(str(n["keyword"]), n.get("skill"), bool(n["core"])) for n in p["requirements"]),
            )
        )
    exceptions = {(e["track"], e["skill"]): e["reason"] for e in data.get("exceptions") or []}
    return Evidence(
        str(data.get("collected", "unknown")), tuple(postings), frozenset(data.get("thin") or []), exceptions
    )


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> Evidence:
    return parse(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})


def load(path: Path | None = None) -> Evidence:
    """The evidence set, read again only when the file changed."""
    path = path or EVIDENCE_PATH
    if not path.exists():
        return Evidence("unknown", (), frozenset(), {})
    return _load(str(path), path.stat().st_mtime)


# --- what the evidence says about one track ------------------------------------------

# skill → (importance, target, essential, source note)
Required = Mapping[str, tuple[int, int, bool, str]]


@dataclass(frozen=True)
class Disagreement:
    skill: str
    kind: str  # "under-weighted" (core in most postings) or "unasked" (essential, in none)
    postings: int  # how many of the track's postings have it as core
    of: int
    explanation: str  # the requirement's note or the file's exception; "" when unexplained


@dataclass(frozen=True)
class Pay:
    seniority: str  # "" for every seniority together
    low: int  # median of the lowest figures, CNY a month
    high: int  # median of the highest figures
    postings: tuple[Posting, ...]

    @property
    def tiers(self) -> list[str]:
        return sorted({city_tier(p.city) for p in self.postings})

    @property
    def seen(self) -> tuple[str, str] | None:
        dates = sorted(p.seen for p in self.postings if p.seen != "unknown")
        return (dates[0], dates[-1]) if dates else None


@dataclass(frozen=True)
class TrackEvidence:
    track: str
    postings: tuple[Posting, ...]
    thin: bool
    core: int  # core requirements in all the track's postings
    covered: int  # of them, skills the track requires
    disagreements: tuple[Disagreement, ...]
    unmentioned: tuple[str, ...]  # required skills no posting of the track mentions
    unmapped: tuple[tuple[str, int], ...]  # keywords mapped to no skill, most frequent first
    asked: tuple[tuple[str, int], ...]  # skills by how many postings have them as core, most first
    pay: tuple[Pay, ...] = field(default=())
    pay_count: int = 0  # postings that show a figure

    @property
    def coverage(self) -> float | None:
        return self.covered / self.core if self.core else None

    @property
    def unexplained(self) -> list[Disagreement]:
        return [d for d in self.disagreements if not d.explanation]

    def pay_for(self, seniority: str) -> Pay | None:
        """The range for this seniority, or for the whole track, when enough postings show one."""
        by = {p.seniority: p for p in self.pay}
        return by.get(seniority) or by.get("")


def pay_ranges(postings: Iterable[Posting]) -> list[Pay]:
    with_pay = [p for p in postings if p.salary]
    groups: dict[str, list[Posting]] = {"": with_pay}
    for p in with_pay:
        groups.setdefault(p.seniority, []).append(p)
    out = []
    for seniority, group in groups.items():
        if len(group) >= ENOUGH_PAY and seniority != "unknown":
            low = int(median(p.salary.low for p in group))
            high = int(median(p.salary.high for p in group))
            out.append(Pay(seniority, low, high, tuple(group)))
    return sorted(out, key=lambda p: ("", "entry", "mid", "senior").index(p.seniority))


def track_evidence(evidence: Evidence, track: str, required: Required) -> TrackEvidence:
    postings = evidence.for_track(track)
    core_needs = [n for p in postings for n in p.needs if n.core]
    covered = sum(1 for n in core_needs if n.skill in required)
    asked = Counter(skill for p in postings for skill in p.core_skills)
    mentioned = {skill for p in postings for skill in p.skills}
    disagreements = []
    for skill, n in sorted(asked.items()):
        importance, _target, essential, note = required.get(skill, (0, 0, False, ""))
        if (
            n >= DISAGREE_AT_LEAST
            and n >= DISAGREE_SHARE * len(postings)
            and importance < STRONG_IMPORTANCE
            and not essential
        ):
            why = note or evidence.exceptions.get((track, skill), "")
            disagreements.append(Disagreement(skill, "under-weighted", n, len(postings), why))
    for skill, (_importance, _target, essential, note) in sorted(required.items()):
        if essential and postings and skill not in mentioned:
            why = evidence.exceptions.get((track, skill), "") or note
            disagreements.append(Disagreement(skill, "unasked", 0, len(postings), why))
    unmapped = Counter(n.keyword for p in postings for n in p.needs if n.skill is None)
    return TrackEvidence(
        track=track,
        postings=tuple(postings),
        thin=track in evidence.thin or len(postings) < ENOUGH_POSTINGS,
        core=len(core_needs),
        covered=covered,
        disagreements=tuple(disagreements),
        unmentioned=tuple(sorted(skill for skill in required if skill not in mentioned)),
        unmapped=tuple(unmapped.most_common()),
        asked=tuple(sorted(asked.items(), key=lambda i: (-i[1], i[0]))),
        pay=tuple(pay_ranges(postings)),
        pay_count=sum(1 for p in postings if p.salary),
    )


def weight_band(core: int, of: int) -> tuple[int, int]:
    """The importance the rule gives a skill core in `core` of a track's `of`
    representative postings: 4–5 from half of them, 3 from a third, else 2 at most."""
    share = core / of if of else 0.0
    if share >= 1 / 2:
        return (STRONG_IMPORTANCE, 5)
    if share >= 1 / 3:
        return (3, 3)
    return (1, 2)


def off_band(evidence: Evidence, track: str, required: Required) -> list[str]:
    """Where a track with enough postings weighs a skill outside the band its
    postings give, or leaves out a skill core in a third of them. A thin track's
    weights are not held to it: too few postings to draw a band from."""
    postings = evidence.for_track(track)
    if len(postings) < ENOUGH_POSTINGS or track in evidence.thin:
        return []
    asked = Counter(skill for p in postings for skill in p.core_skills)
    found = []
    for skill in sorted(set(asked) | set(required)):
        low, high = weight_band(asked[skill], len(postings))
        importance = required[skill][0] if skill in required else 0
        if not low <= importance <= high and (skill in required or low >= 3):
            found.append(
                f"{track} × {skill}: core in {asked[skill]} of {len(postings)} postings, so importance "
                f"{low if low == high else f'{low}–{high}'}, not {importance or 'left out'}"
            )
    return found


def overall_coverage(reports: Iterable[TrackEvidence]) -> float | None:
    reports = list(reports)
    core = sum(r.core for r in reports)
    return sum(r.covered for r in reports) / core if core else None
