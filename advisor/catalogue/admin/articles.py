"""The moves the articles describe (routes and their lead skills), the posts and
market facts per track, and the sources each of them cites."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.admin.base import CatalogueAdmin, bilingual
from advisor.catalogue.admin.fields import QuietRowsMixin
from advisor.catalogue.models import MarketFact, Post, Route, RouteLead, Source


@admin.register(Source)
class SourceAdmin(CatalogueAdmin):
    list_display = ["title_en", "title_zh", "published", "url"]
    search_fields = ["slug", "title_en", "title_zh", "url"]
    prepopulated_fields = {"slug": ["title_en"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["slug", ("url", "published")]}),
        (_("English | 中文"), {"fields": bilingual("title", "note")}),
    ]


class RouteLeadInline(QuietRowsMixin, admin.TabularInline):
    model = RouteLead
    delete_label = _("Remove from this route")
    fields = ["position", "skill", "target", "importance"]
    extra = 0
    ordering = ["position"]
    verbose_name_plural = _(
        "lead skills (they start the plan; target and importance apply where the track does not require the skill)"
    )


@admin.register(Route)
class RouteAdmin(CatalogueAdmin):
    list_display = ["name_en", "from_kind", "from_track", "to_kind", "to_track", "company_size", "position"]
    list_editable = ["position"]
    list_filter = ["to_track", "from_kind", "company_size"]
    list_select_related = ["from_track", "to_track"]
    search_fields = ["slug", "name_en", "name_zh", "advice_en", "advice_zh"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [RouteLeadInline]
    history_rows = ((RouteLead, "route", _("Changes to its lead skills")),)
    fieldsets = [
        (None, {"fields": ["slug", "position", "source"]}),
        (
            _("Who it is for (empty means any)"),
            {"fields": [("from_kind", "from_track"), ("to_kind", "to_track"), "company_size"]},
        ),
        (_("English | 中文"), {"fields": bilingual("name", "advice", "evidence")}),
    ]


@admin.register(Post)
class PostAdmin(CatalogueAdmin):
    list_display = ["title_en", "title_zh", "track", "seniority", "source"]
    list_filter = ["track", "seniority"]
    list_select_related = ["track", "source"]
    search_fields = ["slug", "title_en", "title_zh"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["slug", ("track", "seniority", "position"), "source"]}),
        (_("English | 中文"), {"fields": bilingual("title", "note")}),
    ]


@admin.register(MarketFact)
class MarketFactAdmin(CatalogueAdmin):
    list_display = ["text_en", "track", "topic", "seniority", "source"]
    list_filter = ["topic", "track", "seniority"]
    list_select_related = ["track", "source"]
    search_fields = ["slug", "text_en", "text_zh"]
    fieldsets = [
        (None, {"fields": ["slug", ("track", "topic", "seniority", "position"), "source"]}),
        (_("English | 中文"), {"fields": bilingual("text")}),
    ]
