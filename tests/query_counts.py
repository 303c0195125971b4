"""Walk every public page and every answer as a person would, counting the SQL
each request makes (session reads and writes included)."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisor.reports.models import Report
from tests.questionnaire_helpers import PROMOTER, about_data, section_data

# The bound for a public page, whatever the catalogue's size.
BOUND = 8


def statements(queries: CaptureQueriesContext) -> int:
    """Queries that read or write data. Inside a test's transaction Django turns
    each `atomic()` into SAVEPOINT/RELEASE statements; outside a test it is a
    BEGIN and a COMMIT, which Django does not log. Neither is counted."""
    return sum(1 for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


class Counter:
    def __init__(self, client) -> None:
        self.client = client
        self.counts: dict[str, list[int]] = {}

    def __call__(self, page: str, method: str, url: str, data=None, expect=(200, 302), **headers):
        with CaptureQueriesContext(connection) as queries:
            response = getattr(self.client, method)(url, data or {}, **headers)
        assert response.status_code in expect, (page, url, response.status_code)
        self.counts.setdefault(page, []).append(statements(queries))
        return response

    def worst(self) -> dict[str, int]:
        return {page: max(counts) for page, counts in self.counts.items()}


def walk(client, user=None) -> dict[str, int]:
    """The whole journey: start, every screen, finish, results, save, the report,
    its exports and a step marked done; the most queries each kind of request made."""
    count = Counter(client)
    if user is not None:
        client.force_login(user)
    count("home", "get", "/")
    count("start page", "get", "/assess/")
    response = count("start", "post", "/assess/")
    url = response["Location"]
    pk = re.search(r"/assess/([0-9a-f-]+)/", url).group(1)
    count("home, a questionnaire to resume", "get", "/")
    count("questionnaire screen", "get", url)
    from advisor.questionnaire.models import Assessment

    assessment = Assessment.objects.get(pk=pk)
    response = count("answer", "post", url, about_data(PROMOTER["context"]))
    while "/review/" not in response["Location"]:
        url = response["Location"]
        theme = url.rstrip("/").rsplit("/", 1)[-1]
        data = section_data(assessment, theme, PROMOTER["levels"])
        count("questionnaire screen", "get", url)
        count("questionnaire screen (htmx)", "get", url, HTTP_HX_REQUEST="true")
        response = count("answer", "post", url, data)
    count("review", "get", response["Location"])
    response = count("finish", "post", f"/assess/{pk}/finish/")
    results = response["Location"]
    count("results", "get", results)
    count("results tab (htmx)", "get", results + "?track=product-operation", HTTP_HX_REQUEST="true")
    count("results roadmap", "get", results + "?track=product-operation&view=roadmap")
    count("results compare", "get", results + "?track=product-operation&view=compare&with=user-operation")
    response = count("save report", "post", f"/reports/save/{pk}/")
    report = Report.objects.get(assessment_id=pk)
    token = report.token
    count("saved report", "get", f"/r/{token}/")
    count("saved report roadmap", "get", f"/r/{token}/?view=roadmap")
    count("saved report compare", "get", f"/r/{token}/?view=compare")
    count("title and notes", "post", f"/r/{token}/details/", {"title": "My move", "notes": "Start in March"})
    step = next(iter(report.snapshot["steps"]))
    count("mark a step done", "post", f"/r/{token}/steps/{step}/", {"state": "done", "was": "pending"})
    count(
        "mark a step (htmx)",
        "post",
        f"/r/{token}/steps/{step}/",
        {"state": "learning", "was": "done"},
        HTTP_HX_REQUEST="true",
    )
    count("export CSV", "get", f"/r/{token}/export.csv")
    count("export JSON", "get", f"/r/{token}/export.json")
    count("print", "get", f"/r/{token}/print/")
    count("one-page summary", "get", f"/r/{token}/summary/")
    count("plan calendar", "get", f"/r/{token}/plan.ics")
    count("share", "post", f"/r/{token}/share/", {"action": "create"})
    report.refresh_from_db()
    count("shared report", "get", f"/s/{report.share_token}/")
    count("shared summary", "get", f"/s/{report.share_token}/summary/")
    count("shared plan calendar", "get", f"/s/{report.share_token}/plan.ics")
    if user is not None:
        count("my reports", "get", "/reports/")
        count("weekly e-mail on", "post", f"/r/{token}/reminder/", {"weekly": "on"})
        count("saved report, weekly e-mail on", "get", f"/r/{token}/")
        from advisor.reports.models import Reminder
        from advisor.reports.reminders import unsubscribe_token

        stop = f"/reminders/stop/{unsubscribe_token(Reminder.objects.get(report=report))}/"
        count("unsubscribe page", "get", stop)
        count("unsubscribe", "post", stop)
    count("home, after finishing", "get", "/")
    return count.worst()
