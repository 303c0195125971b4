"""The admin import keeps the uploaded file server-side between its preview and its
confirm: any file the preview accepts can be confirmed, whatever its size; only its
uploader can confirm it, and only for a while. The preview says which rows a file
replaces even when no entry is pruned."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from advisor.catalogue import models as m
from advisor.catalogue.models.imports import LIFETIME
from tests.catalogue_data import dump, small

IMPORT = reverse("admin:catalogue_import")

pytestmark = pytest.mark.usefixtures("small_catalogue")


def upload(client, name: str, content: str, **extra):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content.encode())} | extra)


def confirm(client, key: str):
    return client.post(IMPORT, {"confirm": "1", "upload": key})


def key_of(preview) -> str:
    assert preview.status_code == 200 and 'name="confirm"' in preview.text
    return preview.context["confirm"]["upload"].value()


def renamed(name: str = "Promotion & ads") -> str:
    data = small()
    data["tracks"][0]["name"]["en"] = name
    return dump(data)


def test_a_file_over_the_form_field_limit_previews_and_confirms(editor_client, settings):
    # Django caps a form's non-file fields at 2.5 MiB: the old confirm, which posted
    # the file back as a field, got a 400 for a file like this one.
    settings.CATALOGUE_IMPORT_MAX_BYTES = 4 * 1024 * 1024
    data = small()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    content = json.dumps(data, indent=1) + " " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 100_000)
    assert len(content.encode()) > 2.5 * 1024 * 1024

    key = key_of(upload(editor_client, "big.json", content))
    response = confirm(editor_client, key)

    assert response.status_code == 302
    assert m.Track.objects.get(slug="promotion").name_en == "Promotion & ads"
    assert not m.PendingImport.objects.exists()  # nothing left behind once written


def test_only_the_uploader_can_confirm(editor_client, django_user_model):
    key = key_of(upload(editor_client, "new.yaml", renamed()))
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("sam", password="pw"))

    response = confirm(other, key)

    assert response.status_code == 404
    assert "No upload is waiting under this confirmation" in response.context["error"]
    assert m.Track.objects.get(slug="promotion").name_en == "Promotion"
    assert confirm(editor_client, key).status_code == 302  # still the uploader's to confirm
    assert m.Track.objects.get(slug="promotion").name_en == "Promotion & ads"


def test_an_unknown_key_and_a_second_press_get_a_404_and_write_nothing(editor_client):
    assert confirm(editor_client, "not-a-key").status_code == 404
    key = key_of(upload(editor_client, "new.yaml", renamed()))
    assert confirm(editor_client, key).status_code == 302
    versions = m.CatalogueVersion.objects.count()

    response = confirm(editor_client, key)

    assert response.status_code == 404
    assert "it was imported or replaced already" in response.text
    assert m.CatalogueVersion.objects.count() == versions


def test_an_expired_preview_is_refused_with_a_410(editor_client):
    key = key_of(upload(editor_client, "new.yaml", renamed()))
    m.PendingImport.objects.filter(key=key).update(
        created_at=m.PendingImport.objects.get(key=key).created_at - LIFETIME - datetime.timedelta(minutes=1)
    )

    response = confirm(editor_client, key)

    assert response.status_code == 410
    assert "This preview has expired; upload the file again." in response.text
    assert m.Track.objects.get(slug="promotion").name_en == "Promotion"
    assert not m.PendingImport.objects.filter(key=key).exists()


def test_a_new_preview_clears_expired_uploads(editor_client):
    old = key_of(upload(editor_client, "old.yaml", renamed("Old")))
    m.PendingImport.objects.filter(key=old).update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    new = key_of(upload(editor_client, "new.yaml", renamed()))
    assert list(m.PendingImport.objects.values_list("key", flat=True)) == [new]


def test_the_help_text_says_a_named_tracks_requirements_are_replaced_even_unticked(editor_client):
    page = editor_client.get(IMPORT).text
    assert "Off: entries the file leaves out are listed and kept." in page
    assert "the rows of an entry the file names are replaced by the file&#x27;s: a track&#x27;s requirements" in page


def test_the_preview_lists_the_requirements_a_one_row_csv_replaces(editor_client):
    csv = "track,skill,importance,target,essential,source\ncontent-operation,copywriting,4,3,true,\n"

    preview = upload(editor_client, "one-row.csv", csv)

    replaced = preview.text.split('id="import-replaced"')[1].split("</div>")[0]
    assert "1 row goes even though no entry is deleted" in replaced
    assert "Requirement: “Content operation” needs “Prototyping”</strong> · removed" in replaced
    assert "needs “Copywriting”" not in replaced  # changed, not replaced
    assert confirm(editor_client, key_of(preview)).status_code == 302
    assert list(
        m.Requirement.objects.filter(track__slug="content-operation").values_list("skill__slug", flat=True)
    ) == ["copywriting"]
