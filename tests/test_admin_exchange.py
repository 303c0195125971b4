"""The admin's Export and Import pages: download, upload, preview the diff, confirm."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from advisor.catalogue import models as m
from advisor.questionnaire.models import Answer, Assessment
from tests.catalogue_data import dump, small

EXPORT, IMPORT = reverse("admin:catalogue_export"), reverse("admin:catalogue_import")


pytestmark = pytest.mark.usefixtures("small_catalogue")


def upload(client, name: str, content: str, **extra):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content.encode())} | extra)


def renamed() -> dict:
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    return data


def test_the_track_list_links_to_export_and_import(editor_client):
    page = editor_client.get(reverse("admin:catalogue_track_changelist")).text
    assert f'href="{EXPORT}"' in page and f'href="{IMPORT}"' in page


def test_the_export_page_offers_three_downloads(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        page = editor_client.get(EXPORT).text
    assert 'href="?format=yaml"' in page and 'href="?format=json"' in page and 'href="?format=csv"' in page


@pytest.mark.parametrize(("fmt", "filename"), [("yaml", "catalogue-v1.yaml"), ("json", "catalogue-v1.json")])
def test_the_export_downloads_the_same_file_as_the_command(editor_client, fmt, filename, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = editor_client.get(EXPORT, {"format": fmt})
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    out = io.StringIO()
    call_command("export_catalogue", "--format", fmt, stdout=out)
    assert response.content.decode() == out.getvalue()


def test_the_csv_export_downloads_the_requirement_table(editor_client):
    response = editor_client.get(EXPORT, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines()[0] == "track,skill,importance,target,essential,source"


def test_an_upload_shows_the_diff_and_writes_nothing_yet(editor_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = upload(editor_client, "new.yaml", dump(renamed()))
    assert response.status_code == 200
    assert "<strong>Track “Promotion”</strong> · changed" in response.text
    assert "<li>Name (English): “Promotion” → “Promotion &amp; ads”</li>" in response.text
    assert "&#x27;promotion&#x27;" not in response.text and "name.en" not in response.text
    assert "0 added, 1 changed, 0 removed, 0 left alone." in response.text
    assert 'name="confirm"' in response.text
    assert m.Track.objects.get(slug="promotion").name_en == "Promotion"


def test_confirming_writes_the_changes_with_the_user_and_a_version(editor_client, editor):
    preview = upload(editor_client, "new.yaml", dump(renamed()))
    data = {"upload": preview.context["confirm"]["upload"].value(), "confirm": "1"}

    response = editor_client.post(IMPORT, data, follow=True)

    assert "Imported new.yaml: 0 added, 1 changed, 0 removed, 0 left alone." in response.text
    assert "The catalogue is now at version 2." in response.text
    track = m.Track.objects.get(slug="promotion")
    assert track.name_en == "Promotion & ads"
    assert track.history.first().history_user == editor
    version = m.CatalogueVersion.current()
    assert version.created_by == editor and version.note == "Import of new.yaml"


def test_confirming_after_someone_else_edited_shows_a_fresh_preview(editor_client):
    preview = upload(editor_client, "new.yaml", dump(renamed()))
    data = {"upload": preview.context["confirm"]["upload"].value(), "confirm": "1"}
    m.Track.objects.filter(slug="content-operation").update(name_en="Edited meanwhile")

    response = editor_client.post(IMPORT, data)

    assert "The catalogue changed since this preview was made." in response.text
    assert "<li>Name (English): “Edited meanwhile” → “Content operation”</li>" in response.text
    assert m.Track.objects.get(slug="promotion").name_en == "Promotion"


def test_a_file_that_matches_says_there_is_nothing_to_import(editor_client):
    response = upload(editor_client, "same.json", json.dumps(small()))
    assert "No changes: the file matches the catalogue." in response.text
    assert 'name="confirm"' not in response.text


def test_a_bad_file_is_refused_with_a_400_naming_the_entry(editor_client):
    data = small()
    data["steps"][0]["prerequisites"] = ["proto-1"]
    response = upload(editor_client, "bad.yaml", dump(data))
    assert response.status_code == 400
    assert "bad.yaml: step &#x27;copy-1&#x27;: prerequisites form a cycle: copy-1 → proto-1 → copy-1" in response.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "Upload a .yaml, .yml, .json or .csv file."),
        ("latin.yaml", "caf\xe9".encode("latin-1"), "The file is not UTF-8 text."),
    ],
)
def test_an_unreadable_upload_is_refused_with_a_400(editor_client, name, content, message):
    response = editor_client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and message in response.text


def test_an_incomplete_confirmation_is_refused_with_a_400(editor_client):
    response = editor_client.post(IMPORT, {"confirm": "1", "name": "x.yaml"})
    assert response.status_code == 400 and "The confirmation was incomplete" in response.text


def test_a_prune_that_would_delete_answered_questions_is_refused(editor_client):
    Answer.objects.create(
        assessment=Assessment.objects.create(), question=m.Question.objects.get(slug="copy-q"), level=1
    )
    data = small()
    data["questions"][0]["slug"] = "copy-q-renamed"
    response = upload(editor_client, "renamed.yaml", dump(data), prune="on")
    assert "<strong>Question “Copy?” · web address name copy-q</strong> · removed" in response.text
    assert "<strong>Question “Copy?” · web address name copy-q-renamed</strong> · added" in response.text
    assert "This file cannot be imported: it would delete entries that saved answers use." in response.text
    assert "Question “Copy?” · web address name copy-q is used by answers (1): keep it in the file" not in response.text
    assert "Question “Copy?” is used by answers (1): keep it in the file, or delete it in the admin first." in (
        response.text
    )
    assert 'name="confirm"' not in response.text
