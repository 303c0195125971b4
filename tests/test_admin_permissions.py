"""Who may do what in the admin: editors edit the catalogue and nothing else,
superusers everything, anonymous visitors nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from advisor.catalogue import models as m
from advisor.questionnaire.models import Answer, Assessment, ContextAnswer
from advisor.reports.models import Report, StepProgress
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("seeded")

CATALOGUE = [m.Theme, m.Track, m.Skill, m.Requirement, m.ContextQuestion, m.Question, m.Step]
EXCHANGE = ["admin:catalogue_export", "admin:catalogue_import"]


def test_the_editor_sees_the_catalogue_and_nothing_else_on_the_admin_index(editor_client):
    response = editor_client.get(reverse("admin:index"))
    apps = {app["app_label"]: {model["object_name"] for model in app["models"]} for app in response.context["app_list"]}
    assert set(apps) == {"catalogue"}
    assert {"Track", "Skill", "Requirement", "Question", "Step", "CatalogueVersion"} <= apps["catalogue"]


@pytest.mark.parametrize("model", CATALOGUE, ids=lambda model: model.__name__)
def test_the_editor_can_add_change_delete_and_view_the_catalogue(editor, model):
    name = model._meta.model_name
    assert editor.has_perms([f"catalogue.{action}_{name}" for action in ("add", "change", "delete", "view")])


def test_the_editor_can_view_history_and_versions_but_not_write_them(editor):
    assert editor.has_perms(["catalogue.view_historicaltrack", "catalogue.view_catalogueversion"])
    assert not editor.has_perm("catalogue.change_catalogueversion")
    assert not editor.has_perm("catalogue.change_historicaltrack")


@pytest.mark.parametrize("name", ["auth_user", "auth_group"])
def test_the_editor_gets_403_on_users_and_groups(editor_client, name):
    assert editor_client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert editor_client.get(reverse(f"admin:{name}_add")).status_code == 403


@pytest.mark.parametrize(
    ("model", "status"),
    # Saved reports have an admin page (superusers only): it is forbidden. The
    # others have none at all, so their address does not exist.
    [(Assessment, 404), (Answer, 404), (ContextAnswer, 404), (Report, 403), (StepProgress, 404)],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_the_editor_cannot_see_assessments_answers_or_reports(editor, editor_client, model, status):
    opts = model._meta
    assert not editor.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    response = editor_client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
    assert response.status_code == status


def test_the_editor_can_open_the_catalogue_pages_and_the_import_and_export(editor_client):
    for model in CATALOGUE:
        assert editor_client.get(admin_url(model, "changelist")).status_code == 200
    for name in EXCHANGE:
        assert editor_client.get(reverse(name)).status_code == 200


def test_a_staff_member_outside_the_group_sees_no_catalogue(staff_client):
    assert staff_client.get(admin_url(m.Track, "changelist")).status_code == 403
    for name in EXCHANGE:
        assert staff_client.get(reverse(name)).status_code == 403


def test_a_superuser_can_do_everything(admin_client):
    for model in CATALOGUE:
        assert admin_client.get(admin_url(model, "add")).status_code == 200
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200
    for name in EXCHANGE:
        assert admin_client.get(reverse(name)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    track = m.Track.objects.first()
    for path in [
        admin_url(m.Track, "changelist"),
        admin_url(m.Track, "change", track.pk),
        admin_url(m.Track, "history", track.pk),
    ]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    for name in EXCHANGE:
        response = client.get(reverse(name) + "?format=yaml")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_editor_without_delete_rights_cannot_prune_on_import(editor, editor_client, tmp_path):
    from django.contrib.auth.models import Permission

    editor.groups.clear()
    codes = [f"{a}_{n}" for a in ("add", "change", "view") for n in ("proficiencylevel", "theme", "track", "skill")]
    codes += [f"{a}_{n}" for a in ("add", "change", "view") for n in ("requirement", "contextquestion")]
    codes += [f"{a}_{n}" for a in ("add", "change", "view") for n in ("contextchoice", "question", "choice", "step")]
    codes += [f"{a}_{n}" for a in ("add", "change", "view") for n in ("resource", "source", "route", "routelead")]
    codes += [f"{a}_{n}" for a in ("add", "change", "view") for n in ("post", "marketfact")]
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="catalogue", codename__in=codes))
    upload = tmp_path / "c.csv"
    upload.write_text("track,skill,importance,target,essential\npromotion,seo,5,4,true\n", encoding="utf-8")
    with upload.open("rb") as f:
        assert editor_client.post(reverse("admin:catalogue_import"), {"file": f, "prune": "on"}).status_code == 403
    with upload.open("rb") as f:
        assert editor_client.post(reverse("admin:catalogue_import"), {"file": f}).status_code == 200


def test_the_editor_group_exists_after_migrating(db):
    assert Group.objects.filter(name="catalogue editor").exists()
