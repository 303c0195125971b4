"""Transition steps, their resources and prerequisites."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.admin.base import CatalogueAdmin, bilingual
from advisor.catalogue.admin.fields import QuietRowsMixin
from advisor.catalogue.admin.forms import StepForm
from advisor.catalogue.models import Resource, Step


class ResourceInline(QuietRowsMixin, admin.TabularInline):
    model = Resource
    fields = ["position", "title_en", "title_zh", "url", "language"]
    extra = 0
    ordering = ["position"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Step)
class StepAdmin(CatalogueAdmin):
    form = StepForm
    list_display = ["title_en", "title_zh", "skill", "reaches", "effort_hours"]
    list_editable = ["reaches", "effort_hours"]
    list_filter = ["skill__theme", "reaches", "skill"]
    list_select_related = ["skill"]
    list_per_page = 300  # every step on one page (108 since issue 26), to compare a skill's steps
    search_fields = ["slug", "title_en", "title_zh", "skill__name_en", "skill__name_zh"]
    ordering = ["skill__position", "reaches", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["prerequisites"]
    inlines = [ResourceInline]
    history_rows = ((Resource, "step", _("Changes to its resources")),)
    fieldsets = [
        (None, {"fields": ["slug", ("skill", "reaches", "effort_hours")]}),
        (_("English | 中文"), {"fields": bilingual("title", "practice", "evidence", "work_access")}),
        (_("Order"), {"fields": ["prerequisites"]}),
    ]
