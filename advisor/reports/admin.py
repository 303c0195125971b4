from __future__ import annotations

from django.contrib import admin

from advisor.reports.models import Report


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
