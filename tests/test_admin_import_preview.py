"""The import preview names entries as editors know them and shows the same
impact preview a form edit shows, before anything is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advisor.catalogue import models as m
from tests.catalogue_data import dump
from tests.fixtures import load
from tests.test_admin_impact import LEVELS, catalogue_data, save_reports

IMPORT = reverse("admin:catalogue_import")


@pytest.fixture(autouse=True)
def catalogue(empty_catalogue, tmp_path):
    load(catalogue_data(), tmp_path)


def upload(client, name: str, content: str):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content.encode())})


def heavier_prototyping() -> dict:
    """Content operation's prototyping importance 2 → 5: re-orders 2 of the 3 reports (test_admin_impact.py)."""
    data = catalogue_data()
    row = next(r for r in data["requirements"] if (r["track"], r["skill"]) == ("content-operation", "prototyping"))
    row["importance"] = 5
    return data


def test_the_preview_names_tracks_and_skills_not_their_keys(editor_client):
    response = upload(editor_client, "new.yaml", dump(heavier_prototyping()))
    page = response.text
    assert "<strong>Requirement: “Content operation” needs “Prototyping”</strong> · changed" in page
    assert "<li>Importance: 2 → 5</li>" in page
    assert "×" not in page and "&#x27;content-operation&#x27;" not in page


def test_an_import_that_reorders_saved_reports_says_so_before_writing(editor_client, django_assert_max_num_queries):
    save_reports(LEVELS)
    with django_assert_max_num_queries(40):
        response = upload(editor_client, "new.yaml", dump(heavier_prototyping()))
    assert response.status_code == 200
    assert "This import would re-order the tracks for 2 of 3 saved reports (top track changes for 1)." in response.text
    assert "Nothing has been imported yet" in response.text
    preview = response.context["impact_preview"]
    assert [row["name"] for row in preview.shifts] == ["Content operation", "Product operation"]
    assert preview.averages == [{"name": "Content operation", "before": 49, "after": 44}]
    # The import's own button confirms it: no form-edit confirmation field, nothing written yet.
    assert 'name="impact_confirmation"' not in response.text and 'name="confirm"' in response.text
    assert m.Requirement.objects.get(track__slug="content-operation", skill__slug="prototyping").importance == 2


def test_the_same_numbers_as_the_form_edit(editor_client):
    """The track page's preview of the same change says the same counts."""
    from tests.test_admin_impact import track_form

    save_reports(LEVELS)
    address, data = track_form(editor_client, 5)
    form_preview = editor_client.post(address, data).context["impact_preview"]
    import_preview = upload(editor_client, "new.yaml", dump(heavier_prototyping())).context["impact_preview"]
    assert import_preview.impact == form_preview.impact


def test_an_import_that_changes_no_requirement_has_no_impact_preview(editor_client):
    save_reports(LEVELS)
    data = catalogue_data()
    data["tracks"][0]["name"]["en"] = "Promotion & ads"
    response = upload(editor_client, "renamed.yaml", dump(data))
    assert response.context["impact_preview"] is None and "re-order" not in response.text


def test_a_csv_that_moves_rankings_is_previewed_too(editor_client):
    save_reports(LEVELS)
    csv = "track,skill,importance,target,essential\n"
    csv += "content-operation,copywriting,5,3,true\ncontent-operation,prototyping,5,1,false\n"
    response = upload(editor_client, "requirements.csv", csv)
    assert "This import would re-order the tracks for 2 of 3 saved reports" in response.text
    assert "<strong>Requirement: “Content operation” needs “Prototyping”</strong> · changed" in response.text


def test_removing_a_requirement_is_previewed_and_named(editor_client):
    save_reports(LEVELS)
    data = catalogue_data()
    data["requirements"] = [
        r for r in data["requirements"] if (r["track"], r["skill"]) != ("content-operation", "prototyping")
    ]
    response = upload(editor_client, "fewer.yaml", dump(data))
    assert "<strong>Requirement: “Content operation” needs “Prototyping”</strong> · removed" in response.text
    assert response.context["impact_preview"] is not None
