"""The words people read: the Chinese follows the glossary (docs/glossary.yaml),
the translations are complete, and the steps can be done by anyone, from
anywhere in mainland China."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import polib
import pytest
import yaml

from advisor.catalogue.exchange.exporter import catalogue_data
from advisor.catalogue.models import Resource, Step

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = yaml.safe_load((ROOT / "docs" / "glossary.yaml").read_text(encoding="utf-8"))
BANNED = sorted({term for entry in GLOSSARY for term in entry.get("banned") or []})
LOCALE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
# Hosts that do not open from mainland China without a VPN.
BLOCKED = ("google.", "youtube.", "facebook.", "twitter.", "x.com", "medium.com", "instagram.", "wikipedia.org")


def chinese_texts(data) -> list[tuple[str, str]]:
    """(where, text) for every Chinese text of a catalogue export."""
    found = []

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "zh" and isinstance(value, str):
                    found.append((where, value))
                else:
                    walk(value, f"{where}.{node.get('slug', key) if key != 'slug' else key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(data, "catalogue")
    return found


def test_the_glossary_bans_only_words_no_preferred_term_contains():
    preferred = [entry["zh"] for entry in GLOSSARY]
    assert len(GLOSSARY) >= 40
    assert [(b, p) for b in BANNED for p in preferred if b in p] == []


def test_no_catalogue_text_uses_a_wording_the_glossary_bans(seeded):
    texts = chinese_texts(catalogue_data())
    assert len(texts) > 500
    assert [(where, term) for where, text in texts for term in BANNED if term in text] == []


def test_no_interface_string_uses_a_wording_the_glossary_bans():
    compiled = polib.mofile(str(LOCALE / "django.mo"))
    strings = [e.msgstr for e in compiled] + [s for e in compiled for s in e.msgstr_plural.values()]
    assert len(strings) > 300
    assert [(term, s) for s in strings for term in BANNED if term in s] == []


def test_the_translation_file_has_no_fuzzy_or_untranslated_entry():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert not po.metadata_is_fuzzy
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []
    assert [e.msgid for e in po if not e.obsolete and not e.translated()] == []


def test_band_names_say_whether_to_move(seeded):
    po = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / "django.po"))}
    assert (po["Ready"], po["Within reach"], po["Long road"]) == ("可以转岗", "差距不大", "差距较大")


@pytest.mark.django_db
def test_every_resource_opens_from_mainland_china_and_says_its_language(seeded):
    resources = list(Resource.objects.all())
    assert len(resources) > 30
    assert [r.url for r in resources if any(b in urlparse(r.url).netloc for b in BLOCKED)] == []
    assert sum(r.language in ("zh", "both") for r in resources) > len(resources) / 2


@pytest.mark.django_db
def test_every_step_names_its_evidence_and_none_assumes_a_boss(seeded):
    boss = re.compile(r"\byour (boss|manager|supervisor|employer|team lead)\b|\bat work\b", re.I)
    steps = list(Step.objects.all())
    assert [s.slug for s in steps if not (s.evidence_en and s.evidence_zh)] == []
    assert [s.slug for s in steps if boss.search(s.practice_en) and not s.work_access_en] == []
    assert [s.slug for s in steps if re.search("领导|上级|老板", s.practice_zh) and not s.work_access_zh] == []


def test_a_chinese_page_shows_the_chinese_resources_first(client, seeded):
    from tests.questionnaire_helpers import PROMOTER, fill

    step = Step.objects.get(slug="research-learn-methods")
    Resource.objects.create(
        step=step, title_en="A Chinese guide", title_zh="中文指南", url="https://example.cn/", language="zh"
    )
    levels = {"sem-bidding": 3, "seo": 3, "channel-selection": 3}
    about = PROMOTER["context"] | {"current_role": "promotion", "goal": "user-operation"}
    assessment = fill(client, {"context": about, "levels": levels})
    url = f"/assess/{assessment.pk}/results/?track=user-operation"
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    english_only = step.resources.exclude(language__in=["zh", "both"]).first()
    assert "中文指南" in chinese and english_only.url not in chinese
    assert english_only.url in english and "https://example.cn/" not in english
