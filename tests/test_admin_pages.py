"""Every catalogue admin page loads for an editor, within a fixed number of queries,
and the main pages save unchanged through the test client."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from advisor.catalogue import models as m
from tests.admin_helpers import form_data
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("seeded")

MODELS = [
    m.ProficiencyLevel,
    m.Theme,
    m.Track,
    m.Skill,
    m.Requirement,
    m.ContextQuestion,
    m.Question,
    m.Step,
    m.Source,
    m.Route,
    m.Post,
    m.MarketFact,
]
ADDABLE = [model for model in MODELS if model is not m.ProficiencyLevel]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_changelist_lists_every_row(editor_client, django_assert_max_num_queries, model):
    with django_assert_max_num_queries(15):
        response = editor_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    rows = list(model.objects.all())
    assert 1 < len(rows) <= 300  # one page holds them all
    assert f"{len(rows)} {model._meta.verbose_name_plural}" in response.text
    assert [obj.pk for obj in rows if admin_url(model, "change", obj.pk) not in response.text] == []


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_change_page_shows_the_object(editor_client, django_assert_max_num_queries, model):
    obj = model.objects.order_by("pk").first()
    with django_assert_max_num_queries(40):
        response = editor_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert escape(str(obj).split(" · ")[-1][:20]) in response.text


@pytest.mark.parametrize("model", ADDABLE, ids=lambda model: model.__name__)
def test_the_add_page_loads(editor_client, django_assert_max_num_queries, model):
    with django_assert_max_num_queries(15):
        response = editor_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert f"Add {model._meta.verbose_name}" in response.text


def test_the_track_page_shows_both_languages_side_by_side(editor_client):
    track = m.Track.objects.get(slug="product-operation")
    page = editor_client.get(admin_url(m.Track, "change", track.pk)).text
    assert 'class="form-row field-name_en field-name_zh"' in page
    assert 'class="form-row field-description_en field-description_zh"' in page
    assert track.name_zh in page and track.name_en in page


def test_the_track_page_lists_its_requirements_to_edit(editor_client):
    track = m.Track.objects.get(slug="product-operation")
    response = editor_client.get(admin_url(m.Track, "change", track.pk))
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.total_form_count() == track.requirements.count() + 1
    assert {"skill", "importance", "target", "essential"} <= set(formset.forms[0].fields)


def test_the_skill_page_links_to_each_question_and_step(editor_client):
    skill = m.Skill.objects.get(slug="prototyping")
    page = editor_client.get(admin_url(m.Skill, "change", skill.pk)).text
    for question in skill.questions.all():
        assert admin_url(m.Question, "change", question.pk) in page
    for step in skill.steps.all():
        assert admin_url(m.Step, "change", step.pk) in page
    assert f"{admin_url(m.Question, 'add')}?skill={skill.pk}" in page


def test_the_question_page_edits_its_five_choices(editor_client):
    question = m.Question.objects.first()
    response = editor_client.get(admin_url(m.Question, "change", question.pk))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [f.instance.level for f in formset.forms] == [0, 1, 2, 3, 4]


def test_a_new_question_starts_with_one_row_per_level(editor_client):
    skill = m.Skill.objects.get(slug="prototyping")
    response = editor_client.get(admin_url(m.Question, "add") + f"?skill={skill.pk}")
    formset = response.context["inline_admin_formsets"][0].formset
    assert [f.initial.get("level") for f in formset.forms] == [0, 1, 2, 3, 4]
    assert response.context["adminform"].form.initial["skill"] == str(skill.pk)


def test_the_changelists_search_and_filter(editor_client):
    response = editor_client.get(admin_url(m.Requirement, "changelist") + "?q=prototyping")
    assert {str(r.track) for r in response.context["cl"].result_list} == {"Product operation"}
    response = editor_client.get(admin_url(m.Track, "changelist") + "?kind__exact=promotion")
    assert {t.kind for t in response.context["cl"].result_list} == {"promotion"}


# Django validates each inline row with a few queries of its own (the row, its
# foreign keys, its constraints), so the bound grows with the rows on the page
# (nine requirements here), never with the size of the catalogue.
@pytest.mark.parametrize(
    ("model", "slug", "queries"),
    [(m.Track, "product-operation", 140), (m.Skill, "prototyping", 80), (m.Step, None, 60), (m.Question, None, 60)],
)
def test_saving_a_page_unchanged_works_in_bounded_queries(
    editor_client, django_assert_max_num_queries, model, slug, queries
):
    obj = model.objects.get(slug=slug) if slug else model.objects.order_by("pk").first()
    data = form_data(editor_client.get(admin_url(model, "change", obj.pk)))
    with django_assert_max_num_queries(queries):
        response = editor_client.post(admin_url(model, "change", obj.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_saving_the_track_page_writes_the_requirement_change(editor_client, django_assert_max_num_queries):
    track = m.Track.objects.get(slug="product-operation")
    response = editor_client.get(admin_url(m.Track, "change", track.pk))
    data = form_data(response)
    forms = response.context["inline_admin_formsets"][0].formset.forms
    index = next(i for i, f in enumerate(forms) if f.instance.skill_id and f.instance.skill.slug == "prototyping")
    data[f"requirements-{index}-importance"] = 2
    data["name_zh"] = "产品运营（新）"
    with django_assert_max_num_queries(140):
        response = editor_client.post(admin_url(m.Track, "change", track.pk), data)
    assert response.status_code == 302
    track.refresh_from_db()
    assert track.name_zh == "产品运营（新）"
    assert track.requirements.get(skill__slug="prototyping").importance == 2
