"""Tampered, foreign, stale and doubled requests: a clear 4xx, never a 500, nothing lost."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from advisor.catalogue.models import ContextQuestion
from advisor.questionnaire.models import Answer, Assessment, ContextAnswer
from tests.questionnaire_helpers import PROMOTER, about_data, fill, section_data, start

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_tampered_choice_value_is_refused_and_the_other_answers_are_kept(client):
    assessment = start(client)
    data = about_data(PROMOTER["context"]) | {"c-company_type": "evil-corp"}
    response = client.post(f"/assess/{assessment.pk}/about/", data)
    assert response.status_code == 422
    assert "That answer is not one of the choices shown" in response.content.decode()
    assert ContextAnswer.objects.filter(assessment=assessment).count() == ContextQuestion.objects.count() - 1


@pytest.mark.parametrize("level", ["5", "-1", "3.5", "three", ""])
def test_a_tampered_level_is_refused(client, level):
    assessment = fill(client, finish=False)
    data = section_data(assessment, "traffic", PROMOTER["levels"]) | {"q-sem-ads-account": level}
    response = client.post(f"/assess/{assessment.pk}/traffic/", data)
    assert response.status_code == 422
    assert Answer.objects.get(assessment=assessment, question__slug="sem-ads-account").level == 3


def test_answers_to_questions_of_another_section_are_refused_whole(client):
    assessment = fill(client, finish=False)
    data = section_data(assessment, "traffic", {"seo": 1}) | {"q-prd-writing": "4"}
    response = client.post(f"/assess/{assessment.pk}/traffic/", data)
    assert response.status_code == 400
    assert "not on this step" in response.content.decode()
    assert Answer.objects.get(assessment=assessment, question__skill__slug="seo").level == 3


def test_an_unknown_question_id_is_refused(client):
    assessment = start(client)
    response = client.post(f"/assess/{assessment.pk}/about/", about_data(PROMOTER["context"]) | {"q-nope": "1"})
    assert response.status_code == 400
    assert not ContextAnswer.objects.filter(assessment=assessment).exists()


def test_another_sessions_assessment_is_a_404_on_every_url(client):
    assessment = fill(client)
    draft = fill(client, finish=False)
    stranger = Client()
    for pk in (assessment.pk, draft.pk):
        for url in ("about/", "traffic/", "review/", "results/"):
            response = stranger.get(f"/assess/{pk}/{url}")
            assert response.status_code == 404
            assert "started in another browser" in response.content.decode()
        for url in ("about/", "finish/", "edit/"):
            assert stranger.post(f"/assess/{pk}/{url}", about_data(PROMOTER["context"])).status_code == 404
    assert Assessment.objects.count() == 2
    assert draft.answers.count() == Answer.objects.filter(assessment=draft).count() > 0


def test_an_unknown_assessment_id_is_a_404(client):
    start(client)
    assert client.get(f"/assess/{uuid.uuid4()}/about/").status_code == 404
    assert client.get("/assess/not-a-uuid/about/").status_code == 404


def test_an_unknown_step_is_a_404_that_offers_to_continue(client):
    assessment = start(client)
    response = client.get(f"/assess/{assessment.pk}/nonsense/")
    assert response.status_code == 404 and "Continue where I left off" in response.content.decode()


def test_posting_to_a_finished_assessment_is_refused_and_changes_nothing(client):
    assessment = fill(client)
    data = section_data(assessment, "traffic", {"seo": 0})
    response = client.post(f"/assess/{assessment.pk}/traffic/", data)
    assert response.status_code == 409
    assert "already finished" in response.content.decode()
    assert Answer.objects.get(assessment=assessment, question__skill__slug="seo").level == 3


def test_a_double_submit_of_finish_is_refused_the_second_time(client):
    assessment = fill(client, finish=False)
    assert client.post(f"/assess/{assessment.pk}/finish/").status_code == 302
    finished_at = Assessment.objects.get(pk=assessment.pk).finished_at
    response = client.post(f"/assess/{assessment.pk}/finish/")
    assert response.status_code == 409 and "See my results" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).finished_at == finished_at


def test_a_double_submit_of_a_step_saves_the_same_answers_once(client):
    assessment = start(client)
    for _ in range(2):
        client.post(f"/assess/{assessment.pk}/about/", about_data(PROMOTER["context"]))
    assert ContextAnswer.objects.filter(assessment=assessment).count() == ContextQuestion.objects.count()


def test_a_stale_htmx_tab_gets_the_refusal_swapped_into_the_page(client):
    assessment = fill(client)
    response = client.post(
        f"/assess/{assessment.pk}/traffic/", section_data(assessment, "traffic", {}), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#main" and "<html" not in response.content.decode()


def test_every_post_needs_the_csrf_token():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/assess/")
    assert response.status_code == 403
    assert "This page has expired" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_base_template_sends_the_csrf_token_with_htmx_requests(client):
    page = client.get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
