from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.compiled import ContextChoice, ContextQuestion, Question
from advisor.questionnaire.flow import Flow, Section
from advisor.questionnaire.radios import radio_groups

CONTEXT_PREFIX = "c-"
SKILL_PREFIX = "q-"
SKILL_ERRORS = {
    "required": _("Please choose the answer closest to what you have actually done."),
    "invalid_choice": _("That answer is not one of the choices shown. Please choose again."),
}
CONTEXT_ERRORS = SKILL_ERRORS | {"required": _("Please choose one answer.")}


class SectionForm(forms.Form):
    """One screen of the questionnaire: a radio group per question."""

    def __init__(self, section: Section, flow: Flow, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for q in section.context_questions:
            chosen = flow.context.get(q.slug)
            self.fields[CONTEXT_PREFIX + q.slug] = forms.ChoiceField(
                label=q.text,
                help_text=q.help,
                choices=[(c.value, c.label) for c in q.choices],
                widget=forms.RadioSelect,
                error_messages=CONTEXT_ERRORS,
                initial=chosen.value if chosen else None,
            )
        for q in section.questions:
            self.fields[SKILL_PREFIX + q.slug] = forms.TypedChoiceField(
                label=q.text,
                help_text=q.help,
                choices=[(str(c.level), c.label) for c in q.choices],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "level-choice"}),
                error_messages=SKILL_ERRORS,
                initial=str(flow.levels[q.slug]) if q.slug in flow.levels else None,
            )

    def as_radios(self):
        """Every question as a Bootstrap radio group (radios.py), for the screen's template."""
        return radio_groups(self)

    def unknown_fields(self) -> list[str]:
        """Posted question fields that are not on this screen: tampered or from another section."""
        return sorted(
            key for key in self.data if key.startswith((CONTEXT_PREFIX, SKILL_PREFIX)) and key not in self.fields
        )

    def answers(self) -> tuple[dict[ContextQuestion, ContextChoice], dict[Question, int]]:
        """The answers that passed validation, even when others are missing, so nothing given is lost."""
        self.is_valid()
        data = self.cleaned_data
        context = {
            q: next(c for c in q.choices if c.value == data[CONTEXT_PREFIX + q.slug])
            for q in self.section.context_questions
            if CONTEXT_PREFIX + q.slug in data
        }
        levels = {q: data[SKILL_PREFIX + q.slug] for q in self.section.questions if SKILL_PREFIX + q.slug in data}
        return context, levels
