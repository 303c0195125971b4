"""Every admin change is recorded with who, when and what, can be reverted,
and adds exactly one catalogue version per save."""

from __future__ import annotations

import pytest
from django.urls import reverse

from advisor.catalogue import models as m
from tests.admin_helpers import form_data
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("small_catalogue")


def rename_track(client, name: str) -> m.Track:
    track = m.Track.objects.get(slug="promotion")
    data = form_data(client.get(admin_url(m.Track, "change", track.pk)))
    data["name_en"] = name
    assert client.post(admin_url(m.Track, "change", track.pk), data).status_code == 302
    return track


def test_loading_the_catalogue_records_the_first_version():
    version = m.CatalogueVersion.current()
    assert version.number == 1 and version.note == "load_catalogue small.yaml"
    assert version.snapshot["tracks"][0]["slug"] == "promotion"


def test_an_admin_change_is_recorded_with_the_user(editor_client, editor):
    track = rename_track(editor_client, "Promotion & ads")
    record = track.history.first()
    assert record.history_user == editor and record.history_type == "~"
    assert record.name_en == "Promotion & ads"
    assert record.prev_record.name_en == "Promotion"


def test_the_history_page_shows_who_changed_what(editor_client):
    track = rename_track(editor_client, "Promotion & ads")
    page = editor_client.get(admin_url(m.Track, "history", track.pk)).text
    assert ">erin</a>" in page
    assert "<strong>Name · English:</strong>" in page and "&rarr;&nbsp;&nbsp;Promotion &amp; ads" in page


def test_inline_requirement_changes_are_recorded_with_the_user(editor_client, editor):
    track = m.Track.objects.get(slug="content-operation")
    response = editor_client.get(admin_url(m.Track, "change", track.pk))
    data = form_data(response)
    forms = response.context["inline_admin_formsets"][0].formset.forms
    index = next(i for i, f in enumerate(forms) if f.instance.pk and f.instance.skill.slug == "prototyping")
    data[f"requirements-{index}-importance"] = 4
    assert editor_client.post(admin_url(m.Track, "change", track.pk), data).status_code == 302
    req = track.requirements.get(skill__slug="prototyping")
    assert req.history.first().history_user == editor
    assert [h.importance for h in req.history.all()] == [4, 2]


def test_reverting_to_an_earlier_record_restores_it(editor_client):
    track = rename_track(editor_client, "Promotion & ads")
    old = track.history.order_by("history_id").first()
    revert_url = reverse("admin:catalogue_track_simple_history", args=[track.pk, old.history_id])
    response = editor_client.get(revert_url)
    assert response.status_code == 200 and "Revert" in response.text

    assert editor_client.post(revert_url, form_data(response)).status_code == 302

    track.refresh_from_db()
    assert track.name_en == "Promotion"
    assert m.CatalogueVersion.objects.first().snapshot["tracks"][0]["name"]["en"] == "Promotion"


def test_step_prerequisite_changes_are_in_the_history(editor_client):
    step = m.Step.objects.get(slug="proto-1")
    data = form_data(editor_client.get(admin_url(m.Step, "change", step.pk)))
    data["prerequisites"] = []
    assert editor_client.post(admin_url(m.Step, "change", step.pk), data).status_code == 302
    latest = step.history.first()
    assert list(latest.prerequisites.all()) == []
    assert [p.to_step.slug for p in latest.prev_record.prerequisites.all()] == ["copy-1"]


def test_each_save_adds_one_version_whatever_the_rows_it_writes(editor_client, editor):
    track = m.Track.objects.get(slug="content-operation")
    response = editor_client.get(admin_url(m.Track, "change", track.pk))
    data = form_data(response)
    for i in range(2):  # both requirement rows and the track itself
        data[f"requirements-{i}-target"] = 1
    data["name_en"] = "Content ops"
    before = m.CatalogueVersion.objects.count()

    assert editor_client.post(admin_url(m.Track, "change", track.pk), data).status_code == 302

    assert m.CatalogueVersion.objects.count() == before + 1
    version = m.CatalogueVersion.objects.first()
    assert version.created_by == editor
    assert version.note == "Changed track “Content ops”"
    assert {r["target"] for r in version.snapshot["requirements"] if r["track"] == "content-operation"} == {1}


def test_saving_without_a_change_adds_no_version(editor_client):
    track = m.Track.objects.get(slug="promotion")
    data = form_data(editor_client.get(admin_url(m.Track, "change", track.pk)))
    before = m.CatalogueVersion.objects.count()
    assert editor_client.post(admin_url(m.Track, "change", track.pk), data).status_code == 302
    assert m.CatalogueVersion.objects.count() == before


def test_a_list_edit_of_many_rows_adds_one_version(editor_client):
    reqs = list(m.Requirement.objects.all())
    data = {"form-TOTAL_FORMS": len(reqs), "form-INITIAL_FORMS": len(reqs), "_save": "Save"}
    for i, req in enumerate(reqs):
        data |= {f"form-{i}-id": req.pk, f"form-{i}-importance": 5, f"form-{i}-target": req.target}
        if req.essential:
            data[f"form-{i}-essential"] = "on"
    before = m.CatalogueVersion.objects.count()
    # The changelist lists rows in its own order; the ids carry the match.
    assert editor_client.post(admin_url(m.Requirement, "changelist"), data).status_code == 302
    assert m.CatalogueVersion.objects.count() == before + 1


def test_a_delete_adds_a_version(editor_client):
    step = m.Step.objects.get(slug="proto-1")
    before = m.CatalogueVersion.objects.count()
    assert editor_client.post(admin_url(m.Step, "delete", step.pk), {"post": "yes"}).status_code == 302
    assert m.CatalogueVersion.objects.count() == before + 1
    assert m.CatalogueVersion.objects.first().note == "Deleted step “Draw”"
    assert step.history.first().history_type == "-"


def test_current_is_the_latest_version(editor_client):
    rename_track(editor_client, "Promotion & ads")
    assert m.CatalogueVersion.current().number == 2
    assert m.CatalogueVersion.current() == m.CatalogueVersion.objects.order_by("-number").first()


def test_reading_pages_never_records_a_version(editor_client):
    m.CatalogueVersion.objects.all().delete()
    export = editor_client.get(reverse("admin:catalogue_export") + "?format=yaml")
    assert export["Content-Disposition"] == 'attachment; filename="catalogue.yaml"'
    assert editor_client.get(admin_url(m.Track, "changelist")).status_code == 200
    assert m.CatalogueVersion.current() is None and not m.CatalogueVersion.objects.exists()


def test_versions_are_listed_read_only(editor_client):
    rename_track(editor_client, "Promotion & ads")
    version = m.CatalogueVersion.objects.first()
    listing = editor_client.get(admin_url(m.CatalogueVersion, "changelist")).text
    assert "Changed track “Promotion &amp; ads”" in listing and "erin" in listing
    page = editor_client.get(admin_url(m.CatalogueVersion, "change", version.pk))
    assert page.status_code == 200 and "2 tracks, 2 skills, 3 requirements" in page.text
    assert 'name="_save"' not in page.text
    assert editor_client.get(admin_url(m.CatalogueVersion, "add")).status_code == 403
    assert editor_client.post(admin_url(m.CatalogueVersion, "delete", version.pk), {"post": "yes"}).status_code == 403


def test_a_version_downloads_as_a_catalogue_file(editor_client):
    version = m.CatalogueVersion.current()
    response = editor_client.get(reverse("admin:catalogue_catalogueversion_download", args=[version.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="catalogue-v1.yaml"'
    assert "slug: content-operation" in response.content.decode()
