"""An entry's history page shows what changed in the rows edited on its page (a
question's answer choices, a track's requirements), and never says "None"."""

from __future__ import annotations

import pytest

from advisor.catalogue import models as m
from tests.admin_helpers import form_data
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("small_catalogue")


def history(client, obj) -> str:
    response = client.get(admin_url(type(obj), "history", obj.pk))
    assert response.status_code == 200
    return response.text


def change_a_choice(client, question: m.Question, level: int, text: str) -> None:
    response = client.get(admin_url(m.Question, "change", question.pk))
    data = form_data(response)
    forms = response.context["inline_admin_formsets"][0].formset.forms
    i = next(i for i, f in enumerate(forms) if f.instance.level == level)
    data[f"choices-{i}-label_en"] = text
    assert client.post(admin_url(m.Question, "change", question.pk), data).status_code == 302


def test_a_change_to_only_the_answer_choices_is_in_the_questions_history(editor_client, django_assert_max_num_queries):
    question = m.Question.objects.get(slug="proto-q")
    change_a_choice(editor_client, question, 2, "I drew a flow with help")
    # Saving the page records the question again, with no change of its own.
    assert question.history.first().diff_against(question.history.last()).changes == []

    with django_assert_max_num_queries(20):
        page = history(editor_client, question)

    assert "Changes to its answer choices" in page
    assert '<th scope="row">2 · I drew a flow with help</th>' in page
    assert "<strong>Behaviour · English:</strong> p2 &rarr; I drew a flow with help" in page
    assert "Saved without a change to these fields; see the rows below." in page
    rows = page[page.index("Changes to its answer choices") :]
    assert '<td data-label="What happened">Changed</td>\n            <td data-label="By">erin</td>' in rows


def test_history_never_shows_none(editor_client):
    question = m.Question.objects.get(slug="proto-q")
    data = form_data(editor_client.get(admin_url(m.Question, "change", question.pk)))
    data["help_en"] = "Think of your last job"
    data.pop("ask_only_when")
    assert editor_client.post(admin_url(m.Question, "change", question.pk), data).status_code == 302
    page = history(editor_client, question)
    assert "None" not in page
    assert "no reason given" in page
    # The loaded catalogue had no user: said in words.
    assert "not recorded (a command or an import without a user)" in page
    # An emptied skip rule and a help text that was empty read as "(empty)".
    assert "<strong>Help text · English:</strong> (empty)&nbsp;&rarr;&nbsp;&nbsp;Think of your last job" in page
    assert "<strong>Ask only when this about-you question:</strong> Shop?&nbsp;&rarr;&nbsp;&nbsp;(empty)" in page


def test_a_tracks_history_lists_its_requirement_changes_by_skill(editor_client):
    track = m.Track.objects.get(slug="content-operation")
    response = editor_client.get(admin_url(m.Track, "change", track.pk))
    data = form_data(response)
    forms = response.context["inline_admin_formsets"][0].formset.forms
    i = next(i for i, f in enumerate(forms) if f.instance.pk and f.instance.skill.slug == "prototyping")
    data[f"requirements-{i}-importance"] = 4
    data[f"requirements-{i}-essential"] = "on"
    assert editor_client.post(admin_url(m.Track, "change", track.pk), data).status_code == 302

    page = history(editor_client, track)
    assert "Changes to its requirements" in page
    assert '<th scope="row">Prototyping</th>' in page
    assert "<strong>Importance:</strong> 2 &rarr; 4" in page
    assert "<strong>Essential:</strong> no &rarr; yes" in page
    assert "None" not in page


def test_a_removed_choice_row_is_listed_as_deleted(editor_client):
    step = m.Step.objects.get(slug="proto-1")
    response = editor_client.get(admin_url(m.Step, "change", step.pk))
    data = form_data(response)
    data["resources-0-DELETE"] = "on"
    assert editor_client.post(admin_url(m.Step, "change", step.pk), data).status_code == 302
    page = history(editor_client, step)
    assert "Changes to its resources" in page
    assert '<th scope="row">Guide</th>' in page and '<td data-label="What happened">Deleted</td>' in page


def test_a_catalogue_version_says_what_changed_since_the_one_before(editor_client):
    question = m.Question.objects.get(slug="proto-q")
    change_a_choice(editor_client, question, 2, "I drew a flow with help")
    version = m.CatalogueVersion.current()
    assert version.number == 2

    page = editor_client.get(admin_url(m.CatalogueVersion, "change", version.pk)).text

    assert "What changed since the version before" in page
    assert "<strong>Question “Proto?”</strong> · changed" in page
    assert "<li>Answer choice 2 (English): “p2” → “I drew a flow with help”</li>" in page
    assert "erin" in page and "None" not in page


def test_the_first_version_and_the_list_never_say_none(editor_client):
    first = m.CatalogueVersion.current()
    page = editor_client.get(admin_url(m.CatalogueVersion, "change", first.pk)).text
    assert "The first version: nothing before it to compare with." in page
    assert "not recorded (a command or an import without a user)" in page
    listing = editor_client.get(admin_url(m.CatalogueVersion, "changelist")).text
    assert "None" not in listing and "load_catalogue small.yaml" in listing
