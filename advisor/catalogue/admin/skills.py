"""The proficiency scale, themes and skills. A skill's page lists its questions
and steps, and links to each one's own page (Django has no nested inlines)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.admin.base import CatalogueAdmin, NoAddInlineMixin, bilingual
from advisor.catalogue.admin.fields import QuietRowsMixin
from advisor.catalogue.models import ProficiencyLevel, Question, Skill, Step, Theme
from advisor.i18n import join_clauses, join_list


@admin.register(ProficiencyLevel)
class ProficiencyLevelAdmin(CatalogueAdmin):
    """The scale is fixed at levels 0–4: their texts can change, their number cannot."""

    list_display = ["level", "label_en", "label_zh"]
    fieldsets = [(None, {"fields": ["level"]}), (_("English | 中文"), {"fields": bilingual("label", "description")})]
    readonly_fields = ["level"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Theme)
class ThemeAdmin(CatalogueAdmin):
    list_display = ["name_en", "name_zh", "position", "skill_count"]
    list_editable = ["position"]
    search_fields = ["slug", "name_en", "name_zh"]
    ordering = ["position", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    fieldsets = [
        (None, {"fields": [("slug", "position")]}),
        (_("English | 中文"), {"fields": bilingual("name", "intro")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_skills=Count("skills"))

    @admin.display(description=_("skills"), ordering="n_skills")
    def skill_count(self, theme: Theme) -> int:
        return theme.n_skills

    def refuse_delete(self, objs: list[Theme]) -> str | None:
        used = [t for t in objs if t.skills.exists()]
        if used:
            return gettext("Nothing was deleted: themes %(themes)s still group skills. Move those skills first.") % {
                "themes": join_list(f"“{t}”" for t in used)
            }
        return None


class QuestionInline(NoAddInlineMixin, QuietRowsMixin, admin.TabularInline):
    model = Question
    delete_label = _("Delete the question")
    fields = ["slug", "text_en", "text_zh", "position"]
    readonly_fields = ["slug"]
    ordering = ["position"]
    verbose_name_plural = _("questions (open one to edit its five answer choices)")


class StepInline(NoAddInlineMixin, QuietRowsMixin, admin.TabularInline):
    model = Step
    delete_label = _("Delete the step")
    fields = ["slug", "title_en", "title_zh", "reaches", "effort_hours"]
    readonly_fields = ["slug"]
    ordering = ["reaches", "slug"]
    verbose_name_plural = _("transition steps (open one to edit its practice, resources and prerequisites)")


@admin.register(Skill)
class SkillAdmin(CatalogueAdmin):
    list_display = ["name_en", "name_zh", "theme", "position", "track_count", "question_count", "step_count"]
    list_display_links = ["name_en", "name_zh"]
    list_editable = ["position"]
    list_filter = ["theme", "requirements__track"]
    list_select_related = ["theme"]
    search_fields = ["slug", "name_en", "name_zh"]
    ordering = ["position", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    readonly_fields = ["add_links"]
    inlines = [QuestionInline, StepInline]
    fieldsets = [
        (None, {"fields": [("slug", "theme", "position")]}),
        (_("English | 中文"), {"fields": bilingual("name", "description")}),
        (_("Questions and steps"), {"fields": ["add_links"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_tracks=Count("requirements", distinct=True),
                n_questions=Count("questions", distinct=True),
                n_steps=Count("steps", distinct=True),
            )
        )

    @admin.display(description=_("tracks"), ordering="n_tracks")
    def track_count(self, skill: Skill) -> int:
        return skill.n_tracks

    @admin.display(description=_("questions"), ordering="n_questions")
    def question_count(self, skill: Skill) -> int:
        return skill.n_questions

    @admin.display(description=_("steps"), ordering="n_steps")
    def step_count(self, skill: Skill) -> int:
        return skill.n_steps

    @admin.display(description=_("add"))
    def add_links(self, skill: Skill) -> str:
        if skill.pk is None:
            return gettext("Save the skill first, then add its questions and steps.")
        return format_html(
            '<a class="addlink" href="{}?skill={}">{}</a> &nbsp; <a class="addlink" href="{}?skill={}">{}</a>',
            reverse("admin:catalogue_question_add"),
            skill.pk,
            gettext("Add a question for this skill"),
            reverse("admin:catalogue_step_add"),
            skill.pk,
            gettext("Add a transition step for this skill"),
        )

    def refuse_delete(self, objs: list[Skill]) -> str | None:
        reasons = []
        for skill in objs:
            if tracks := skill.requiring_tracks():
                reasons.append(
                    gettext("“%(skill)s” is still required by %(tracks)s")
                    % {"skill": skill, "tracks": join_list(f"“{t}”" for t in tracks)}
                )
        if reasons:
            return gettext("Nothing was deleted: %(reasons)s. Remove those requirements first.") % {
                "reasons": join_clauses(reasons)
            }
        return None
