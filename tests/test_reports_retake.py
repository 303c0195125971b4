from __future__ import annotations

import pytest

from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report
from tests.questionnaire_helpers import PROMOTER, section_data
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
    changes = page[page.index("What changed since") : page.index('id="report-body"')]
    assert "Prototyping: 0 → 3" in changes and "(+3)" in changes
    product_row = changes[changes.index("Product operation") :]
    assert "text-success" in product_row[: product_row.index("</tr>")]
    # The first report did not change.
    first.refresh_from_db()
    assert "What changed since" not in client.get(f"/r/{first.token}/").content.decode()
