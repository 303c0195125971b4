from __future__ import annotations

import pytest

from advisor.questionnaire import roadmap
from advisor.reports.models import StepProgress
from tests.reports_helpers import first_step, save_report, step_slugs

pytestmark = pytest.mark.usefixtures("seeded")


def mark(client, report, step, state, was="pending", **extra):
    data = {"state": state, "was": was, "track": "product-operation"}
    return client.post(f"/r/{report.token}/steps/{step}/", data, **extra)


def test_marking_a_step_done_counts_towards_the_track_progress(client):
    report = save_report(client)
    steps = step_slugs(report, "product-operation")
    response = mark(client, report, steps[0], "done")
    assert response.status_code == 302 and "#step-" in response["Location"]
    mark(client, report, steps[1], "skipped")
    mark(client, report, steps[2], "learning")
    page = client.get(f"/r/{report.token}/?track=product-operation").content.decode()
    expected = round(100 * 2 / len(steps))
    assert f"{expected}% of steps done" in page
    assert "Progress on this track&#x27;s steps" in page or "Progress on this track's steps" in page


def test_htmx_marks_a_step_in_one_click_and_returns_the_report_body(client, django_assert_max_num_queries):
    report = save_report(client)
    step = first_step(report)
    with django_assert_max_num_queries(12):
        response = mark(client, report, step, "learning", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-body")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page and 'id="report-body"' in page
    assert 'value="learning" aria-pressed="true"' in page
    assert StepProgress.objects.get(report=report, step=step).state == "learning"


def test_a_tampered_state_is_refused_and_changes_nothing(client):
    report = save_report(client)
    step = first_step(report)
    assert mark(client, report, step, "mastered").status_code == 400
    assert not StepProgress.objects.filter(report=report, state="mastered").exists()


def test_a_foreign_step_is_refused(client):
    report = save_report(client)
    assert mark(client, report, "not-a-step", "done").status_code == 404
    assert not report.progress.exists()


def test_a_double_submit_is_refused_the_second_time(client):
    report = save_report(client)
    step = first_step(report)
    assert mark(client, report, step, "done").status_code == 302
    response = mark(client, report, step, "done")
    assert response.status_code == 409 and "changed meanwhile" in response.content.decode()
    assert StepProgress.objects.get(report=report, step=step).state == "done"


def test_reset_asks_first_then_puts_every_step_back_to_pending(client):
    report = save_report(client)
    mark(client, report, first_step(report), "done")
    page = client.get(f"/r/{report.token}/reset/").content.decode()
    assert "Reset progress?" in page and report.progress.count() == 1
    client.post(f"/r/{report.token}/reset/")
    assert not report.progress.exists()


def test_title_and_notes_can_be_edited(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/details/", {"title": "My switch to product", "notes": "Ask Li for a PRD review"})
    page = client.get(f"/r/{report.token}/").content.decode()
    assert "My switch to product" in page and "Ask Li for a PRD review" in page


def test_a_blank_title_is_refused_inline(client):
    report = save_report(client)
    response = client.post(f"/r/{report.token}/details/", {"title": "   ", "notes": ""})
    assert response.status_code == 422 and "Give the report a title." in response.content.decode()
    report.refresh_from_db()
    assert report.title.strip()


def test_delete_asks_first_and_then_really_deletes(client):
    report = save_report(client)
    mark(client, report, first_step(report), "done")
    assert "Delete this report?" in client.get(f"/r/{report.token}/delete/").content.decode()
    response = client.post(f"/r/{report.token}/delete/")
    assert response.status_code == 302
    assert not type(report).objects.filter(pk=report.pk).exists()
    assert not StepProgress.objects.filter(report_id=report.pk).exists()
    assert client.get(f"/r/{report.token}/").status_code == 404


def test_the_questionnaire_layer_names_the_same_states_a_report_keeps():
    # The next-step tag and the roadmap (questionnaire layer) read these; the report stores StepProgress.State.
    assert tuple(StepProgress.State.values) == roadmap.STATES
    assert {StepProgress.State.DONE, StepProgress.State.SKIPPED} == roadmap.FINISHED
