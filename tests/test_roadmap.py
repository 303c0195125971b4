"""The roadmap: the plan drawn as a prerequisite graph, with each step's state."""

from __future__ import annotations

import re

import pytest

from advisor.i18n import Text
from advisor.questionnaire.results import StepInfo, TrackView
from advisor.questionnaire.roadmap import layout, wrap
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report, step_slugs


def _step(slug: str, *needs: str, title: str = "A step") -> StepInfo:
    return StepInfo(slug, None, 2, 5, Text(en=title), Text(), prerequisites=needs)


def _track(*steps: StepInfo) -> TrackView:
    return TrackView(None, 50, "long", (), (), steps, 0, None, False, False)


def test_a_chain_runs_down_one_lane_and_parallel_steps_take_their_own():
    track = _track(_step("a"), _step("x"), _step("b", "a"), _step("c", "b"))
    nodes = {n.step.slug: n for n in layout(track).nodes}
    assert nodes["a"].lane == nodes["b"].lane == nodes["c"].lane
    # x sits between a and b, so it cannot share the lane a's line runs down.
    assert nodes["x"].lane != nodes["a"].lane
    assert [n.number for n in layout(track).nodes] == [1, 2, 3, 4]
    assert len(layout(track).edges) == 2


def test_no_line_runs_through_the_mark_of_a_step_it_does_not_join():
    steps = [_step("s0"), _step("s1"), _step("s2", "s0"), _step("s3", "s1"), _step("s4", "s0", "s3"), _step("s5")]
    roadmap = layout(_track(*steps))
    for edge in roadmap.edges:
        x, y1, y2 = (float(v) for v in re.match(r"M([\d.]+) ([\d.]+)V([\d.]+)", edge.path).groups())
        crossed = [n for n in roadmap.nodes if n.x == x and y1 + 7 < n.y < y2 - 7]
        assert crossed == [], (edge.path, [n.step.slug for n in crossed])


def test_prerequisites_outside_the_plan_draw_no_line():
    roadmap = layout(_track(_step("b", "already-met"), _step("c", "b")))
    assert len(roadmap.edges) == 1


def test_titles_wrap_to_the_width_and_are_cut_with_an_ellipsis():
    lines = wrap("Write a full requirements document that engineers can build from without asking", 200)
    assert 1 < len(lines) <= 3 and all(len(line) <= 200 / 14 / 0.62 + 1 for line in lines)
    long = wrap("word " * 60, 200)
    assert len(long) == 3 and long[-1].endswith("…")
    chinese = wrap("写出开发能直接用的完整PRD并请产品经理逐条点评再修改两轮", 150)
    ems = [sum(1 if "\u4e00" <= c <= "\u9fff" else 0.62 for c in line) for line in chinese]
    assert len(chinese) == 3 and all(em <= 150 / 14 for em in ems)
    assert "".join(chinese) == "写出开发能直接用的完整PRD并请产品经理逐条点评再修改两轮"  # nothing lost when it fits


@pytest.mark.django_db
def test_the_results_roadmap_shows_every_step_of_the_plan_in_order(client, seeded):
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?track=product-operation&view=roadmap").content.decode()
    assert 'aria-current="page">Roadmap' in page
    titles = re.findall(r'<text class="title"[^>]*>(.*?)</text>', page)
    plan = client.get(f"/assess/{assessment.pk}/results/?track=product-operation").content.decode()
    listed = re.findall(r'<li class="step-item[^"]*" id="step-([^"]+)"', plan)
    assert len(titles) == len(listed) > 5
    links = re.findall(r'<a href="[^"]*#step-([^"]+)" class="node', page)
    assert links == listed  # the same order as the written plan, each linking to its step
    assert page.count('class="edge') >= 3  # product operation's prerequisites are drawn


@pytest.mark.django_db
def test_a_saved_report_roadmap_shows_each_steps_state(client, seeded):
    report = save_report(client)
    steps = step_slugs(report, "product-operation")
    for step, state in zip(steps, ("done", "learning", "skipped"), strict=False):
        client.post(
            f"/r/{report.token}/steps/{step}/", {"state": state, "was": "pending", "track": "product-operation"}
        )
    page = client.get(f"/r/{report.token}/?track=product-operation&view=roadmap").content.decode()
    states = re.findall(r'class="node node-(\w+)"', page)
    assert states[:4] == ["done", "learning", "skipped", "pending"]
    assert f"{len(steps)} steps: 1 done, 1 in progress." in page


@pytest.mark.django_db
def test_the_roadmap_in_chinese(client, seeded):
    client.cookies["django_language"] = "zh-hans"
    assessment = fill(client)
    page = client.get(f"/assess/{assessment.pk}/results/?view=roadmap").content.decode()
    assert "你的路线图" in page and "待做" in page


@pytest.mark.django_db
def test_an_unknown_view_falls_back_to_the_plan(client, seeded):
    assessment = fill(client)
    response = client.get(f"/assess/{assessment.pk}/results/?view=<script>")
    assert response.status_code == 200
    assert 'aria-current="page">Gaps and steps' in response.content.decode()
