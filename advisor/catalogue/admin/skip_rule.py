"""A question's skip rule, chosen as checkboxes: the answers of the "about you"
questions, grouped by question. The rule asks the question only when the
person's answer to one about-you question is one of the ticked answers; it is
stored as before (`skip_unless_question` and the list `skip_unless_values`),
so the questionnaire, the import and the export read it unchanged.

Every group is in the page, so it works without JavaScript; a group is folded
(<details>) unless one of its answers is ticked."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.catalogue.models import ContextChoice, ContextQuestion, Question
from advisor.i18n import join_list

SEPARATOR = ":"


def option(question_pk: int, value: str) -> str:
    """One checkbox's value: the about-you question and its answer's stored value."""
    return f"{question_pk}{SEPARATOR}{value}"


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    template_name = "admin/catalogue/widgets/skip_rule.html"

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine, where the admin's templates live.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["groups"] = [
            {"name": group, "options": options, "ticked": sum(bool(o["selected"]) for o in options)}
            for group, options, _index in context["widget"]["optgroups"]
        ]
        return context


class SkipRuleField(forms.MultipleChoiceField):
    widget = GroupedCheckboxes

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Ask only when the answer to an about-you question is"),
            required=False,
            help_text=_(
                "Tick the answers of one about-you question. The question is asked only of people who gave one "
                "of the ticked answers; tick nothing to ask everyone."
            ),
            **kwargs,
        )

    def load(self) -> None:
        """The groups, read when the form is made: about-you questions in their order, each with its answers."""
        groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        rows = ContextChoice.objects.select_related("question").order_by("question__position", "question__slug")
        for choice in rows.order_by("question__position", "question__slug", "position", "value"):
            group = groups.setdefault(choice.question_id, (str(choice.question), []))
            group[1].append((option(choice.question_id, choice.value), str(choice.label)))
        self.choices = list(groups.values())
        self.question_names = {pk: name for pk, (name, _options) in groups.items()}


def initial(question: Question) -> list[str]:
    if question.skip_unless_question_id is None:
        return []
    return [option(question.skip_unless_question_id, str(v)) for v in question.skip_unless_values or []]


def rule(field: SkipRuleField, ticked: list[str]) -> tuple[ContextQuestion | None, list[str]]:
    """The stored rule for the ticked boxes, or a ValidationError an editor can act on."""
    if not ticked:
        return None, []
    by_question: dict[int, list[str]] = {}
    for item in ticked:
        pk, value = item.split(SEPARATOR, 1)
        by_question.setdefault(int(pk), []).append(value)
    if len(by_question) > 1:
        names = [name for pk, name in field.question_names.items() if pk in by_question]
        raise forms.ValidationError(
            gettext(
                "A question can depend on one about-you question only, but you ticked answers of %(questions)s. "
                "Untick the answers of all but one of them."
            )
            % {"questions": join_list(f"“{n}”" for n in names)}
        )
    ((pk, values),) = by_question.items()
    question = ContextQuestion.objects.get(pk=pk)
    order = list(question.choices.order_by("position", "value").values_list("value", flat=True))
    if set(values) >= set(order):
        raise forms.ValidationError(
            gettext(
                "You ticked every answer of “%(question)s”, so the question would be asked of everyone anyway. "
                "Untick the answers of the people who should not be asked, or untick all of them."
            )
            % {"question": question}
        )
    return question, sorted(values, key=order.index)
