"""The questionnaire's radio groups, written out in Python: one screen holds up
to a hundred radios, and rendering them through the form template packs cost
most of a screen's time. The markup is Bootstrap's, as crispy-forms writes it:
a fieldset per question, its legend, the error announced to screen readers,
the choices, then the help text, tied to the fieldset by aria-describedby."""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def radio_group(field: forms.BoundField) -> SafeString:
    name, auto_id = field.html_name, field.auto_id
    errors = list(field.errors)
    value = field.value()
    chosen = "" if value is None else str(value)
    widget_class = field.field.widget.attrs.get("class", "")
    input_class = " ".join(filter(None, ["form-check-input", widget_class, "is-invalid" if errors else ""]))
    invalid = mark_safe(' aria-invalid="true"') if errors else ""
    described = [f"{auto_id}_error"] if errors else []
    if field.help_text:
        described.append(f"{auto_id}_helptext")
    choices = format_html_join(
        " ",
        '<div class="form-check"><input type="radio" class="{}" name="{}" value="{}" id="{}_{}" required{}{}>'
        ' <label for="{}_{}" class="form-check-label">{}</label></div>',
        (
            (
                input_class,
                name,
                v,
                auto_id,
                i,
                mark_safe(" checked") if str(v) == chosen else "",
                invalid,
                auto_id,
                i,
                label,
            )
            for i, (v, label) in enumerate(field.field.choices)
        ),
    )
    error = (
        format_html(
            # No role="alert" here: the error summary at the top is the one alert (tied by aria-describedby).
            '<div id="{}_error" class="invalid-feedback d-block mb-2"><strong>{}</strong></div>',
            auto_id,
            errors[0],
        )
        if errors
        else ""
    )
    help_text = (
        format_html('<div id="{}_helptext" class="form-text">{}</div>', auto_id, field.help_text)
        if field.help_text
        else ""
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset{}><legend class="form-label requiredField fs-6">{}'
        '<span class="asteriskField">*</span></legend>{}<div>{}</div>{}</fieldset></div>',
        auto_id,
        format_html(' aria-describedby="{}"', " ".join(described)) if described else "",
        conditional_escape(field.label),
        error,
        choices,
        help_text,
    )


def radio_groups(form: forms.Form) -> SafeString:
    return mark_safe("\n".join(radio_group(field) for field in form))
