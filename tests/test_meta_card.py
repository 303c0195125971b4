"""What a pasted link shows (Open Graph) and what search engines quote: the product,
in the reader's language, never anything of the person's report."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from tests.reports_helpers import results, save_report

pytestmark = pytest.mark.usefixtures("seeded")

META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[\w:]+|description)" content="([^"]*)">')


def tags(page: str) -> dict[str, str]:
    return dict(META.findall(page))


def report_data(report) -> list[str]:
    """Everything a card must not give away: the title, the tokens, every track's name and score."""
    found = [report.title, report.token, report.share_token]
    for view in results(report).tracks:
        found += [view.track.name.en, view.track.name.zh, f"{view.percent}%"]
    return [text for text in found if text]


def test_every_page_carries_a_generic_card(client):
    card = tags(client.get("/").content.decode())
    assert card["og:type"] == "website"
    assert card["og:site_name"] == "Career path advisor"
    assert card["og:title"] == "Career path advisor: promotion or operation?"
    assert card["og:description"].startswith("How ready are you to move between promotion and operation roles")
    assert card["description"] == card["og:description"]
    assert card["og:image"] == "http://testserver/static/og-card.png"
    assert card["twitter:card"] == "summary_large_image"
    assert "og:url" not in card  # a report's address is its key


def test_the_image_is_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("og-card.png")


@pytest.mark.parametrize("path", ["private", "shared", "summary", "shared summary"])
def test_report_pages_show_the_same_card_and_no_report_data(client, path):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    client.post(f"/r/{report.token}/details/", {"title": "Mei moves to product operation", "notes": ""})
    report.refresh_from_db()
    url = {
        "private": f"/r/{report.token}/",
        "shared": f"/s/{report.share_token}/",
        "summary": f"/r/{report.token}/summary/",
        "shared summary": f"/s/{report.share_token}/summary/",
    }[path]
    page = Client().get(url).content.decode()
    card = tags(page)
    assert card == tags(client.get("/").content.decode())
    head = page.split("</head>")[0]
    meta = "\n".join(line for line in head.splitlines() if line.lstrip().startswith("<meta"))
    for text in report_data(report):
        assert text not in meta, text


def test_the_card_is_in_the_readers_language(client):
    client.cookies["django_language"] = "zh-hans"
    card = tags(client.get("/").content.decode())
    with translation.override("zh-hans"):
        assert card["og:site_name"] == translation.gettext("Career path advisor")
        assert card["og:title"] == translation.gettext("Career path advisor: promotion or operation?")
    assert card["og:locale"] == "zh_CN"
    assert tags(Client().get("/").content.decode())["og:locale"] == "en_US"
