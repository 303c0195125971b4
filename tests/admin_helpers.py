"""Helpers shared by the admin tests; the personas (editor, staff) are fixtures in conftest.py."""

from __future__ import annotations


def form_data(response) -> dict:
    """What the browser would send back for an admin change form, unchanged."""
    data: dict = {}
    forms = [("", response.context["adminform"].form)]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value() or field.initial or 0
        forms += [(f.prefix + "-", f) for f in formset.forms]
    for prefix, form in forms:
        for name in form.fields:
            value = form[name].value()
            key = f"{prefix}{name}" if prefix else name
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v.pk if hasattr(v, "pk") else v) for v in value]
            elif value is not None:
                data[key] = value
    return data
