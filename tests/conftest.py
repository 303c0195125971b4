from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed catalogue once for the whole run; each test's transaction rolls back on top of it.

    Loading it per test cost seconds a test. Tests that need the live server
    (transactional) flush the database, and pytest-django runs them last; they
    load the catalogue themselves."""
    with django_db_blocker.unblock():
        call_command("load_catalogue", verbosity=0)


@pytest.fixture
def seeded(db):
    """The real seed catalogue (loaded once per run by django_db_setup)."""


def wipe_catalogue() -> None:
    """Delete every catalogue row and its history, without signals (inside the test's transaction)."""
    models = list(apps.get_app_config("catalogue").get_models())
    with connection.cursor() as cursor:
        for model in models:
            for field in model._meta.local_many_to_many:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(field.remote_field.through._meta.db_table)}")
        for model in reversed(models):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.fixture
def empty_catalogue(db):
    """An empty catalogue, for tests that load their own."""
    wipe_catalogue()


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
