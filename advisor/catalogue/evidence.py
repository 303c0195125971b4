"""The market evidence held against the catalogue as it is now: the bridge
between market.py (pure) and the database, for the report command, the
admin's market page and the results."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from advisor.catalogue import market
from advisor.catalogue.models import Post, Requirement, Skill, Track


def required_by_track() -> dict[str, market.Required]:
    out: dict[str, dict] = {slug: {} for slug in Track.objects.values_list("slug", flat=True)}
    rows = Requirement.objects.values_list("track__slug", "skill__slug", "importance", "target", "essential", "source")
    for track, skill, importance, target, essential, note in rows:
        out[track][skill] = (importance, target, essential, note)
    return out


@dataclass(frozen=True)
class Report:
    evidence: market.Evidence
    tracks: list[market.TrackEvidence]
    posts: dict[str, int]  # named post → postings
    problems: list[str]
    off_band: list[str] = field(default_factory=list)  # weights outside the band their postings give

    @property
    def coverage(self) -> float | None:
        return market.overall_coverage(self.tracks)

    @property
    def unexplained(self) -> list[tuple[str, market.Disagreement]]:
        return [(t.track, d) for t in self.tracks for d in t.unexplained]

    @property
    def not_thin_enough(self) -> list[str]:
        """Tracks and posts with fewer than five postings that the file does not mark thin."""
        short = [t.track for t in self.tracks if len(t.postings) < market.ENOUGH_POSTINGS]
        short += [post for post, n in self.posts.items() if n < market.ENOUGH_POSTINGS]
        return [name for name in short if name not in self.evidence.thin]


POSTS = (
    "operation-editor",
    "app-promotion",
    "ad-operation",
    "feed-optimiser",
    "mini-program-promotion",
    "short-video",
    "live-stream",
    "private-domain-operation",
)


def report(path=None) -> Report:
    path = path or market.EVIDENCE_PATH
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    required = required_by_track()
    problems = market.problems(
        data or {},
        Skill.objects.values_list("slug", flat=True),
        required,
        POSTS + tuple(Post.objects.values_list("slug", flat=True)),
    )
    evidence = market.parse(data or {}) if not problems else market.Evidence("unknown", (), frozenset(), {})
    tracks = [market.track_evidence(evidence, slug, reqs) for slug, reqs in required.items()]
    posts = {post: len(evidence.for_post(post)) for post in POSTS}
    off = [line for slug, reqs in required.items() for line in market.off_band(evidence, slug, reqs)]
    return Report(evidence, tracks, posts, problems, off)
