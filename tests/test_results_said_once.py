"""Issue 21: the headline and the selected track's card under it said the same thing twice
("User operation, Long road, 59%", then "User operation · 59% Long road"). The headline says it;
the card, when it shows the recommended track, goes on from there."""

from __future__ import annotations

import re

import pytest

from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")


def visible(html: str) -> str:
    """The text a sighted reader sees: tags and visually hidden text left out."""
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def parts(page: str) -> tuple[str, str]:
    """The headline (recommendation, verdict, first reason) and the track card's heading and verdict."""
    headline = page[page.index('<p class="eyebrow') : page.index('id="next-step"')]
    card = page[page.index('id="track-detail"') : page.index('class="nav nav-tabs')]
    return headline, card


@pytest.mark.parametrize("where", ["results", "report"])
def test_the_recommended_track_is_named_with_its_match_once(client, where, django_assert_max_num_queries):
    url = f"/assess/{fill(client).pk}/results/" if where == "results" else f"/r/{save_report(client).token}/"
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "{#" not in page  # a template comment on two lines is printed, not hidden
    headline, card = parts(page)
    percent = re.search(r'<span class="percent">(\d+)%</span>', headline).group(1)
    reason = re.search(r'<p class="lead mb-2">(.*?)</p>', headline).group(1)
    assert "Content operation" in visible(headline) and f"{percent}%" in visible(headline)
    heading = re.search(r'<h2 id="detail-heading".*?</h2>', card, re.S).group(0)
    assert f"{percent}%" not in heading and "Long road" not in visible(card)
    assert reason not in card and "Content operation" not in visible(card)
    # The heading the focus goes to after a track switch still names the track, for screen readers.
    assert re.search(
        r'id="detail-heading"[^>]*>What this move takes<span class="visually-hidden"> · Content operation', card
    )


def test_another_track_in_view_is_named_with_its_match_and_verdict(client):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track=product-operation").content.decode()
    _, card = parts(page)
    assert re.search(r"Product operation · \d+% ", visible(card))
    assert "Why it is not “ready” yet:" in card
