"""Results and saved reports are kept rendered between visits (advisor/pages.py).
What a person sees must not tell: forms still work, changes show at once,
messages appear, and nobody is shown someone else's page or language."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from advisor.catalogue.models import Track
from tests.questionnaire_helpers import fill
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.usefixtures("warm")


def token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_forms_on_a_kept_results_page_carry_a_working_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.get("/assess/")
    csrf = token(client.get("/assess/").content.decode())
    response = client.post("/assess/", {"csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    client.handler.enforce_csrf_checks = False
    assessment = fill(client)  # a second questionnaire, in the same browser
    client.handler.enforce_csrf_checks = True
    url = f"/assess/{assessment.pk}/results/"
    again = kept(client, url)
    assert "csrf-placeholder" not in again
    response = client.post(f"/reports/save/{assessment.pk}/", {"csrfmiddlewaretoken": token(again)})
    assert response.status_code == 302


def test_saving_shows_on_the_results_page_at_once(client):
    assessment = fill(client)
    url = f"/assess/{assessment.pk}/results/"
    assert "Save this report" in kept(client, url)
    client.post(f"/reports/save/{assessment.pk}/")
    assert "Open my saved report" in client.get(url).content.decode()


def kept(client, url: str, **headers) -> str:
    """The page as a second visit gets it: the first visit (which also shows any
    message left by the last action) put it in the cache."""
    client.get(url, **headers)
    return client.get(url, **headers).content.decode()


def test_a_step_marked_done_and_a_new_title_show_on_the_next_view(client):
    report = save_report(client)
    url = f"/r/{report.token}/?track=product-operation"
    step = first_step(report)
    assert f'class="step-item state-pending start-here" id="step-{step}"' in kept(client, url)
    client.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending", "track": "product-operation"})
    assert f'class="step-item state-done start-here" id="step-{step}"' in client.get(url).content.decode()
    response = client.post(
        f"/r/{report.token}/details/", {"title": "Towards product operation", "notes": ""}, follow=True
    )
    assert "Title and notes saved." in response.content.decode()
    assert "Towards product operation" in kept(client, url)


def test_the_kept_page_follows_the_language_and_the_reader(client):
    report = save_report(client)
    url = f"/r/{report.token}/"
    assert "Retake the questionnaire" in kept(client, url)
    zh = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert Track.objects.get(slug="product-operation").name_zh in zh and "Retake the questionnaire" not in zh
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    stranger = Client().get(f"/s/{report.share_token}/").content.decode()
    assert "Retake the questionnaire" not in stranger and "read only" in stranger
