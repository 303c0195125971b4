"""The catalogue is compiled once per catalogue version and kept in the process;
every admin save and every import moves the version, and the next request sees
the new content. A finished questionnaire keeps the results it was given."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client

from advisor.catalogue import compiled
from advisor.catalogue import models as m
from advisor.questionnaire.models import Assessment
from tests.admin_helpers import form_data
from tests.fixtures import admin_url
from tests.questionnaire_helpers import PROMOTER, about_data, fill, section_data, start


def test_an_admin_edit_shows_on_the_next_questionnaire_screen(client, warm, editor):
    person = start(client)
    screen = client.post(f"/assess/{person.pk}/about/", about_data(PROMOTER["context"]))["Location"]
    assert screen.endswith("/traffic/")
    question = m.Question.objects.get(slug="seo-page-ranking")
    assert question.text_en in client.get(screen).content.decode()
    before = compiled.current().version

    admin = Client()
    admin.force_login(editor)
    data = form_data(admin.get(admin_url(m.Question, "change", question.pk)))
    data["text_en"] = "Which pages have you brought to the first page of Baidu?"
    assert admin.post(admin_url(m.Question, "change", question.pk), data).status_code == 302

    assert "Which pages have you brought to the first page of Baidu?" in client.get(screen).content.decode()
    assert compiled.current().version != before


def test_an_import_shows_on_the_next_screen_too(client, warm, tmp_path):
    person = start(client)
    screen = client.post(f"/assess/{person.pk}/about/", about_data(PROMOTER["context"]))["Location"]
    client.get(screen)
    before = compiled.current().question_count
    call_command("synth_catalogue", "--scale", "2", stdout=io.StringIO())
    # Two copies of every skill question: the start page counts the new ones at once.
    added = m.Question.objects.filter(slug__endswith="-x2").count()
    assert added > 0 and compiled.current().question_count == before + added
    assert client.get(screen).status_code == 200


def test_finished_results_stay_as_they_were_after_the_catalogue_changes(client, warm, editor):
    assessment = fill(client)
    url = f"/assess/{assessment.pk}/results/"
    page = client.get(url).content.decode()
    track = m.Track.objects.get(slug="content-operation")
    assert track.name_en in page
    version = m.CatalogueVersion.current().number
    assert f"from catalogue version {version}" in page

    admin = Client()
    admin.force_login(editor)
    data = form_data(admin.get(admin_url(m.Track, "change", track.pk)))
    data["name_en"] = "Content strategy"
    assert admin.post(admin_url(m.Track, "change", track.pk), data).status_code == 302
    assert m.CatalogueVersion.current().number == version + 1

    page = client.get(url).content.decode()
    assert "Content strategy" not in page and track.name_en in page
    assert f"from catalogue version {version}" in page
    # "Edit my answers" works them out again, on the catalogue as it is now.
    url = client.post(f"/assess/{assessment.pk}/edit/")["Location"]
    copy = Assessment.objects.get(previous=assessment)
    response = client.post(url, about_data(PROMOTER["context"]))
    while "/review/" not in response["Location"]:
        url = response["Location"]
        response = client.post(url, section_data(copy, url.rstrip("/").rsplit("/", 1)[-1], PROMOTER["levels"]))
    response = client.post(f"/assess/{copy.pk}/finish/", follow=True)
    assert "Content strategy" in response.content.decode()
