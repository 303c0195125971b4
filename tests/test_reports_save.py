from __future__ import annotations

import re

import pytest

from advisor.catalogue.models import Requirement, Step, Track
from advisor.reports.models import Report
from tests.fixtures import alice
from tests.questionnaire_helpers import fill
from tests.reports_helpers import results, save_report

pytestmark = pytest.mark.usefixtures("seeded")


def test_the_results_page_offers_to_save(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    assert f'action="/reports/save/{assessment.pk}/"' in page and "Save this report" in page


def test_saving_anonymously_shows_the_private_link_to_keep(client, django_assert_max_num_queries):
    report = save_report(client)
    assert report.user is None and len(report.token) >= 43  # 256 random bits, URL-safe
    with django_assert_max_num_queries(8):
        response = client.get(f"/r/{report.token}/")
    page = response.content.decode()
    assert "Keep this link." in page and f"/r/{report.token}/" in page
    assert "Saved. Keep the private link below" in page


def test_the_report_is_a_snapshot_with_scores_gaps_steps_and_the_catalogue_version(client):
    report = save_report(client)
    kept = results(report)
    assert report.catalogue_version >= 1
    tracks = [t.track.slug for t in kept.tracks]
    assert tracks.index("content-operation") < tracks.index("product-operation")
    product = kept.get("product-operation")
    assert "prototyping" in product.gaps and product.steps and product.total_hours > 0
    assert product.steps[0].title.zh


def _body(client, report) -> str:
    html = client.get(
        f"/r/{report.token}/?track=product-operation", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-body"
    ).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_saved_report_reads_the_same_after_admins_edit_the_catalogue(client):
    report = save_report(client)
    before = _body(client, report)
    assert "Product operation" in before and "Prototyping" in before
    # Admins rename a track, change a mapping, rewrite every step and delete one the report lists.
    Track.objects.filter(slug="product-operation").update(name_en="Product management")
    Requirement.objects.filter(track__slug="product-operation", skill__slug="prototyping").update(importance=1)
    Step.objects.update(title_en="Rewritten")
    Step.objects.filter(slug=results(report).tracks[-1].steps[0].slug).delete()
    assert _body(client, report) == before


def test_saving_twice_is_refused_with_a_link_to_the_report(client):
    report = save_report(client)
    response = client.post(f"/reports/save/{report.assessment_id}/")
    assert response.status_code == 409
    assert f"/r/{report.token}/" in response.content.decode()
    assert Report.objects.count() == 1


def test_an_unfinished_assessment_cannot_be_saved(client):
    assessment = fill(client, finish=False)
    assert client.post(f"/reports/save/{assessment.pk}/").status_code == 409
    assert not Report.objects.exists()


def test_someone_elses_assessment_cannot_be_saved(client):
    from django.test import Client

    assessment = fill(client)
    assert Client().post(f"/reports/save/{assessment.pk}/").status_code == 404
    assert not Report.objects.exists()


def test_a_logged_in_user_saves_into_their_account(client):
    user = alice()
    client.force_login(user)
    report = save_report(client)
    assert report.user == user
    assert "Keep this link." not in client.get(f"/r/{report.token}/").content.decode()
