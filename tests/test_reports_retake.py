from __future__ import annotations

import pytest

from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report
from tests.questionnaire_helpers import PROMOTER, about_data, section_data
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")


def test_retake_starts_a_new_questionnaire_prefilled_with_the_previous_answers(client):
    report = save_report(client)
    response = client.post(f"/r/{report.token}/retake/")
    new = Assessment.objects.exclude(pk=report.assessment_id).get()
    assert response["Location"] == f"/assess/{new.pk}/about/"
    assert new.previous_id == report.assessment_id
    assert new.answers.count() == report.assessment.answers.count()
    page = client.get(response["Location"]).content.decode()
    assert "Your previous answers are filled in." in page


def test_the_new_report_shows_what_changed_per_track_and_per_skill(client):
    first = save_report(client)
    client.post(f"/r/{first.token}/retake/")
    new = Assessment.objects.exclude(pk=first.assessment_id).get()
    # Some weeks later: they have drawn prototypes and written a PRD.
    levels = PROMOTER["levels"] | {"prototyping": 3, "product-documents": 2, "mind-mapping": 2}
    client.post(f"/assess/{new.pk}/product/", section_data(new, "product", levels))
    client.post(f"/assess/{new.pk}/finish/")
    client.post(f"/reports/save/{new.pk}/")
    second = Report.objects.get(assessment=new)
    assert second.previous == first
    page = client.get(f"/r/{second.token}/").content.decode()
    assert "What changed since" in page
    # The plan comes first; the header links down to what changed.
    assert page.index('href="#changes-heading"') < page.index('id="report-body"') < page.index('id="changes-heading"')
    changes = page[page.index('id="changes-heading"') :]
    changes = changes[: changes.index("</section>")]
    assert "Prototyping: 0 → 3" in changes and "(+3)" in changes
    product_row = changes[changes.index("Product operation") :]
    assert "text-success" in product_row[: product_row.index("</tr>")]
    # The first report did not change.
    first.refresh_from_db()
    assert "What changed since" not in client.get(f"/r/{first.token}/").content.decode()


def retake_and_save(client, first: Report, levels: dict | None = None) -> Report:
    client.post(f"/r/{first.token}/retake/")
    new = Assessment.objects.exclude(pk__in=Report.objects.values("assessment")).get()
    if levels:
        client.post(f"/assess/{new.pk}/product/", section_data(new, "product", levels))
    assert client.post(f"/assess/{new.pk}/finish/").status_code == 302
    client.post(f"/reports/save/{new.pk}/")
    return Report.objects.get(assessment=new)


def test_a_retake_keeps_the_steps_marked_done_or_skipped(client):
    first = save_report(client)
    steps = first.snapshot["steps"]
    marks = {steps[0]: "done", steps[1]: "skipped", steps[2]: "learning"}
    for step, state in marks.items():
        client.post(f"/r/{first.token}/steps/{step}/", {"state": state, "was": "pending"})

    second = retake_and_save(client, first)

    assert second.states() == {steps[0]: "done", steps[1]: "skipped"}  # "learning" starts again as pending
    assert first.states() == marks  # the old report keeps its own


def test_my_reports_tells_a_retake_from_the_report_before_it(client, django_user_model):
    from tests.fixtures import alice

    client.force_login(alice())
    first = save_report(client)
    levels = PROMOTER["levels"] | {"prototyping": 3, "product-documents": 2, "mind-mapping": 2}
    second = retake_and_save(client, first, levels)
    page = client.get("/reports/").text
    entry = page[page.index(f'href="/r/{second.token}/"') :]
    entry = entry[: entry.index("</a>")]
    assert "Retake of the report of" in entry
    assert "% → " in entry


def test_a_prefilled_retake_can_go_straight_to_the_review(client):
    first = save_report(client)
    response = client.post(f"/r/{first.token}/retake/")
    about = client.get(response["Location"]).text
    assert 'name="nav" value="review"' in about
    new = Assessment.objects.exclude(pk=first.assessment_id).get()
    jumped = client.post(response["Location"], about_data(PROMOTER["context"]) | {"nav": "review"})
    assert jumped.status_code == 302 and jumped["Location"] == f"/assess/{new.pk}/review/"
    review = client.get(jumped["Location"]).text
    assert "Finish" in review and 'class="text-danger' not in review  # every answer is there
    # A first questionnaire has nothing prefilled, so no shortcut.
    fresh = client.post("/assess/")
    assert 'value="review"' not in client.get(fresh["Location"]).text
