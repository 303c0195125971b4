"""The home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from advisor.catalogue.models import Requirement, Track
from advisor.questionnaire import flow as flows
from advisor.questionnaire.session import resumable

PROMOTION_SLUG = "promotion"


@dataclass
class Path:
    """How far one track is from the promotion track, read off the skill mapping."""

    track: Track
    shared: list[Requirement]
    new: list[Requirement]


def _paths(tracks: list[Track]) -> list[Path]:
    promotion = next((t for t in tracks if t.slug == PROMOTION_SLUG), None)
    if promotion is None:
        return []
    base = {r.skill_id for r in promotion.requirements.all()}
    paths = []
    for track in tracks:
        if track.kind != Track.Kind.OPERATION:
            continue
        reqs = list(track.requirements.all())
        shared = [r for r in reqs if r.skill_id in base]
        new = [r for r in reqs if r.skill_id not in base and r.essential]
        paths.append(Path(track, shared, new))
    return paths


def home(request: HttpRequest) -> HttpResponse:
    tracks = list(Track.objects.with_requirements())
    promotion = next((t for t in tracks if t.slug == PROMOTION_SLUG), None)
    back = []
    if promotion is not None:
        # The way back from operation to promotion: the skills promotion cannot do without.
        back = [r for r in promotion.requirements.all() if r.essential]
    context = {
        "promotion_tracks": [t for t in tracks if t.kind == Track.Kind.PROMOTION],
        "operation_tracks": [t for t in tracks if t.kind == Track.Kind.OPERATION],
        "paths": _paths(tracks),
        "promotion": promotion,
        "way_back": back,
    }
    current = resumable(request)
    if current is not None:
        context |= {"resume": current, "resume_url": flows.load(current).next_url()}
    return render(request, "home.html", context)
