"""The questionnaire's radio groups, written out in Python: one screen holds up
to a hundred radios, and rendering them through the form template packs cost
most of a screen's time. The markup is Bootstrap's, as crispy-forms writes it:
a fieldset per question, its legend, the error announced to screen readers,
the choices, then the help text, tied to the fieldset by aria-describedby."""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def radio_group(field: forms.BoundField) -> SafeString:
    # Plain f-strings and the standard library's escape (the same entities as
    # Django's): format_html escaped every piece of every radio again, a third
    # of a screen's time. Labels and help may be safe strings, so they go
    # through conditional_escape.
    name, auto_id = escape(field.html_name), escape(field.auto_id)
    errors = field.errors
    value = field.value()
    chosen = "" if value is None else str(value)
    widget_class = field.field.widget.attrs.get("class", "")
    input_class = escape(" ".join(filter(None, ["form-check-input", widget_class, "is-invalid" if errors else ""])))
    invalid = ' aria-invalid="true"' if errors else ""
    described = [f"{auto_id}_error"] if errors else []
    if field.help_text:
        described.append(f"{auto_id}_helptext")
    head = f'<div class="form-check"><input type="radio" class="{input_class}" name="{name}" value="'
    choices = " ".join(
        f'{head}{escape(str(v))}" id="{auto_id}_{i}" required{" checked" if str(v) == chosen else ""}{invalid}>'
        f' <label for="{auto_id}_{i}" class="form-check-label">{conditional_escape(label)}</label></div>'
        for i, (v, label) in enumerate(field.field.choices)
    )
    # No role="alert" here: the error summary at the top is the one alert (tied by aria-describedby).
    error = (
        f'<div id="{auto_id}_error" class="invalid-feedback d-block mb-2"><strong>{conditional_escape(errors[0])}</strong></div>'
        if errors
        else ""
    )
    help_text = (
        f'<div id="{auto_id}_helptext" class="form-text">{conditional_escape(field.help_text)}</div>'
        if field.help_text
        else ""
    )
    describedby = f' aria-describedby="{" ".join(described)}"' if described else ""
    return mark_safe(  # noqa: S308 (every piece above is escaped)
        f'<div id="div_{auto_id}" class="mb-3"><fieldset{describedby}><legend class="form-label requiredField fs-6">'
        f'{conditional_escape(field.label)}<span class="asteriskField">*</span></legend>{error}<div>{choices}</div>'
        f"{help_text}</fieldset></div>"
    )


def radio_groups(form: forms.Form) -> SafeString:
    return mark_safe("\n".join(radio_group(field) for field in form))  # noqa: S308 (radio_group escapes)
