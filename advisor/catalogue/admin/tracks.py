"""Tracks and the skill mapping (requirements)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.admin import exchange, market
from advisor.catalogue.admin.base import CatalogueAdmin, bilingual
from advisor.catalogue.admin.fields import QuietRowsMixin
from advisor.catalogue.admin.forms import (
    RequirementChangelistFormSet,
    RequirementForm,
    RequirementInlineFormSet,
    _left_without_essential,
)
from advisor.catalogue.admin.impact_preview import preview
from advisor.catalogue.models import Requirement, Skill, Track


class SharedChoicesMixin:
    """Inline rows share one list of skills instead of querying it once per row."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "skill":
            field.choices = [("", "---------")] + [(s.pk, str(s)) for s in Skill.objects.order_by("position", "slug")]
        return field


def with_impact_preview(context: dict) -> dict:
    """Show the impact preview a requirement form or formset holds (forms.py),
    once nothing else on the page needs correcting."""
    held = [context["adminform"].form] + [i.formset for i in context.get("inline_admin_formsets", [])]
    previews = [h.impact_preview for h in held if getattr(h, "impact_preview", None)]
    context["impact_preview"] = previews[0] if previews and not context.get("errors") else None
    return context


class RequirementInline(SharedChoicesMixin, QuietRowsMixin, admin.TabularInline):
    model = Requirement
    delete_label = _("Remove from this track")
    formset = RequirementInlineFormSet
    fields = ["skill", "importance", "target", "essential"]
    extra = 1
    ordering = ["-importance", "skill__position"]


@admin.register(Track)
class TrackAdmin(CatalogueAdmin):
    list_display = ["name_en", "name_zh", "kind", "position", "requirement_count", "essential_count"]
    list_display_links = ["name_en", "name_zh"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["slug", "name_en", "name_zh"]
    ordering = ["position", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [RequirementInline]
    history_rows = ((Requirement, "track", _("Changes to its requirements")),)
    fieldsets = [
        (None, {"fields": ["slug", ("kind", "position")]}),
        (_("Texts · English | 中文"), {"fields": bilingual("name", "focus", "description")}),
        (
            _("Advice by company type · English | 中文"),
            {"fields": bilingual("advice_product_led", "advice_marketing_led")},
        ),
        (
            _("Portfolio checklist · English | 中文"),
            {
                "fields": bilingual("portfolio"),
                "description": _("One item a line, in the same order in both languages."),
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_requirements=Count("requirements"),
                n_essential=Count("requirements", filter=Q(requirements__essential=True)),
            )
        )

    @admin.display(description=_("requirements"), ordering="n_requirements")
    def requirement_count(self, track: Track) -> int:
        return track.n_requirements

    @admin.display(description=_("essential"), ordering="n_essential")
    def essential_count(self, track: Track) -> int:
        return track.n_essential

    def render_change_form(self, request, context, *args, **kwargs):
        return super().render_change_form(request, with_impact_preview(context), *args, **kwargs)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="catalogue_export"),
            path("import/", view(self.import_view), name="catalogue_import"),
            path("market/", view(self.market_view), name="catalogue_market"),
        ] + super().get_urls()

    def export_view(self, request):
        return exchange.export_view(request, self.admin_site)

    def import_view(self, request):
        return exchange.import_view(request, self.admin_site)

    def market_view(self, request):
        return market.market_view(request, self.admin_site)


@admin.register(Requirement)
class RequirementAdmin(CatalogueAdmin):
    form = RequirementForm
    list_display = ["track", "skill", "importance", "target", "essential"]
    list_editable = ["importance", "target", "essential"]
    list_filter = ["track", "essential", "importance", "skill__theme"]
    list_select_related = ["track", "skill"]
    search_fields = [
        "track__slug",
        "track__name_en",
        "track__name_zh",
        "skill__slug",
        "skill__name_en",
        "skill__name_zh",
    ]
    ordering = ["track__position", "-importance", "skill__position"]
    list_per_page = 300  # the whole mapping on one page, to compare tracks
    fields = [("track", "skill"), ("importance", "target", "essential"), "source"]
    object_history_form_template = "admin/catalogue/requirement/object_history_form.html"

    def render_change_form(self, request, context, *args, **kwargs):
        return super().render_change_form(request, with_impact_preview(context), *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        if "adminform" in context:  # reverting to an old version is a change like any other
            with_impact_preview(context)
        return super().render_history_view(request, template, context, **kwargs)

    def deletion_impact(self, pks: list[int]):
        return preview({pk: None for pk in pks}, token=None)

    def get_changelist_formset(self, request, **kwargs):
        kwargs["formset"] = RequirementChangelistFormSet
        return super().get_changelist_formset(request, **kwargs)

    def refuse_delete(self, objs: list[Requirement]) -> str | None:
        tracks = Track.objects.filter(requirements__in=objs).distinct()
        if orphans := tracks.left_without_essential({r.pk: None for r in objs}):
            return gettext("Nothing was deleted. %(reason)s") % {"reason": _left_without_essential(orphans)}
        return None
