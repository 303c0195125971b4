"""A report saved from a catalogue that once let a bad step slug in (a space,
a slash, too long) still opens everywhere: the page and its step forms, the
shared view, print, CSV, JSON, the summary and the calendar. The bad step is
shown without a state form; the others keep theirs."""

from __future__ import annotations

import json

import pytest
from django.utils.html import escape

from advisor.reports.models import Report, StepProgress
from tests.reports_helpers import first_step, save_report, step_of, step_slugs

pytestmark = pytest.mark.usefixtures("seeded")

BAD = ["bad slug/x", "b" * 81, "步骤"]


def with_bad_step(client, bad: str) -> tuple[Report, str]:
    """A saved report whose first product-operation step is renamed `bad` wherever the snapshot names it."""
    report = save_report(client)
    good = first_step(report)
    text = json.dumps(report.snapshot, ensure_ascii=False).replace(json.dumps(good), json.dumps(bad))
    Report.objects.filter(pk=report.pk).update(snapshot=json.loads(text))
    report.refresh_from_db()
    assert bad in report.snapshot["steps"] and good not in report.snapshot["steps"]
    return report, bad


@pytest.mark.parametrize("bad", BAD)
def test_the_report_page_opens_and_the_bad_step_has_no_state_form(client, bad):
    report, bad = with_bad_step(client, bad)
    response = client.get(f"/r/{report.token}/", {"track": "product-operation"})
    assert response.status_code == 200
    page = response.text
    assert f'id="step-{bad}"' in page
    assert 'name="state"' in page  # the other steps keep their forms
    step = step_slugs(report, "product-operation")[1]
    assert f"/r/{report.token}/steps/{step}/" in page
    assert "/steps/bad" not in page and f"/steps/{bad}" not in page

    response = client.get(f"/r/{report.token}/", {"track": "product-operation"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "/steps/bad" not in response.text


@pytest.mark.parametrize("bad", BAD)
def test_every_export_and_view_of_it_opens(client, bad):
    report, bad = with_bad_step(client, bad)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    token, shared = report.token, report.share_token

    for url in (
        f"/r/{token}/print/",
        f"/r/{token}/summary/",
        f"/r/{token}/plan.ics",
        f"/s/{shared}/",
        f"/s/{shared}/summary/",
        f"/s/{shared}/plan.ics",
    ):
        response = client.get(url, {"track": "product-operation"})
        assert response.status_code == 200, url
    title = escape(step_of(report, bad).title.en)
    assert title in client.get(f"/r/{token}/print/", {"track": "product-operation"}).text
    # A refused edit of the title renders the report page again, steps and all.
    response = client.post(f"/r/{token}/details/", {"title": "x" * 1000, "track": "product-operation"})
    assert response.status_code == 422 and "/steps/bad" not in response.text

    rows = client.get(f"/r/{token}/export.csv").content.decode("utf-8-sig")
    assert step_of(report, bad).title.en in rows
    exported = json.loads(client.get(f"/r/{token}/export.json").content)
    assert bad in json.dumps(exported, ensure_ascii=False)


def test_posting_a_state_for_a_bad_step_is_a_404_and_saves_nothing(client):
    report, bad = with_bad_step(client, "bad slug")
    response = client.post(f"/r/{report.token}/steps/bad%20slug/", {"was": "pending", "state": "done"})
    assert response.status_code == 404
    assert not StepProgress.objects.filter(report=report).exists()


def test_the_good_steps_of_that_report_still_record_progress(client):
    report, _bad = with_bad_step(client, "bad slug/x")
    step = step_slugs(report, "product-operation")[1]
    response = client.post(f"/r/{report.token}/steps/{step}/", {"was": "pending", "state": "done"})
    assert response.status_code == 302
    assert report.states() == {step: "done"}
