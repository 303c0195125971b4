"""Issue 21: the step counter never changes its total under the person's feet. The "About you"
answers decide which screens follow, so that screen names no total; from the next screen on,
the total is the number of screens of this person's path and stays the same to the review."""

from __future__ import annotations

import re

import pytest

from tests.questionnaire_helpers import PROMOTER, about_data, section_data, start

pytestmark = pytest.mark.usefixtures("seeded")
SHOP_OWNER = {"context": PROMOTER["context"] | {"current_role": "shop-staff", "sells_online": "yes"}, "levels": {}}


def counter(page: str) -> str:
    return re.search(r'<div class="flow-progress.*?<span>(.*?)</span>', page, re.S).group(1).strip()


def walk(client, person: dict) -> list[str]:
    """The counter of every screen, from "About you" to the review."""
    assessment = start(client)
    url = f"/assess/{assessment.pk}/about/"
    seen = [counter(client.get(url).content.decode())]
    response = client.post(url, about_data(person["context"]))
    while "/review/" not in response["Location"]:
        url = response["Location"]
        seen.append(counter(client.get(url).content.decode()))
        theme = url.rstrip("/").rsplit("/", 1)[-1]
        response = client.post(url, section_data(assessment, theme, person["levels"]))
    seen.append(counter(client.get(response["Location"]).content.decode()))
    return seen


@pytest.mark.parametrize("person", [PROMOTER, SHOP_OWNER], ids=["promoter", "shop-owner"])
def test_the_total_is_left_out_until_the_path_is_known_and_then_never_changes(client, person):
    seen = walk(client, person)
    assert seen[0] == "Step 1 · these answers decide which steps follow"
    total = len(seen)
    assert seen[1:] == [f"Step {n} of {total}" for n in range(2, total + 1)]


def test_paths_differ_in_length_so_a_total_on_the_first_screen_would_have_changed(client):
    # The shop owner is asked the shop questions the promoter is not: the first screen cannot know.
    assert len(walk(client, SHOP_OWNER)) != len(walk(client, PROMOTER))


def test_the_first_screen_says_so_in_chinese_too(client):
    assessment = start(client)
    page = client.get(f"/assess/{assessment.pk}/about/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert counter(page) == "第1步 · 这里的回答决定后面有哪几步"
    assert 'data-announce="第1步：' in page
