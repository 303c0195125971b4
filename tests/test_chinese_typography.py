"""Chinese that reads as written: every Chinese field of the seed catalogue and every
Chinese translation keeps the rules of tests/chinese_typography.py (no space after
，。：；, no half-width punctuation beside Chinese, numbers touching Chinese)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
import yaml
from django.template import Context, Template
from django.utils import translation

from advisor.i18n import join_clauses, join_list
from tests.chinese_typography import chinese_fields, problems, rendered_msgstr

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "advisor" / "catalogue" / "seed" / "catalogue.yaml"
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# Our Chinese for installed packages, and for Django's own where it spaces numbers (timesince).
PACKAGES_PO = ROOT / "locale_packages" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _report(found: list[tuple[str, str, str]]) -> str:
    return f"{len(found)} places:\n" + "\n".join(f"{where}: {rule}: {snippet}" for where, rule, snippet in found)


def test_the_rules_catch_what_a_chinese_reader_notices():
    assert [rule for rule, _ in problems("来源： 文章")] == ["space after full-width punctuation"]
    assert [rule for rule, _ in problems("总共约需练习128小时。\n 按每周")] == []  # a break between blocks
    assert [rule for rule, _ in problems("社群运营 (等级1/目标3), 产品理解")] == [
        "half-width punctuation next to Chinese"
    ] * 2
    assert len(problems("社群运营 (等级 1 / 目标 3)")) == 3
    assert problems("你的目标: 用户运营") and problems("最常要求：老客维护与复购(9).")
    assert [rule for rule, _ in problems("运营编辑 · 5 h")] == ["hours in English"]
    # Addresses, decimals, times and English are not Chinese punctuation.
    for fine in ("见 https://example.com/a.b，或写信给 mei@example.com。", "约3.5小时，10:00开始", "SEO (search)"):
        assert problems(fine) == [], fine


def test_every_chinese_field_of_the_seed_catalogue_reads_as_written():
    fields = chinese_fields(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))
    assert len(fields) > 800  # every {en, zh} text, not a few
    found = [(where, rule, snippet) for where, text in fields for rule, snippet in problems(text)]
    assert not found, _report(found)


@pytest.mark.parametrize("po", [PO, PACKAGES_PO], ids=["ours", "packages"])
def test_every_chinese_translation_reads_as_written(po):
    found = []
    for entry in polib.pofile(str(po)):
        for msgstr in [entry.msgstr, *entry.msgstr_plural.values()]:
            found += [(repr(entry.msgid[:50]), rule, snippet) for rule, snippet in problems(rendered_msgstr(msgstr))]
    assert not found, _report(list(dict.fromkeys(found)))


@pytest.mark.parametrize(
    ("language", "page", "listed"),
    [
        ("en", "Source: Article. Copywriting (3/4). Operation editor: writes", "a, b; c"),
        ("zh-hans", "来源：Article。Copywriting（3/4）。Operation editor：writes", "a、b；c"),
    ],
)
def test_punctuation_follows_the_language(language, page, listed):
    """What templates and messages put between Chinese words is Chinese: {% gap %} adds no
    space after ：or 。, {% bracket %}, {% stop %} and {% colon %} are full-width, lists take 、 and ；."""
    template = Template(
        '{% load i18n %}{% translate "Source:" %}{% gap %}Article{% stop %}{% gap %}'
        "Copywriting{% bracket %}3/4{% endbracket %}{% stop %}{% gap %}Operation editor{% colon %}writes"
    )
    with translation.override(language):
        assert template.render(Context()) == page
        assert join_clauses([join_list(["a", "b"]), "c"]) == listed
