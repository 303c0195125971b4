"""The admin's market page: the evidence set of job postings held against the
skill mapping, read only (the same report as `manage.py market_report`)."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from advisor.catalogue import evidence, market
from advisor.catalogue.models import Skill, Track


def market_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    if not request.user.has_perms(["catalogue.view_requirement", "catalogue.view_track"]):
        raise PermissionDenied
    report = evidence.report()
    names = {t.slug: str(t) for t in Track.objects.only("slug", "name_en", "name_zh")}
    skills = {s.slug: str(s) for s in Skill.objects.only("slug", "name_en", "name_zh")}
    rows = [
        {
            "evidence": t,
            "name": names.get(t.track, t.track),
            "asked": [(skills.get(s, s), n) for s, n in t.asked[:8]],
            "disagreements": [(skills.get(d.skill, d.skill), d) for d in t.disagreements],
            "unmentioned": [skills.get(s, s) for s in t.unmentioned],
        }
        for t in report.tracks
    ]
    context = site.each_context(request) | {
        "title": _("Market evidence"),
        "report": report,
        "rows": rows,
        "skills": skills,
        "enough": market.ENOUGH_POSTINGS,
    }
    return render(request, "admin/catalogue/market.html", context)
