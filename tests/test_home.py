from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.html import escape

from advisor.catalogue.models import Route, Track


def test_home_lists_every_track_with_its_focus(client, warm, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    tracks = list(Track.objects.all())
    assert len(tracks) >= 9
    for track in tracks:
        assert track.name_en in page
        assert track.focus_en in page


def test_home_shows_the_moves_the_articles_describe_with_their_lead_skills(client, seeded):
    page = client.get("/").content.decode()
    assert "Moves the source articles describe" in page
    for route in Route.objects.prefetch_related("leads__skill"):
        assert escape(route.name_en) in page
        for lead in route.leads.all():
            assert lead.skill.name_en in page
    # The way back from operation to promotion starts with a personal brand.
    assert "From operation to promotion: sell yourself first" in page


def test_home_speaks_chinese_when_asked(client, seeded):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert Track.objects.get(slug="product-operation").name_zh in page
    assert "从运营转推广：先试着推销你自己" in page
    translation.activate("en")


def test_switching_language_is_a_plain_form_post(client, seeded):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True)
    assert Track.objects.get(slug="promotion").focus_zh in response.content.decode()


def test_home_loads_htmx_and_bootstrap_from_our_own_static_files(client, seeded):
    page = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/bootstrap/css/bootstrap.min.css">' in page
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer>' in page
    assert client.get("/static/django_htmx/htmx-2.min.js").status_code == 200
    # Nothing is loaded from another host (a CSRF token may spell "cdn" by chance, so look at addresses).
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_home_with_an_empty_catalogue_still_renders(client, empty_catalogue):
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/static/bootstrap/css/bootstrap.min.css", "/static/css/advisor.css"])
def test_static_assets_are_served_without_a_cdn(client, db, path):
    assert client.get(path).status_code == 200
