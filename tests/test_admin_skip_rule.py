"""A question's skip rule is chosen as checkboxes of the about-you answers,
grouped by question, and stored as before (one about-you question and a list
of its values)."""

from __future__ import annotations

import pytest

from advisor.catalogue import models as m
from tests.admin_helpers import form_data
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("small_catalogue")


def question(slug: str = "proto-q") -> m.Question:
    return m.Question.objects.get(slug=slug)


def box(context_slug: str, value: str) -> str:
    return f"{m.ContextQuestion.objects.get(slug=context_slug).pk}:{value}"


def page_and_data(client, q):
    response = client.get(admin_url(m.Question, "change", q.pk))
    return response, form_data(response)


def test_the_page_offers_every_about_you_answer_grouped_by_question(editor_client, django_assert_max_num_queries):
    q = question()
    with django_assert_max_num_queries(20):
        response, _ = page_and_data(editor_client, q)
    page = response.text
    assert "Ask only when the answer to an about-you question is" in page
    # One folded group per about-you question; the one the rule uses is open, its answer ticked.
    assert "<summary>Hours?</summary>" in page
    assert '<details open>\n    <summary>Shop? <span class="chosen">· 1 answer ticked</span></summary>' in page
    assert f'value="{box("sells_online", "yes")}" id="id_ask_only_when_1_0" checked' in page
    assert f'value="{box("sells_online", "no")}" id="id_ask_only_when_1_1">' in page
    assert 'name="skip_unless_values"' not in page and "For example [&quot;yes&quot;]" not in page


def test_ticking_answers_stores_the_rule_in_the_answers_order(editor_client):
    q = question("copy-q")
    assert q.skip_unless_question is None
    _, data = page_and_data(editor_client, q)
    data["ask_only_when"] = [box("hours_per_week", "10")]
    assert editor_client.post(admin_url(m.Question, "change", q.pk), data).status_code == 302
    q.refresh_from_db()
    assert q.skip_unless_question.slug == "hours_per_week" and q.skip_unless_values == ["10"]
    assert m.CatalogueVersion.current().snapshot["questions"][0]["skip_unless"] == {
        "question": "hours_per_week",
        "values": ["10"],
    }


def test_unticking_everything_asks_everyone(editor_client):
    q = question()
    _, data = page_and_data(editor_client, q)
    data.pop("ask_only_when")
    assert editor_client.post(admin_url(m.Question, "change", q.pk), data).status_code == 302
    q.refresh_from_db()
    assert q.skip_unless_question is None and q.skip_unless_values == []


def test_answers_of_two_about_you_questions_are_refused_with_a_reason(editor_client):
    q = question()
    _, data = page_and_data(editor_client, q)
    data["ask_only_when"] = [box("sells_online", "yes"), box("hours_per_week", "2")]
    response = editor_client.post(admin_url(m.Question, "change", q.pk), data)
    assert response.status_code == 200
    assert "A question can depend on one about-you question only, but you ticked answers of “Hours?”, “Shop?”." in (
        response.text
    )
    # The boxes stay as ticked, so the editor sees what to undo; nothing is saved.
    assert f'value="{box("hours_per_week", "2")}" id="id_ask_only_when_0_0" checked' in response.text
    q.refresh_from_db()
    assert q.skip_unless_values == ["yes"] and q.skip_unless_question.slug == "sells_online"


def test_every_answer_of_a_question_ticked_is_refused_as_pointless(editor_client):
    q = question()
    _, data = page_and_data(editor_client, q)
    data["ask_only_when"] = [box("sells_online", "yes"), box("sells_online", "no")]
    response = editor_client.post(admin_url(m.Question, "change", q.pk), data)
    assert response.status_code == 200
    assert "You ticked every answer of “Shop?”, so the question would be asked of everyone anyway." in response.text


def test_an_unknown_about_you_question_is_refused_not_a_500(editor_client):
    q = question()
    _, data = page_and_data(editor_client, q)
    for tampered in ("99999:yes", "not-a-number", ":"):
        data["ask_only_when"] = [tampered]
        response = editor_client.post(admin_url(m.Question, "change", q.pk), data)
        assert response.status_code == 200 and "Select a valid choice." in response.text


def test_a_new_question_can_be_given_a_rule(editor_client):
    skill = m.Skill.objects.get(slug="prototyping")
    data = {"slug": "proto-new", "skill": skill.pk, "position": 3, "text_en": "New?", "text_zh": "新？"}
    data |= {"choices-TOTAL_FORMS": 5, "choices-INITIAL_FORMS": 0, "ask_only_when": [box("sells_online", "no")]}
    for n in range(5):
        data |= {f"choices-{n}-level": n, f"choices-{n}-label_en": f"does {n}", f"choices-{n}-label_zh": f"做{n}"}
    assert editor_client.post(admin_url(m.Question, "add"), data).status_code == 302
    new = question("proto-new")
    assert new.skip_unless_question.slug == "sells_online" and new.skip_unless_values == ["no"]
