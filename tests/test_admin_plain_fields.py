"""The catalogue's change forms for an editor who is not a developer: sentences
in text boxes, inline rows that name every input and offer only their own
remove box, and plain words for the labels."""

from __future__ import annotations

import re

import pytest

from advisor.catalogue import models as m
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("small_catalogue")


def page(client, obj) -> str:
    response = client.get(admin_url(type(obj), "change", obj.pk))
    assert response.status_code == 200
    return response.text


def test_sentences_are_edited_in_text_boxes_names_in_one_line(editor_client):
    track = page(editor_client, m.Track.objects.get(slug="promotion"))
    assert re.search(r'<textarea name="focus_en" cols="40" rows="2" class="catalogue-text" maxlength="300"', track)
    assert re.search(r'<textarea name="description_zh" cols="40" rows="5" class="catalogue-text"', track)
    assert re.search(r'<input type="text" name="name_en" value="Promotion" class="vTextField catalogue-line"', track)

    question = page(editor_client, m.Question.objects.get(slug="proto-q"))
    # An answer choice, on an inline row, is a sentence too.
    assert re.search(
        r'<textarea name="choices-0-label_en" cols="40" rows="2" class="catalogue-text catalogue-text-inline"', question
    )
    step = page(editor_client, m.Step.objects.get(slug="proto-1"))
    assert re.search(r'<textarea name="title_en" cols="40" rows="2"', step)
    assert re.search(r'<textarea name="practice_en" cols="40" rows="5"', step)


def test_a_text_box_keeps_the_length_limit(editor_client):
    track = m.Track.objects.get(slug="promotion")
    from tests.admin_helpers import form_data

    data = form_data(editor_client.get(admin_url(m.Track, "change", track.pk)))
    data["focus_en"] = "x" * 301
    response = editor_client.post(admin_url(m.Track, "change", track.pk), data)
    assert response.status_code == 200
    assert "Ensure this value has at most 300 characters (it has 301)." in response.text
    track.refresh_from_db()
    assert track.focus_en == "Brings traffic in"


def test_inline_rows_have_no_related_object_buttons_and_a_named_remove_box(editor_client):
    track = page(editor_client, m.Track.objects.get(slug="content-operation"))
    rows = track[track.index('id="requirements-group"') :]
    rows = rows[: rows.index("</table>")]
    assert "related-widget-wrapper-link" not in rows  # no ✎, +, ✖ or 👁 beside a row's skill
    assert 'id="delete_id_requirements' not in rows and 'id="change_id_requirements' not in rows
    assert "<th>Remove from this track</th>" in rows
    assert re.search(r'<input type="checkbox" name="requirements-0-DELETE" aria-label="Remove from this track"', rows)
    assert '<span class="catalogue-delete-text">Remove from this track</span>' in rows
    # The change form's own fields keep their buttons (the skill's theme, on its page).
    skill = page(editor_client, m.Skill.objects.get(slug="copywriting"))
    assert 'id="change_id_theme"' in skill


def test_every_inline_input_is_named(editor_client):
    track = page(editor_client, m.Track.objects.get(slug="content-operation"))
    for name in ("skill", "importance", "target", "essential"):
        label = {"target": "Target level"}.get(name, name.capitalize())
        assert re.search(
            rf'name="requirements-0-{name}"[^>]*aria-label="{label}"|aria-label="{label}"[^>]*name="requirements-0-{name}"',
            track,
        )
    skill = page(editor_client, m.Skill.objects.get(slug="prototyping"))
    assert 'aria-label="Delete the question"' in skill and 'aria-label="Delete the step"' in skill


def test_list_page_inputs_are_named_with_their_row(editor_client):
    listing = editor_client.get(admin_url(m.Requirement, "changelist")).text
    assert 'aria-label="Importance: Promotion · Copywriting"' in listing
    tracks = editor_client.get(admin_url(m.Track, "changelist")).text
    assert 'aria-label="Order: Promotion"' in tracks
    assert ">Order</a>" in tracks


def test_labels_are_plain_words_with_help(editor_client):
    skill = page(editor_client, m.Skill.objects.get(slug="copywriting"))
    assert "Web address name:" in skill and ">Slug" not in skill
    assert "The entry&#x27;s short name in web addresses and in catalogue files" in skill
    assert "Order:" in skill and "Lower numbers come first." in skill and "Position" not in skill
    about = page(editor_client, m.ContextQuestion.objects.get(slug="sells_online"))
    assert "What the answer is used for:" in about and "Stored value" in about
    assert "Change about-you question" in about
    index = editor_client.get("/admin/").text
    assert "About-you questions" in index and "Context questions" not in index


def test_a_line_break_in_a_one_line_text_becomes_a_space(editor_client):
    from tests.admin_helpers import form_data

    req = m.Requirement.objects.get(track__slug="promotion", skill__slug="copywriting")
    data = form_data(editor_client.get(admin_url(m.Requirement, "change", req.pk)))
    data["source"] = "postings 3, 7\r\nand 12"
    assert editor_client.post(admin_url(m.Requirement, "change", req.pk), data).status_code == 302
    req.refresh_from_db()
    assert req.source == "postings 3, 7 and 12"  # the export's one-line source note reads back
