"""The footer's note on how the percentage is made: plain words instead of
"as O*NET does", and a link to the selected track's "Explain this score" tab
that follows the track when htmx swaps it."""

from __future__ import annotations

import re

import pytest

from advisor.catalogue.models import Track
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")


def note(page: str) -> str:
    return re.search(r'<p id="method-note"[^>]*>(.*?)</p>', page, re.S).group(1)


def test_the_results_footer_says_how_the_percentage_is_made_and_links_the_tracks_explanation(client):
    assessment = fill(client)
    url = f"/assess/{assessment.pk}/results/"
    text = note(client.get(url, {"track": "product-operation"}).content.decode())
    assert "O*NET" not in text
    assert "how much of the target level you have reached" in text and "weighted by how much the track needs" in text
    link = re.search(r'<a href="([^"]+)">How the score of Product operation is worked out</a>', text).group(1)
    assert link == f"{url}?track=product-operation&amp;view=explain"
    explain = client.get(link.replace("&amp;", "&"))
    assert explain.status_code == 200 and 'aria-current="page">Explain this score</a>' in explain.content.decode()


def test_in_chinese_it_reads_as_chinese_and_names_the_explain_tab(client):
    assessment = fill(client)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/assess/{assessment.pk}/results/", {"track": "user-operation"}).content.decode()
    text = note(page)
    name = Track.objects.get(slug="user-operation").name_zh
    assert "O*NET" not in text and "目标等级的几成" in text
    assert f"看看{name}的分数怎么算</a>" in text
    # One paragraph of Chinese: no space or line break between its sentences.
    assert not re.search(r"[。；）]\s", text)


def test_an_htmx_track_switch_sends_the_note_out_of_band_for_the_new_track(client):
    assessment = fill(client)
    partial = client.get(
        f"/assess/{assessment.pk}/results/?track=content-operation",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results-body",
    ).content.decode()
    assert '<p id="method-note" class="mb-0" hx-swap-oob="true">' in partial
    assert "?track=content-operation&amp;view=explain" in note(partial)


def test_a_saved_report_links_its_own_explain_tab_and_follows_the_track_too(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/?track=user-operation").content.decode()
    assert f'<a href="/r/{report.token}/?track=user-operation&amp;view=explain">' in note(page)
    partial = client.get(
        f"/r/{report.token}/?track=promotion", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-body"
    ).content.decode()
    assert 'hx-swap-oob="true"' in partial and f"/r/{report.token}/?track=promotion&amp;view=explain" in note(partial)


def test_pages_without_a_track_say_it_without_a_link(client):
    text = note(client.get("/").content.decode())
    assert "weighted by how much the track needs" in text and "<a " not in text
    assert "never sold or shared" in text
