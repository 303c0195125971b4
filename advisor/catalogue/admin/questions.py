"""Skill questions with their five answer choices, and the "about you" questions."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.admin import skip_rule
from advisor.catalogue.admin.base import CatalogueAdmin, bilingual
from advisor.catalogue.admin.fields import QuietRowsMixin
from advisor.catalogue.admin.forms import ChoiceInlineFormSet
from advisor.catalogue.models import MAX_LEVEL, Choice, ContextChoice, ContextQuestion, Question


class QuestionForm(forms.ModelForm):
    """The skip rule is chosen as checkboxes (skip_rule.py) and stored in the two model fields."""

    ask_only_when = skip_rule.SkipRuleField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["ask_only_when"]
        field.load()
        self.initial.setdefault("ask_only_when", skip_rule.initial(self.instance))

    def clean(self) -> dict:
        data = super().clean()
        if "ask_only_when" in data:
            try:
                question, values = skip_rule.rule(self.fields["ask_only_when"], data["ask_only_when"])
            except forms.ValidationError as error:
                self.add_error("ask_only_when", error)
            else:
                self.instance.skip_unless_question, self.instance.skip_unless_values = question, values
        return data


class ChoiceInline(QuietRowsMixin, admin.TabularInline):
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
    history_rows = ((Choice, "question", _("Changes to its answer choices")),)
    fieldsets = [
        (None, {"fields": [("slug", "skill", "position")]}),
        (_("English | 中文"), {"fields": bilingual("text", "help")}),
        (_("Who is asked"), {"fields": ["ask_only_when"]}),
    ]

    @admin.display(description=_("asked only sometimes"), boolean=True)
    def has_skip_rule(self, question: Question) -> bool:
        return question.skip_unless_question_id is not None

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ChoiceInline):
            # Empty rows come numbered with the levels still missing.
            have = set(obj.choices.values_list("level", flat=True)) if obj and obj.pk else set()
            kwargs["initial"] = [{"level": n} for n in range(MAX_LEVEL + 1) if n not in have]
        return kwargs


class ContextChoiceInline(QuietRowsMixin, admin.TabularInline):
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
    history_rows = ((ContextChoice, "question", _("Changes to its answers")),)
    fieldsets = [
        (None, {"fields": [("slug", "position")]}),
        (_("English | 中文"), {"fields": bilingual("text", "help")}),
    ]
