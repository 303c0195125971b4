"""The home page: the tracks, the moves the source articles describe, and the
way back into a questionnaire this browser started."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from advisor.catalogue import compiled
from advisor.catalogue.models import Track
from advisor.questionnaire import flow as flows
from advisor.questionnaire.session import latest_finished, resumable
from advisor.reports import access


def home(request: HttpRequest) -> HttpResponse:
    catalogue = compiled.current()
    context = {
        "promotion_tracks": [t for t in catalogue.tracks if t.kind == Track.Kind.PROMOTION],
        "operation_tracks": [t for t in catalogue.tracks if t.kind == Track.Kind.OPERATION],
        "routes": catalogue.routes,
        # The tracks and routes are kept rendered per catalogue version and language.
        "catalogue_key": catalogue.version or id(catalogue),
    }
    current = resumable(request)
    if current is not None:
        context |= {"resume": current, "resume_url": flows.load(current, catalogue).next_url()}
    # The way back to what this visitor saw: the latest results, and their reports.
    context["latest"] = latest_finished(request)
    context["has_reports"] = request.user.is_authenticated or bool(access.remembered(request))
    return render(request, "home.html", context)
