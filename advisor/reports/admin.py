from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from advisor.reports import insights
from advisor.reports.models import Report

INSIGHTS_PERMISSION = "reports.view_insights"


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
        context = self.admin_site.each_context(request) | {
            "title": _("Insights"),
            "opts": self.opts,
            "insights": insights.collect(),
        }
        return render(request, "admin/reports/insights.html", context)
