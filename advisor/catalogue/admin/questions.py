"""Skill questions with their five answer choices, and the "about you" questions."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.admin.base import CatalogueAdmin, bilingual
from advisor.catalogue.admin.forms import ChoiceInlineFormSet
from advisor.catalogue.models import MAX_LEVEL, Choice, ContextChoice, ContextQuestion, Question


class QuestionForm(forms.ModelForm):
    def clean(self) -> dict:
        data = super().clean()
        question, values = data.get("skip_unless_question"), data.get("skip_unless_values") or []
        if question is None and values:
            self.add_error("skip_unless_question", gettext("Choose the context question these values belong to."))
        elif question is not None:
            known = set(question.choices.values_list("value", flat=True))
            if not values or not isinstance(values, list) or not {str(v) for v in values} <= known:
                self.add_error(
                    "skip_unless_values",
                    gettext("Give a list of values of “%(question)s”, from: %(values)s.")
                    % {"question": question, "values": ", ".join(sorted(known))},
                )
        return data


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceInlineFormSet
    fields = ["level", "label_en", "label_zh"]
    max_num = MAX_LEVEL + 1
    ordering = ["level"]

    def get_extra(self, request, obj=None, **kwargs):
        return MAX_LEVEL + 1 - (obj.choices.count() if obj else 0)


@admin.register(Question)
class QuestionAdmin(CatalogueAdmin):
    form = QuestionForm
    list_display = ["text_en", "skill", "position", "has_skip_rule"]
    list_filter = ["skill__theme", "skill"]
    list_select_related = ["skill"]
    search_fields = ["slug", "text_en", "text_zh", "skill__name_en", "skill__name_zh"]
    ordering = ["position", "slug"]
    prepopulated_fields = {"slug": ["text_en"]}
    inlines = [ChoiceInline]
    fieldsets = [
        (None, {"fields": [("slug", "skill", "position")]}),
        (_("English | 中文"), {"fields": bilingual("text", "help")}),
        (
            _("Ask only when"),
            {"fields": [("skip_unless_question", "skip_unless_values")], "description": _('For example ["yes"].')},
        ),
    ]

    @admin.display(description=_("skip rule"), boolean=True)
    def has_skip_rule(self, question: Question) -> bool:
        return question.skip_unless_question_id is not None

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ChoiceInline):
            # Empty rows come numbered with the levels still missing.
            have = set(obj.choices.values_list("level", flat=True)) if obj and obj.pk else set()
            kwargs["initial"] = [{"level": n} for n in range(MAX_LEVEL + 1) if n not in have]
        return kwargs


class ContextChoiceInline(admin.TabularInline):
    model = ContextChoice
    fields = ["value", "position", "label_en", "label_zh", "number", "track"]
    extra = 0
    ordering = ["position"]


@admin.register(ContextQuestion)
class ContextQuestionAdmin(CatalogueAdmin):
    list_display = ["text_en", "text_zh", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["slug", "text_en", "text_zh"]
    ordering = ["position", "slug"]
    inlines = [ContextChoiceInline]
    fieldsets = [
        (None, {"fields": [("slug", "position")]}),
        (_("English | 中文"), {"fields": bilingual("text", "help")}),
    ]
