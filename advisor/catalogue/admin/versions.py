"""Catalogue versions, read-only: the app writes them on every change."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.exchange.exporter import to_yaml
from advisor.catalogue.models import CatalogueVersion


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "created_at", "created_by", "note", "short_hash"]
    list_select_related = ["created_by"]
    search_fields = ["note"]
    date_hierarchy = "created_at"
    fields = ["number", "created_at", "created_by", "note", "content_hash", "contents", "download"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("content hash"))
    def short_hash(self, version: CatalogueVersion) -> str:
        return version.content_hash[:12]

    @admin.display(description=_("contents"))
    def contents(self, version: CatalogueVersion) -> str:
        sections = ("tracks", "skills", "requirements", "questions", "steps")
        return ", ".join(f"{len(version.snapshot.get(s, []))} {s}" for s in sections)

    @admin.display(description=_("download"))
    def download(self, version: CatalogueVersion) -> str:
        url = reverse("admin:catalogue_catalogueversion_download", args=[version.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("This version as a catalogue file (YAML)"))

    def get_urls(self):
        view = self.admin_site.admin_view(self.download_view)
        return [path("<int:pk>/download/", view, name="catalogue_catalogueversion_download")] + super().get_urls()

    def download_view(self, request, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        version = get_object_or_404(CatalogueVersion, pk=pk)
        response = HttpResponse(to_yaml(version.snapshot), content_type="application/x-yaml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="catalogue-v{version.number}.yaml"'
        return response
