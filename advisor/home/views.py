"""The home page: the tracks, the moves the source articles describe, and the
way back into a questionnaire this browser started."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from advisor.catalogue.models import Route, RouteLead, Track
from advisor.questionnaire import flow as flows
from advisor.questionnaire.session import resumable


def home(request: HttpRequest) -> HttpResponse:
    tracks = list(Track.objects.all())
    routes = Route.objects.select_related("from_track", "to_track", "source").prefetch_related(
        Prefetch("leads", queryset=RouteLead.objects.select_related("skill"))
    )
    context = {
        "promotion_tracks": [t for t in tracks if t.kind == Track.Kind.PROMOTION],
        "operation_tracks": [t for t in tracks if t.kind == Track.Kind.OPERATION],
        "routes": list(routes),
    }
    current = resumable(request)
    if current is not None:
        context |= {"resume": current, "resume_url": flows.load(current).next_url()}
    return render(request, "home.html", context)
