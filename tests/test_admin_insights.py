"""The admin's insights page: anonymised aggregates over assessments and saved
reports, for superusers and holders of reports.view_insights only, in a fixed
number of queries whatever the data size."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisor.catalogue.models import ContextChoice, ContextQuestion
from advisor.questionnaire.models import Assessment, ContextAnswer
from advisor.reports.insights import Week, monday
from advisor.reports.models import Report
from tests.reports_helpers import save_report

URL = "/admin/reports/report/insights/"


def at(weeks_ago: int) -> datetime.datetime:
    """An hour into the Monday `weeks_ago` weeks before this week's."""
    day = monday(timezone.localdate()) - datetime.timedelta(weeks=weeks_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(1)))


def track(slug: str, readiness: float, gaps: dict[str, int]) -> dict:
    return {"slug": slug, "readiness": readiness, "rows": [{"skill": s, "gap": g} for s, g in gaps.items()]}


def assessment(started: int, finished: int | None = None, role: str | None = None, **report) -> Assessment:
    a = Assessment.objects.create()
    Assessment.objects.filter(pk=a.pk).update(
        created_at=at(started), finished_at=None if finished is None else at(finished)
    )
    if role:
        choice = ContextChoice.objects.get(question__slug="current_role", value=role)
        ContextAnswer.objects.create(assessment=a, question=choice.question, choice=choice)
    if report:
        Report.objects.create(assessment=a, snapshot={"levels": {}, "tracks": report["tracks"]}, **report["fields"])
    return a


def report(tracks: list[dict], **fields) -> dict:
    return {"tracks": tracks, "fields": {"title": "Alice's secret plan", "notes": "private note"} | fields}


@pytest.fixture
def dataset(catalogue_with_roles, django_user_model):
    alice = django_user_model.objects.create_user("alice-the-owner")
    copy, proto = "copywriting", "prototyping"
    promo, content = "promotion", "content-operation"
    assessment(
        0,
        0,
        "promoter",
        **report([track(promo, 100, {copy: 0}), track(content, 60, {copy: 5, proto: 2})], user=alice),
    )
    assessment(1, 0, "promoter", **report([track(promo, 50, {copy: 3}), track(content, 40, {copy: 10, proto: 0})]))
    assessment(1)  # started last week, never finished
    assessment(2, 2, "writer", **report([track(content, 80, {copy: 0, proto: 2}), track(promo, 20, {copy: 3})]))
    # Finished long ago (outside the twelve weeks) and without a role answer: counted in the report sections only.
    assessment(20, 20, **report([track(promo, 70, {copy: 0}), track(content, 36, {copy: 5, proto: 2})]))


def test_the_page_shows_exact_aggregates_of_a_small_dataset(admin_client, dataset):
    response = admin_client.get(URL)

    assert response.status_code == 200
    insights = response.context["insights"]
    this_week = monday(timezone.localdate())
    assert len(insights.weeks) == 12
    assert insights.weeks[-3:] == [
        Week(this_week - datetime.timedelta(weeks=2), started=1, finished=1),
        Week(this_week - datetime.timedelta(weeks=1), started=2, finished=0),
        Week(this_week, started=1, finished=2),
    ]
    assert sum(w.started for w in insights.weeks) == 4
    assert insights.readiness() == [
        {"track": "Promotion", "average": 60, "reports": 4},
        {"track": "Content operation", "average": 54, "reports": 4},
    ]
    assert insights.gaps() == [
        {"track": "Content operation", "skill": "Copywriting", "reports": 3},
        {"track": "Content operation", "skill": "Prototyping", "reports": 3},
        {"track": "Promotion", "skill": "Copywriting", "reports": 2},
    ]
    assert insights.pairs() == [
        {"role": "Promoter", "track": "Promotion", "reports": 2},
        {"role": "Writer", "track": "Content operation", "reports": 1},
    ]
    page = response.text
    assert "Over 4 reports saved in these weeks, as each was shown when saved." in page
    assert '<th scope="row">Promotion</th><td class="number">60 %</td><td class="number">4</td>' in page
    assert '<th scope="row">Prototyping</th><td>Content operation</td><td class="number">3</td>' in page
    assert '<th scope="row">Promoter</th><td>Promotion</td><td class="number">2</td>' in page
    assert '<td class="number">1</td><td class="number">2</td></tr>' in page  # this week: 1 started, 2 finished
    assert page.count('class="started"><title>') == 12
    assert '<rect x="485" y="0" width="13" height="120" class="finished"><title>2</title></rect>' in page


