"""Results and saved reports are rendered on every request, never kept from an
earlier one (issue 25): what a visit changes shows on the very next view. Each
test reads the page twice before the change, as a reload would, so a page cache
brought back later with an incomplete key fails here."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from advisor.catalogue.models import Track
from tests.fixtures import alice
from tests.questionnaire_helpers import fill
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.usefixtures("warm")


def seen(client, url: str, **headers) -> str:
    """The page as a reload gets it: the first view, then the one that counts."""
    client.get(url, **headers)
    return client.get(url, **headers).content.decode()


def token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_logging_in_and_out_shows_on_the_results_page_at_once(client):
    assessment = fill(client)
    url = f"/assess/{assessment.pk}/results/"
    assert "Log in" in seen(client, url) and "Log out" not in client.get(url).content.decode()
    client.force_login(alice())
    page = seen(client, url)
    assert "Log out" in page and "Logged in as alice" in page and ">Log in<" not in page
    client.post(reverse("accounts:logout"))
    # Logged out, the questionnaire is the account's: the page is no longer this browser's.
    assert client.get(url).status_code == 404


def test_logging_in_shows_on_the_saved_report_at_once(client):
    report = save_report(client)  # saved without an account, kept by this browser
    url = f"/r/{report.token}/"
    assert "Log in" in seen(client, url)
    client.force_login(alice())
    page = client.get(url).content.decode()
    assert "Logged in as alice" in page and ">Log in<" not in page


def test_switching_language_shows_on_results_and_report_at_once(client):
    report = save_report(client)
    name_zh = Track.objects.get(slug="product-operation").name_zh
    results = f"/assess/{report.assessment.pk}/results/"
    for url in (results, f"/r/{report.token}/"):
        assert "Retake the questionnaire" in seen(client, url) or "Edit my answers" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    for url in (results, f"/r/{report.token}/"):
        page = client.get(url).content.decode()
        assert name_zh in page and 'lang="zh-Hans"' in page and "Retake the questionnaire" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Retake the questionnaire" in client.get(f"/r/{report.token}/").content.decode()


def test_a_step_marked_and_a_new_title_show_on_the_next_view(client):
    report = save_report(client)
    url = f"/r/{report.token}/?track=product-operation"
    step = first_step(report)
    assert f'class="step-item state-pending start-here" id="step-{step}"' in seen(client, url)
    client.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending", "track": "product-operation"})
    assert f'class="step-item state-done start-here" id="step-{step}"' in client.get(url).content.decode()
    client.post(f"/r/{report.token}/details/", {"title": "Towards product operation", "notes": ""})
    assert "Towards product operation" in client.get(url).content.decode()


def test_sharing_turned_on_renewed_and_off_shows_at_once(client):
    report = save_report(client)
    url = f"/r/{report.token}/"
    assert "Create a read-only link" in seen(client, url)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    first = f"/s/{report.share_token}/"
    page = client.get(url).content.decode()
    assert first in page and "Create a read-only link" not in page
    stranger = Client()
    assert (
        "read only" in seen(stranger, first) and "Retake the questionnaire" not in stranger.get(first).content.decode()
    )
    client.post(f"/r/{report.token}/share/", {"action": "regenerate"})
    report.refresh_from_db()
    assert (
        f"/s/{report.share_token}/" in client.get(url).content.decode()
        and first not in client.get(url).content.decode()
    )
    assert stranger.get(first).status_code == 404
    client.post(f"/r/{report.token}/share/", {"action": "revoke"})
    assert "Create a read-only link" in client.get(url).content.decode()
    report.refresh_from_db()
    assert report.share_token is None or stranger.get(f"/s/{report.share_token}/").status_code == 404


def test_saving_shows_on_the_results_page_at_once(client):
    assessment = fill(client)
    url = f"/assess/{assessment.pk}/results/"
    assert "Save this report" in seen(client, url)
    client.post(f"/reports/save/{assessment.pk}/")
    assert "Open my saved report" in client.get(url).content.decode()


def test_forms_on_results_carry_a_working_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.get("/assess/")
    response = client.post("/assess/", {"csrfmiddlewaretoken": token(client.get("/assess/").content.decode())})
    assert response.status_code == 302
    client.handler.enforce_csrf_checks = False
    assessment = fill(client)
    client.handler.enforce_csrf_checks = True
    page = seen(client, f"/assess/{assessment.pk}/results/")
    response = client.post(f"/reports/save/{assessment.pk}/", {"csrfmiddlewaretoken": token(page)})
    assert response.status_code == 302
