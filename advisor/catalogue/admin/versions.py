"""Catalogue versions, read-only: the app writes them on every change."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.exchange import readable
from advisor.catalogue.exchange.exporter import to_yaml
from advisor.catalogue.models import CatalogueVersion


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    list_select_related = ["created_by"]
    search_fields = ["note"]
    date_hierarchy = "created_at"
    list_display = ["number", "created_at", "made_by", "what", "short_hash"]
    fields = ["number", "created_at", "made_by", "what", "changes", "contents", "download", "short_hash"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("fingerprint"))
    def short_hash(self, version: CatalogueVersion) -> str:
        return version.content_hash[:12]

    @admin.display(description=_("made by"), ordering="created_by")
    def made_by(self, version: CatalogueVersion) -> str:
        return (
            str(version.created_by)
            if version.created_by
            else gettext("not recorded (a command or an import without a user)")
        )

    @admin.display(description=_("what was done"), ordering="note")
    def what(self, version: CatalogueVersion) -> str:
        return version.note or gettext("no note given")

    @admin.display(description=_("what changed since the version before"))
    def changes(self, version: CatalogueVersion) -> str:
        older = CatalogueVersion.objects.filter(number__lt=version.number).order_by("-number").first()
        if older is None:
            return gettext("The first version: nothing before it to compare with.")
        found = readable.between(older.snapshot, version.snapshot)
        if not found:
            return gettext("Nothing changed in the catalogue's entries.")
        return render_to_string("admin/catalogue/includes/catalogue_changes.html", {"lines": found})

    @admin.display(description=_("contents"))
    def contents(self, version: CatalogueVersion) -> str:
        sections = ("tracks", "skills", "requirements", "questions", "steps")
        return ", ".join(f"{len(version.snapshot.get(s, []))} {s}" for s in sections)

    @admin.display(description=_("download"))
    def download(self, version: CatalogueVersion) -> str:
        url = reverse("admin:catalogue_catalogueversion_download", args=[version.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("This version as a catalogue file (YAML)"))

    class Media:
        css = {"all": ["css/catalogue-admin.css"]}

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
