"""Every rule the admin enforces answers with a clear message on the page, never a 500,
and leaves the catalogue as it was."""

from __future__ import annotations

import pytest

from advisor.catalogue import models as m
from tests.admin_helpers import form_data
from tests.fixtures import admin_url

pytestmark = pytest.mark.usefixtures("small_catalogue")


def change_page(client, obj):
    response = client.get(admin_url(type(obj), "change", obj.pk))
    return form_data(response), response.context["inline_admin_formsets"]


def post(client, obj, data):
    response = client.post(admin_url(type(obj), "change", obj.pk), data)
    assert response.status_code == 200, "the page should come back with errors"
    return response.text


def inline_index(formsets, skill_slug: str) -> int:
    forms = formsets[0].formset.forms
    return next(i for i, f in enumerate(forms) if f.instance.pk and f.instance.skill.slug == skill_slug)


def content_operation():
    return m.Track.objects.get(slug="content-operation")


def test_a_track_requiring_the_same_skill_twice_gets_a_formset_error(editor_client):
    track = content_operation()
    data, formsets = change_page(editor_client, track)
    extra = formsets[0].formset.total_form_count() - 1
    skill = m.Skill.objects.get(slug="copywriting")
    data |= {f"requirements-{extra}-skill": skill.pk, f"requirements-{extra}-importance": 1}
    data[f"requirements-{extra}-target"] = 1

    page = post(editor_client, track, data)

    assert "Each skill can be required only once per track; “Copywriting” appears more than once." in page
    assert "This skill is already required above." in page
    assert track.requirements.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("importance", 6, "Ensure this value is less than or equal to 5."),
        ("importance", 0, "Ensure this value is greater than or equal to 1."),
        ("target", 5, "Ensure this value is less than or equal to 4."),
    ],
)
def test_importance_and_target_stay_in_their_ranges(editor_client, field, value, message):
    track = content_operation()
    data, formsets = change_page(editor_client, track)
    data[f"requirements-{inline_index(formsets, 'copywriting')}-{field}"] = value
    assert message in post(editor_client, track, data)
    assert track.requirements.get(skill__slug="copywriting").importance == 5


def test_a_track_keeps_at_least_one_essential_requirement(editor_client):
    track = content_operation()
    data, formsets = change_page(editor_client, track)
    data.pop(f"requirements-{inline_index(formsets, 'copywriting')}-essential")
    assert "A track needs at least one essential requirement" in post(editor_client, track, data)
    assert track.requirements.filter(essential=True).count() == 1


def test_deleting_the_last_essential_requirement_on_the_track_page_is_refused(editor_client):
    track = content_operation()
    data, formsets = change_page(editor_client, track)
    data[f"requirements-{inline_index(formsets, 'copywriting')}-DELETE"] = "on"
    assert "A track needs at least one essential requirement" in post(editor_client, track, data)
    assert track.requirements.count() == 2


def test_unticking_the_last_essential_on_the_requirement_list_is_refused(editor_client):
    response = editor_client.get(admin_url(m.Requirement, "changelist"))
    formset = response.context["cl"].formset
    data = {f"form-{k}": v for k, v in {"TOTAL_FORMS": len(formset.forms), "INITIAL_FORMS": len(formset.forms)}.items()}
    data |= {"form-MIN_NUM_FORMS": 0, "form-MAX_NUM_FORMS": 1000, "_save": "Save"}
    for i, form in enumerate(formset.forms):
        req = form.instance
        data |= {f"form-{i}-id": req.pk, f"form-{i}-importance": req.importance, f"form-{i}-target": req.target}
        if req.essential and req.track.slug != "promotion":
            data[f"form-{i}-essential"] = "on"

    response = editor_client.post(admin_url(m.Requirement, "changelist"), data)

    assert response.status_code == 200
    assert "These tracks would have no essential requirement left: Promotion." in response.text
    assert m.Requirement.objects.get(track__slug="promotion").essential


def test_the_requirement_list_saves_several_rows_at_once(editor_client):
    response = editor_client.get(admin_url(m.Requirement, "changelist"))
    formset = response.context["cl"].formset
    data = {"form-TOTAL_FORMS": len(formset.forms), "form-INITIAL_FORMS": len(formset.forms), "_save": "Save"}
    for i, form in enumerate(formset.forms):
        req = form.instance
        data |= {f"form-{i}-id": req.pk, f"form-{i}-importance": 1, f"form-{i}-target": req.target}
        data[f"form-{i}-essential"] = "on"
    assert editor_client.post(admin_url(m.Requirement, "changelist"), data).status_code == 302
    assert set(m.Requirement.objects.values_list("importance", "essential")) == {(1, True)}


def test_deleting_the_last_essential_requirement_on_its_own_page_is_refused(editor_client):
    req = m.Requirement.objects.get(track__slug="promotion")
    response = editor_client.post(admin_url(m.Requirement, "delete", req.pk), {"post": "yes"}, follow=True)
    assert "Nothing was deleted. These tracks would have no essential requirement left: Promotion." in response.text
    assert m.Requirement.objects.filter(pk=req.pk).exists()


