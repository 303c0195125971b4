"""Personas and helpers shared by the admin tests (imported by test_admin_*.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

EDITOR_GROUP = "catalogue editor"


@pytest.fixture
def editor(db, django_user_model):
    """Erin edits the catalogue: staff, in the editor group, nothing else."""
    user = django_user_model.objects.create_user("erin", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    """Stan is staff but in no group: he may log in to the admin and do nothing."""
    client.force_login(django_user_model.objects.create_user("stan", is_staff=True))
    return client


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


def test_the_editor_group_exists_after_migrating(db):
    assert Group.objects.filter(name=EDITOR_GROUP).exists()
