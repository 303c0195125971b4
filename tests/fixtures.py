"""What the test modules share: the catalogues they start from, the people who
use the app, and the addresses they open. Loaded for every test run through
`-p tests.fixtures` (pyproject.toml)."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.catalogue_data import dump, small

PASSWORD = "plum-orchard-47-lantern"
NEW_PASSWORD = "quiet-harbour-82-violin"
EDITOR_GROUP = "catalogue editor"


# --- addresses -------------------------------------------------------------------


def admin_url(model, view: str, *args) -> str:
    """An admin page of a model: admin_url(Track, "change", track.pk)."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# --- catalogues ------------------------------------------------------------------


def load(data: dict, tmp_path, name: str = "catalogue.yaml") -> None:
    """Load a catalogue given as data, through a file, as an admin would."""
    path = tmp_path / name
    path.write_text(dump(data), encoding="utf-8")
    call_command("load_catalogue", str(path), stdout=io.StringIO())


def wipe_catalogue() -> None:
    """Delete every catalogue row and its history, without signals (inside the test's transaction)."""
    models = list(apps.get_app_config("catalogue").get_models())
    with connection.cursor() as cursor:
        for model in models:
            for field in model._meta.local_many_to_many:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(field.remote_field.through._meta.db_table)}")
        for model in reversed(models):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.fixture(autouse=True)
def fresh_compiled_catalogue():
    """Tests change the catalogue behind the admin's back (and roll it back): the
    copy the process keeps is dropped around each one."""
    from django.core.cache import cache

    from advisor.catalogue import compiled

    compiled.forget()
    cache.clear()
    yield
    compiled.forget()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the process's `throttle` cache: each test starts
    with none, so the limits hold at their real values within a test."""
    from django.core.cache import caches

    caches["throttle"].clear()


@pytest.fixture
def seeded(db):
    """The real seed catalogue. It is loaded once per run (conftest.py); a test that
    runs after a flushing browser test loads it again, inside its own transaction."""
    from advisor.catalogue.models import Track

    if not Track.objects.exists():
        call_command("load_catalogue", verbosity=0)


@pytest.fixture
def warm(seeded):
    """The seed catalogue, already compiled, as a running server holds it after its
    first request: query counts then measure a request, not the one-off build."""
    from advisor.catalogue import compiled

    return compiled.current()


@pytest.fixture
def empty_catalogue(db):
    """An empty catalogue, for tests that load their own."""
    wipe_catalogue()


@pytest.fixture
def small_catalogue(empty_catalogue, tmp_path):
    """The small catalogue of catalogue_data.py: two tracks, two skills."""
    load(small(), tmp_path, "small.yaml")


@pytest.fixture
def catalogue_with_roles(empty_catalogue, tmp_path):
    """The small catalogue with a current-role question, for the insights page:
    "promoter" (whose track is promotion) and "writer" (no track)."""
    from tests.catalogue_data import t

    data = small()
    data["context_questions"].append(
        {
            "slug": "current_role",
            "text": t("Role?"),
            "choices": [
                {"value": "promoter", "label": t("Promoter"), "track": "promotion"},
                {"value": "writer", "label": t("Writer")},
            ],
        }
    )
    load(data, tmp_path)


# --- people ----------------------------------------------------------------------


def alice(**fields):
    """Alice has an account with an email address."""
    return get_user_model().objects.create_user("alice", fields.pop("email", "alice@example.com"), PASSWORD, **fields)


def bob():
    """Bob signed up without an email address."""
    return get_user_model().objects.create_user("bob", "", PASSWORD)


@pytest.fixture
def editor(db, django_user_model):
    """Erin edits the catalogue: staff, in the editor group, nothing else."""
    from django.contrib.auth.models import Group

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
