"""What a saved report keeps from the results: the figures and the advice a person
read on the results page come back, word for word, when the report is opened later."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from advisor.catalogue.models import Step
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.django_db

GAP_ROW = re.compile(
    r'<td class="text-center">(\d)</td><td class="text-center">(\d)</td>'
    r'<td class="text-center">(\d)</td><td class="text-end fw-semibold">(\d+)</td>'
)


@pytest.mark.parametrize(("language", "field"), [("en", "work_access_en"), ("zh-hans", "work_access_zh")])
def test_a_saved_report_keeps_what_to_do_without_access_at_work(client, language, field):
    report = save_report(client)
    # The promotion plan has a step that needs an ad account at work.
    alternative = getattr(Step.objects.get(slug="feed-optimise-by-cpa"), field)
    assert alternative
    page = client.get(f"/r/{report.token}/?track=promotion", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert escape(alternative) in page


def gap_rows(page: str) -> list[tuple[int, int, int, int]]:
    table = page[page.index('class="table table-sm align-middle small gap-table"') :]
    table = table[: table.index("</table>")]
    return [tuple(int(n) for n in row) for row in GAP_ROW.findall(table)]


def test_the_gap_column_weighs_each_shortfall_by_its_importance(client):
    assessment = fill(client)
    report = save_report(client)
    for url in (f"/assess/{assessment.pk}/results/?track=promotion", f"/r/{report.token}/?track=promotion"):
        rows = gap_rows(client.get(url).content.decode())
        assert rows, url
        # Importance above one on a skill below target, so a gap that ignored it would show.
        assert any(importance > 1 and target > level for level, target, importance, _gap in rows)
        assert [gap for *_, gap in rows] == [importance * (target - level) for level, target, importance, _ in rows]
        # Largest weighted gap first.
        assert [gap for *_, gap in rows] == sorted((gap for *_, gap in rows), reverse=True)
