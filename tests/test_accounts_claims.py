"""Questionnaires belong to the person who filled them: to the account when they
were logged in, and to the account they log in to or sign up for afterwards
when they filled them anonymously in this browser; never another browser's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from advisor.questionnaire.models import Assessment
from tests.accounts_helpers import signup_data
from tests.fixtures import PASSWORD, alice, bob
from tests.questionnaire_helpers import fill, start

pytestmark = pytest.mark.django_db


def test_a_questionnaire_started_while_logged_in_belongs_to_the_account_and_resumes_on_another_device(client):
    user = alice()
    client.force_login(user)
    assessment = start(client)
    assert assessment.user == user
    laptop = Client()
    laptop.force_login(user)
    response = laptop.get(f"/assess/{assessment.pk}/about/")
    assert response.status_code == 200 and "About you" in response.content.decode()


def test_logging_in_claims_this_browsers_unfinished_and_finished_questionnaires(client):
    unfinished = fill(client, finish=False)
    finished = fill(client)
    user = alice()
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert set(user.assessments.values_list("pk", flat=True)) == {unfinished.pk, finished.pk}
    # And they follow the account to another device.
    phone = Client()
    phone.force_login(user)
    assert phone.get(f"/assess/{finished.pk}/results/").status_code == 200
    assert "Continue where you left off" in phone.get("/assess/").content.decode()


def test_signing_up_claims_this_browsers_questionnaires(client):
    assessment = fill(client)
    assert client.post("/accounts/signup/", signup_data()).status_code == 302
    carol = get_user_model().objects.get(username="carol")
    assert list(carol.assessments.values_list("pk", flat=True)) == [assessment.pk]


def test_another_browsers_anonymous_questionnaires_are_never_claimed(client):
    theirs = fill(client)
    alice()
    mine = Client()
    assert mine.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    assert Assessment.objects.get(pk=theirs.pk).user is None
    assert mine.get(f"/assess/{theirs.pk}/results/").status_code == 404


def test_logging_in_never_takes_a_questionnaire_another_account_owns(client):
    """Were an id of Bob's in this session (a shared computer), Alice logging in would not take it."""
    owner = bob()
    client.force_login(owner)
    bobs = start(client)
    session = client.session
    remembered = session["assessments"]
    client.logout()
    other = Client()
    session = other.session
    session["assessments"] = remembered
    session.save()
    alice()
    assert other.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    assert Assessment.objects.get(pk=bobs.pk).user == owner
