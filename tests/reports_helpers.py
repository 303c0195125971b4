from __future__ import annotations

from advisor.reports.models import Report
from tests.questionnaire_helpers import PROMOTER, fill


def save_report(client, person: dict = PROMOTER) -> Report:
    assessment = fill(client, person)
    response = client.post(f"/reports/save/{assessment.pk}/")
    assert response.status_code == 302, response.content.decode()[:500]
    return Report.objects.get(assessment=assessment)


def first_step(report: Report, track: str = "product-operation") -> str:
    return next(t for t in report.snapshot["tracks"] if t["slug"] == track)["steps"][0]
