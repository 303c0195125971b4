"""The tracks and skills the job postings demanded (short video, live streaming,
platform rules, competitor analysis, creator cooperation) go everywhere the
others go: questionnaire, results, reports, admin, import and export."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from django.core.management import call_command

from advisor.catalogue.models import Question, Skill, Track
from tests.fixtures import admin_url
from tests.questionnaire_helpers import PROMOTER, fill, start
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")
NEW_TRACKS = {"short-video-operation": "短视频运营", "live-stream-operation": "直播运营"}
NEW_SKILLS = ["short-video", "live-streaming", "platform-rules", "competitor-analysis", "kol-cooperation"]


def test_every_new_skill_is_asked_with_five_behaviours_in_both_languages(client):
    assessment = start(client)
    response = client.post(f"/assess/{assessment.pk}/about/", {f"c-{k}": v for k, v in PROMOTER["context"].items()})
    assert response.status_code == 422  # goal and company size unanswered: nothing moves on
    for slug in NEW_SKILLS:
        question = Question.objects.get(skill__slug=slug)
        assert [c.level for c in question.choices.all()] == [0, 1, 2, 3, 4]
        assert question.text_zh and all(c.label_zh and c.label_en for c in question.choices.all())
    video = client.get(f"/assess/{assessment.pk}/video/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "短视频与直播" in video and Question.objects.get(skill__slug="short-video").text_zh in video


def test_the_results_rank_the_new_tracks_in_both_languages(client):
    levels = PROMOTER["levels"] | {"short-video": 3, "platform-rules": 2, "live-streaming": 1}
    assessment = fill(client, {"context": PROMOTER["context"], "levels": levels})
    english = client.get(f"/assess/{assessment.pk}/results/").content.decode()
    chinese = client.get(f"/assess/{assessment.pk}/results/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for slug, name_zh in NEW_TRACKS.items():
        assert f"?track={slug}" in english and Track.objects.get(slug=slug).name_en in english
        assert name_zh in chinese
    plan = client.get(f"/assess/{assessment.pk}/results/?track=short-video-operation").content.decode()
    assert "Platform rules and traffic mechanics is essential and you are at 2 of 3." in plan


def test_a_saved_report_and_its_export_keep_the_new_tracks(client):
    report = save_report(client)
    assert set(NEW_TRACKS) <= {t["slug"] for t in report.snapshot["tracks"]}
    exported = json.loads(client.get(f"/r/{report.token}/export.json").content)
    live = next(t for t in exported["tracks"] if t["slug"] == "live-stream-operation")
    assert live["name"]["zh"] == "直播运营" and any(r["skill"] == "live-streaming" for r in live["rows"])
    page = client.get(f"/r/{report.token}/?track=live-stream-operation", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "直播运营" in page.content.decode()


def test_the_admin_edits_them_and_the_export_carries_them(editor_client):
    tracks = editor_client.get(admin_url(Track, "changelist")).content.decode()
    assert all(Track.objects.get(slug=slug).name_en in tracks for slug in NEW_TRACKS)
    skill = Skill.objects.get(slug="live-streaming")
    assert editor_client.get(admin_url(Skill, "change", skill.pk)).status_code == 200
    out = io.StringIO()
    call_command("export_catalogue", stdout=out)
    data = yaml.safe_load(out.getvalue())
    assert set(NEW_TRACKS) <= {t["slug"] for t in data["tracks"]}
    assert set(NEW_SKILLS) <= {s["slug"] for s in data["skills"]}
    sourced = [r for r in data["requirements"] if r.get("source")]
    assert sourced and all("postings" in r["source"] for r in sourced)