def test_the_page_never_shows_who_answered_nor_report_titles_or_notes(admin_client, dataset):
    page = admin_client.get(URL).text
    assert "alice-the-owner" not in page
    assert "secret plan" not in page
    assert "private note" not in page


def test_with_no_data_the_page_says_what_will_appear(admin_client, catalogue_with_roles):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert "Once people start the questionnaire and save reports" in response.text
    assert "insights-weeks" not in response.text


def test_assessments_without_saved_reports_show_the_weeks_and_say_reports_are_missing(
    admin_client, catalogue_with_roles
):
    assessment(0)
    page = admin_client.get(URL).text
    assert "weeks-title" in page
    assert "No reports saved in these weeks: readiness, gaps and best tracks appear" in page


def test_a_real_saved_report_counts_its_role_and_best_track(admin_client, client, seeded):
    saved = save_report(client)
    best = saved.snapshot["tracks"][0]

    insights = admin_client.get(URL).context["insights"]

    assert insights.summary.reports == 1
    [pair] = insights.pairs()
    assert pair["role"] == "SEO / SEM"
    assert pair["track"] == insights.track_names[best["slug"]]
    assert pair["reports"] == 1
    assert {row["track"] for row in insights.readiness()} == set(insights.track_names.values())


# Who may see it


def test_anonymous_visitors_are_sent_to_the_admin_login(client, catalogue_with_roles):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_catalogue_editors_get_403_and_no_link(editor_client, catalogue_with_roles):
    assert editor_client.get(URL).status_code == 403
    index = editor_client.get(reverse("admin:index")).text
    assert URL not in index
    assert "Insights" not in index


def test_staff_without_the_permission_get_403(staff_client, catalogue_with_roles):
    assert staff_client.get(URL).status_code == 403


def test_the_view_insights_permission_opens_the_page_and_the_index_links_to_it(
    editor, editor_client, catalogue_with_roles
):
    editor.user_permissions.add(Permission.objects.get(codename="view_insights"))
    assert editor_client.get(URL).status_code == 200
    assert f'<a href="{URL}">Assessments and reports, anonymised</a>' in editor_client.get(reverse("admin:index")).text


def test_superusers_see_the_page_and_the_index_links_to_it(admin_client, catalogue_with_roles):
    assert admin_client.get(URL).status_code == 200
    assert f'<a href="{URL}">Assessments and reports, anonymised</a>' in admin_client.get(reverse("admin:index")).text


# Cost


def make_reports(n: int) -> None:
    role = ContextQuestion.objects.get(slug="current_role")
    choices = list(role.choices.all())
    assessments = Assessment.objects.bulk_create(Assessment() for _ in range(n))
    ContextAnswer.objects.bulk_create(
        ContextAnswer(assessment=a, question=role, choice=choices[i % 2]) for i, a in enumerate(assessments)
    )
    snapshot = {"levels": {}, "tracks": [track("promotion", 50, {"copywriting": 1})]}
    Report.objects.bulk_create(Report(assessment=a, title="r", snapshot=snapshot) for a in assessments)
    call_command("backfill_insights", stdout=io.StringIO())  # bulk_create skips Report.save, which writes the rows


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_5_or_30_reports(
    admin_client, catalogue_with_roles, django_assert_max_num_queries
):
    make_reports(5)
    few = count_queries(admin_client)
    make_reports(25)
    assert admin_client.get(URL).context["insights"].summary.reports == 30
    with django_assert_max_num_queries(few):
        admin_client.get(URL)
    assert few <= 12
