from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from advisor.reports import insights
from advisor.reports.forms import InsightsRangeForm
from advisor.reports.models import Report

INSIGHTS_PERMISSION = "reports.view_insights"
PRESET_WEEKS = (4, 12, 26, 52)


def presets(shown: insights.Range | None) -> list[dict]:
    """One-click ranges ending this week, as query strings, the one shown marked."""
    today = timezone.localdate()
    out = []
    for n in PRESET_WEEKS:
        span = insights.Range.recent(n, today)
        query = urlencode({"since": span.first.isoformat(), "until": today.isoformat()})
        out.append({"weeks": n, "query": query, "current": span == shown})
    return out


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Superusers may look at saved reports for support; nobody edits them here."""

    list_display = ["title", "user", "created_at", "catalogue_version"]
    list_filter = ["created_at"]
    search_fields = ["title", "user__username"]
    readonly_fields = ["title", "notes", "user", "created_at", "catalogue_version", "previous", "assessment"]
    exclude = ["snapshot", "token", "share_token"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.insights_view)
        return [path("insights/", view, name="reports_insights")] + super().get_urls()

    def insights_view(self, request: HttpRequest) -> HttpResponse:
        """Anonymised aggregates, for superusers and whoever holds reports.view_insights
        (catalogue editors do not: it is not in their group)."""
        if not request.user.has_perm(INSIGHTS_PERMISSION):
            raise PermissionDenied
        shown = insights.Range.recent()
        form = InsightsRangeForm(request.GET or None, initial={"since": shown.first, "until": timezone.localdate()})
        refused = form.is_bound and not form.is_valid()  # a bad date: say so, show no numbers, 400
        if form.is_bound and not refused:
            shown = form.cleaned_data["span"]
        context = self.admin_site.each_context(request) | {
            "title": _("Insights"),
            "opts": self.opts,
            "form": form,
            "presets": presets(None if refused else shown),
            "insights": None if refused else insights.collect(shown),
        }
        return render(request, "admin/reports/insights.html", context, status=400 if refused else 200)