def test_bulk_deleting_requirements_refuses_to_leave_a_track_without_an_essential_one(editor_client):
    pks = list(m.Requirement.objects.filter(track__slug="content-operation").values_list("pk", flat=True))
    response = editor_client.post(
        admin_url(m.Requirement, "changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
        follow=True,
    )
    assert "These tracks would have no essential requirement left: Content operation." in response.text
    assert m.Requirement.objects.filter(pk__in=pks).count() == 2


def test_moving_the_last_essential_requirement_to_another_track_is_refused(editor_client):
    req = m.Requirement.objects.get(track__slug="promotion")
    data, _ = change_page(editor_client, req)
    data["track"] = content_operation().pk
    page = post(editor_client, req, data)
    assert "These tracks would have no essential requirement left: Promotion." in page


def test_a_requirement_that_already_exists_is_refused_on_the_add_page(editor_client):
    data = {"track": content_operation().pk, "skill": m.Skill.objects.get(slug="copywriting").pk}
    response = editor_client.post(admin_url(m.Requirement, "add"), data | {"importance": 1, "target": 1})
    assert response.status_code == 200
    assert "Requirement with this Track and Skill already exists." in response.text


def test_a_question_needs_exactly_one_choice_per_level(editor_client):
    question = m.Question.objects.get(slug="copy-q")
    data, _ = change_page(editor_client, question)
    data["choices-3-level"] = 1
    page = post(editor_client, question, data)
    assert "A question needs exactly one choice for each level 0 to 4: missing level 3; level 1 given twice." in page
    assert sorted(question.choices.values_list("level", flat=True)) == [0, 1, 2, 3, 4]


def test_deleting_a_choice_is_refused(editor_client):
    question = m.Question.objects.get(slug="copy-q")
    data, _ = change_page(editor_client, question)
    data["choices-4-DELETE"] = "on"
    assert "missing level 4" in post(editor_client, question, data)
    assert question.choices.count() == 5


def test_a_new_question_needs_all_five_choices(editor_client):
    skill = m.Skill.objects.get(slug="prototyping")
    data = {"slug": "proto-new", "skill": skill.pk, "position": 3, "text_en": "New?", "text_zh": "新？"}
    data |= {"choices-TOTAL_FORMS": 5, "choices-INITIAL_FORMS": 0}
    for n in range(5):
        data[f"choices-{n}-level"] = n
        if n != 2:
            data |= {f"choices-{n}-label_en": f"does {n}", f"choices-{n}-label_zh": f"做{n}"}
    response = editor_client.post(admin_url(m.Question, "add"), data)
    assert "missing level 2" in response.text
    data |= {"choices-2-label_en": "does 2", "choices-2-label_zh": "做2"}
    assert editor_client.post(admin_url(m.Question, "add"), data).status_code == 302
    assert list(m.Question.objects.get(slug="proto-new").choices.values_list("level", flat=True)) == [0, 1, 2, 3, 4]


def test_a_skip_rule_must_name_values_of_its_context_question(editor_client):
    question = m.Question.objects.get(slug="proto-q")
    data, _ = change_page(editor_client, question)
    shop = m.ContextQuestion.objects.get(slug="sells_online")
    data["ask_only_when"] = [f"{shop.pk}:maybe"]  # not an answer of "Shop?": a tampered form
    page = post(editor_client, question, data)
    assert "Select a valid choice." in page
    question.refresh_from_db()
    assert question.skip_unless_values == ["yes"]


def test_a_step_cannot_be_its_own_prerequisite(editor_client):
    step = m.Step.objects.get(slug="copy-1")
    data, _ = change_page(editor_client, step)
    data["prerequisites"] = [str(step.pk)]
    assert "A step cannot be its own prerequisite." in post(editor_client, step, data)
    assert not step.prerequisites.exists()


def test_step_prerequisites_cannot_form_a_cycle(editor_client):
    step = m.Step.objects.get(slug="copy-1")  # proto-1 already requires copy-1
    data, _ = change_page(editor_client, step)
    data["prerequisites"] = [str(m.Step.objects.get(slug="proto-1").pk)]
    page = post(editor_client, step, data)
    assert "These prerequisites would form a cycle: copy-1 → proto-1 → copy-1." in page
    assert not step.prerequisites.exists()


def test_deleting_a_skill_that_tracks_require_is_refused_naming_them(editor_client):
    skill = m.Skill.objects.get(slug="copywriting")
    for response in (
        editor_client.get(admin_url(m.Skill, "delete", skill.pk), follow=True),
        editor_client.post(admin_url(m.Skill, "delete", skill.pk), {"post": "yes"}, follow=True),
    ):
        assert response.status_code == 200
        assert "Nothing was deleted: “Copywriting” is still required by “Promotion”, “Content operation”." in (
            response.text
        )
    assert m.Skill.objects.filter(pk=skill.pk).exists()


def test_bulk_deleting_skills_that_tracks_require_is_refused(editor_client):
    pks = list(m.Skill.objects.values_list("pk", flat=True))
    response = editor_client.post(
        admin_url(m.Skill, "changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was deleted:" in response.text
    assert "Content operation" in response.text
    assert m.Skill.objects.count() == 2


def test_deleting_a_theme_that_groups_skills_is_refused(editor_client):
    theme = m.Theme.objects.get(slug="content")
    response = editor_client.post(admin_url(m.Theme, "delete", theme.pk), {"post": "yes"}, follow=True)
    assert "still group skills" in response.text
    assert m.Theme.objects.filter(pk=theme.pk).exists()


def test_a_skill_no_track_requires_can_be_deleted(editor_client):
    m.Requirement.objects.filter(skill__slug="prototyping").delete()
    skill = m.Skill.objects.get(slug="prototyping")
    response = editor_client.post(admin_url(m.Skill, "delete", skill.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not m.Skill.objects.filter(pk=skill.pk).exists()


def test_the_proficiency_scale_cannot_gain_or_lose_levels(editor_client):
    level = m.ProficiencyLevel.objects.get(level=0)
    assert editor_client.get(admin_url(m.ProficiencyLevel, "add")).status_code == 403
    assert editor_client.post(admin_url(m.ProficiencyLevel, "delete", level.pk), {"post": "yes"}).status_code == 403
