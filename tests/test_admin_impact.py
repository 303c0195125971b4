"""Before a requirement change is saved, the admin says how many saved reports
would see their track ranking change, and saves only a confirmed change.

The catalogue is the small one plus a third track, product operation, and three
saved reports whose levels were chosen so that raising content operation's
prototyping importance from 2 to 5 re-orders two rankings and changes one top track:

report   copywriting  prototyping  ranking now                      with importance 5
top      0            1            product, content, promotion      content, product, promotion
middle   3            0            promotion, content, product      promotion, product, content
same     2            0            promotion, product, content      (unchanged)
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisor.catalogue import impact
from advisor.catalogue import models as m
from advisor.reports.models import Report
from tests.admin_helpers import form_data
from tests.catalogue_data import small, t
from tests.fixtures import admin_url, load

NOTICE = (
    "This change would re-order the tracks for 2 of 3 saved reports (top track changes for 1). "
    "Review and press Save again to confirm."
)
LEVELS = [
    {"copywriting": 0, "prototyping": 1},
    {"copywriting": 3, "prototyping": 0},
    {"copywriting": 2, "prototyping": 0},
]  # the same three reports as tests/test_catalogue_impact.py


def catalogue_data() -> dict:
    data = small()
    data["tracks"].append(
        {
            "slug": "product-operation",
            "kind": "operation",
            "name": t("Product operation"),
            "focus": t("Builds"),
            "description": t("Product desc"),
        }
    )
    data["requirements"] += [
        {"track": "product-operation", "skill": "prototyping", "importance": 1, "target": 1, "essential": True},
        {"track": "product-operation", "skill": "copywriting", "importance": 2, "target": 1},
    ]
    return data


@pytest.fixture(autouse=True)
def catalogue(empty_catalogue, tmp_path):
    load(catalogue_data(), tmp_path)


def save_reports(levels: list[dict]) -> None:
    Report.objects.bulk_create(
        Report(title=f"report {i}", snapshot={"levels": lv, "tracks": []}) for i, lv in enumerate(levels)
    )


@pytest.fixture
def reports():
    save_reports(LEVELS)
    return list(Report.objects.order_by("pk").values_list("pk", "snapshot", "updated_at"))


def token(page: str) -> str:
    return re.search(r'name="impact_confirmation" value="([0-9a-f]{64})"', page).group(1)


def prototyping() -> m.Requirement:
    return m.Requirement.objects.get(track__slug="content-operation", skill__slug="prototyping")


def track_form(client, importance: int) -> tuple[str, dict]:
    """The content operation page's data with prototyping's importance set."""
    track = m.Track.objects.get(slug="content-operation")
    response = client.get(admin_url(m.Track, "change", track.pk))
    data = form_data(response)
    forms = response.context["inline_admin_formsets"][0].formset.forms
    i = next(i for i, f in enumerate(forms) if f.instance.pk == prototyping().pk)
    data[f"requirements-{i}-importance"] = importance
    return admin_url(m.Track, "change", track.pk), data


# The track page with its requirement inline


def test_the_first_save_of_a_requirement_change_only_previews_its_impact(editor_client, reports):
    address, data = track_form(editor_client, 5)

    response = editor_client.post(address, data)

    assert response.status_code == 200
    assert NOTICE in response.text
    assert "Nothing has been saved yet" in response.text
    assert "Please correct" not in response.text
    assert prototyping().importance == 2
    preview = response.context["impact_preview"]
    assert [(row["name"], row["shift"]) for row in preview.shifts] == [
        ("Content operation", impact.Shift("content-operation", up=1, down=1, new_top=1)),
        ("Product operation", impact.Shift("product-operation", up=1, down=1, lost_top=1)),
    ]
    assert preview.averages == [{"name": "Content operation", "before": 49, "after": 44}]
    assert m.CatalogueVersion.objects.count() == 1


def test_saving_the_same_change_again_with_its_confirmation_saves_it(editor_client, reports):
    address, data = track_form(editor_client, 5)
    preview = editor_client.post(address, data).text

    response = editor_client.post(address, data | {"impact_confirmation": token(preview)})

    assert response.status_code == 302
    assert prototyping().importance == 5
    assert list(Report.objects.order_by("pk").values_list("pk", "snapshot", "updated_at")) == reports
    assert m.CatalogueVersion.objects.count() == 2


def test_a_different_change_than_the_one_previewed_is_previewed_again(editor_client, reports):
    address, data = track_form(editor_client, 5)
    first = token(editor_client.post(address, data).text)

    response = editor_client.post(address, track_form(editor_client, 4)[1] | {"impact_confirmation": first})

    assert response.status_code == 200
    assert NOTICE in response.text  # importance 4 moves the same reports
    assert token(response.text) != first
    assert prototyping().importance == 2


def test_a_confirmation_made_before_someone_else_changed_the_catalogue_is_previewed_again(editor_client, reports):
    address, data = track_form(editor_client, 5)
    first = token(editor_client.post(address, data).text)
    m.Requirement.objects.filter(track__slug="promotion").update(importance=4)

    response = editor_client.post(address, data | {"impact_confirmation": first})

    assert response.status_code == 200
    assert token(response.text) != first
    assert prototyping().importance == 2


def test_a_save_that_changes_no_requirement_saves_directly(editor_client, reports):
    address, data = track_form(editor_client, 2)
    data["name_en"] = "Content ops"
    assert editor_client.post(address, data).status_code == 302
    assert m.Track.objects.get(slug="content-operation").name_en == "Content ops"


def test_without_saved_reports_a_requirement_change_saves_directly(editor_client):
    address, data = track_form(editor_client, 5)
    assert editor_client.post(address, data).status_code == 302
    assert prototyping().importance == 5


def test_ticking_essential_is_previewed_even_when_no_ranking_moves(editor_client, reports):
    address, data = track_form(editor_client, 2)
    forms = editor_client.get(address).context["inline_admin_formsets"][0].formset.forms
    i = next(i for i, f in enumerate(forms) if f.instance.pk == prototyping().pk)

    response = editor_client.post(address, data | {f"requirements-{i}-essential": "on"})

    assert "re-order the tracks for 0 of 3 saved reports (top track changes for 0)" in response.text
    assert not prototyping().essential


def inline_page(client, slug: str) -> tuple[str, dict, list]:
    track = m.Track.objects.get(slug=slug)
    address = admin_url(m.Track, "change", track.pk)
    response = client.get(address)
    return address, form_data(response), response.context["inline_admin_formsets"][0].formset.forms


def test_deleting_a_requirement_row_is_previewed_then_saved(editor_client, reports):
    address, data, forms = inline_page(editor_client, "product-operation")
    copy = next(i for i, f in enumerate(forms) if f.instance.pk and f.instance.skill.slug == "copywriting")
    data[f"requirements-{copy}-DELETE"] = "on"

    # Without copywriting product operation drops from 66.7 % to 0 % for "same", below content operation.
    response = editor_client.post(address, data)
    assert "re-order the tracks for 1 of 3 saved reports (top track changes for 0)" in response.text
    assert m.Requirement.objects.filter(track__slug="product-operation").count() == 2

    assert editor_client.post(address, data | {"impact_confirmation": token(response.text)}).status_code == 302
    assert list(m.Requirement.objects.filter(track__slug="product-operation").values_list("skill__slug")) == [
        ("prototyping",)
    ]


def test_adding_a_requirement_row_is_previewed_then_saved(editor_client, reports):
    address, data, forms = inline_page(editor_client, "promotion")
    new = len(forms) - 1
    skill = m.Skill.objects.get(slug="prototyping")
    data |= {
        f"requirements-{new}-skill": skill.pk,
        f"requirements-{new}-importance": 5,
        f"requirements-{new}-target": 1,
    }

    # Promotion requiring prototyping (5) rises to the top of all three: 62.5 %, 37.5 % → last, 37.5 % → last.
    response = editor_client.post(address, data)
    assert "re-order the tracks for 3 of 3 saved reports (top track changes for 3)" in response.text
    assert not m.Requirement.objects.filter(track__slug="promotion", skill=skill).exists()

    assert editor_client.post(address, data | {"impact_confirmation": token(response.text)}).status_code == 302
    assert m.Requirement.objects.filter(track__slug="promotion", skill=skill).exists()


# The requirement's own page, and the requirement list


def test_the_requirement_page_previews_then_saves(editor_client, reports):
    req = prototyping()
    address = admin_url(m.Requirement, "change", req.pk)
    data = form_data(editor_client.get(address)) | {"importance": 5}

    response = editor_client.post(address, data)
    assert NOTICE in response.text
    assert prototyping().importance == 2

    assert editor_client.post(address, data | {"impact_confirmation": token(response.text)}).status_code == 302
    assert prototyping().importance == 5


def test_adding_a_requirement_on_its_own_page_previews_then_saves(editor_client, reports):
    address = admin_url(m.Requirement, "add")
    promotion, skill = m.Track.objects.get(slug="promotion"), m.Skill.objects.get(slug="prototyping")
    data = {"track": promotion.pk, "skill": skill.pk, "importance": 5, "target": 1}

    response = editor_client.post(address, data)
    assert "re-order the tracks for 3 of 3 saved reports (top track changes for 3)" in response.text
    assert not m.Requirement.objects.filter(track=promotion, skill=skill).exists()

    assert editor_client.post(address, data | {"impact_confirmation": token(response.text)}).status_code == 302
    assert m.Requirement.objects.filter(track=promotion, skill=skill).exists()


def test_the_delete_page_says_what_deleting_would_do(editor_client, reports):
    req = m.Requirement.objects.get(track__slug="product-operation", skill__slug="copywriting")

    page = editor_client.get(admin_url(m.Requirement, "delete", req.pk)).text
    assert "Deleting would re-order the tracks for 1 of 3 saved reports (top track changes for 0)." in page
    assert "impact_confirmation" not in page

    assert editor_client.post(admin_url(m.Requirement, "delete", req.pk), {"post": "yes"}).status_code == 302
    assert not m.Requirement.objects.filter(pk=req.pk).exists()


def test_the_bulk_delete_confirmation_says_what_deleting_would_do(editor_client, reports):
    req = m.Requirement.objects.get(track__slug="product-operation", skill__slug="copywriting")
    data = {"action": "delete_selected", "_selected_action": [req.pk]}

    page = editor_client.post(admin_url(m.Requirement, "changelist"), data).text
    assert "Deleting would re-order the tracks for 1 of 3 saved reports (top track changes for 0)." in page
    assert m.Requirement.objects.filter(pk=req.pk).exists()


def test_the_requirement_list_previews_then_saves(editor_client, reports):
    address = admin_url(m.Requirement, "changelist")
    formset = editor_client.get(address).context["cl"].formset
    data = {"form-TOTAL_FORMS": len(formset.forms), "form-INITIAL_FORMS": len(formset.forms), "_save": "Save"}
    for i, form in enumerate(formset.forms):
        req = form.instance
        importance = 5 if req.pk == prototyping().pk else req.importance
        data |= {f"form-{i}-id": req.pk, f"form-{i}-importance": importance, f"form-{i}-target": req.target}
        if req.essential:
            data[f"form-{i}-essential"] = "on"

    response = editor_client.post(address, data)
    assert response.status_code == 200
    assert NOTICE in response.text
    assert "Please correct" not in response.text
    assert prototyping().importance == 2

    assert editor_client.post(address, data | {"impact_confirmation": token(response.text)}).status_code == 302
    assert prototyping().importance == 5


def test_reverting_a_requirement_from_its_history_is_previewed_too(editor_client, reports):
    address, data = track_form(editor_client, 5)
    editor_client.post(address, data | {"impact_confirmation": token(editor_client.post(address, data).text)})
    req = prototyping()
    old = req.history.order_by("history_date").first()
    revert = reverse("admin:catalogue_requirement_simple_history", args=[req.pk, old.history_id])
    data = form_data(editor_client.get(revert))

    response = editor_client.post(revert, data)
    assert response.status_code == 200
    assert "re-order the tracks for 2 of 3 saved reports (top track changes for 1)" in response.text
    assert prototyping().importance == 5

    assert editor_client.post(revert, data | {"impact_confirmation": token(response.text)}).status_code == 302
    assert prototyping().importance == 2


# Cost


def count_preview_queries(client) -> int:
    address, data = track_form(client, 5)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(address, data)
    assert "impact_confirmation" in response.text
    return len(queries)


def test_the_preview_costs_the_same_queries_for_3_or_30_reports(editor_client):
    save_reports(LEVELS)
    few = count_preview_queries(editor_client)
    save_reports([{"copywriting": n % 5, "prototyping": n % 3} for n in range(3, 30)])
    many = count_preview_queries(editor_client)
    # The track page's own queries (as on a GET) and six more for the preview.
    assert few == many <= 40
