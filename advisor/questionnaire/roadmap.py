"""The roadmap: a track's plan drawn as a graph, prerequisites above the steps
that need them, laid out on the server as plain numbers for an SVG template.

The plan is already in dependency order (scoring.plan), so the steps run top to
bottom in that order. Each step sits on a lane at the left, like a branch in a
commit graph: a line leaves a step down its lane and bends into every step
that needs it. A lane stays reserved until the last step that needs its step,
so no line runs through another step's mark. Titles are wrapped here, by an
estimate of their width (a CJK character is about one em, a bold Latin one
under two thirds), because SVG text does not wrap by itself."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from advisor.questionnaire.results import StepInfo, TrackView

WIDTH = 360  # the viewBox: a phone's width, scaled up a little on a desktop
LANE = 18
GUTTER = 14
MARK = 7  # a step's mark: its radius
TITLE_SIZE = 14
DETAIL_SIZE = 12
LINE = 19  # title line height
MAX_LINES = 3
PAD = 12  # between rows
TOP = 8
# A step's progress on a saved report (reports.StepProgress keeps one per step).
STATES = ("pending", "learning", "done", "skipped")
# The states that take a step off the plan still to do: the next step, the progress, the calendar skip them.
FINISHED = frozenset({"done", "skipped"})


@dataclass(frozen=True)
class Node:
    number: int
    step: StepInfo
    state: str
    lane: int
    x: int
    y: int  # the mark's centre
    lines: tuple[str, ...]  # the title, wrapped
    text_x: int
    detail_y: int


@dataclass(frozen=True)
class Edge:
    path: str  # SVG path data
    done: bool  # the prerequisite is done or skipped


@dataclass(frozen=True)
class Roadmap:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int
    lanes: int

    def count(self, state: str) -> int:
        return sum(n.state == state for n in self.nodes)


def _em(char: str) -> float:
    # Latin at 0.62 em: wide enough for bold DejaVu Sans, the widest of the fonts we fall back on.
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.62


def wrap(text: str, width: float, size: int = TITLE_SIZE, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Lines of at most `width` px at `size` px: breaks at spaces, or anywhere
    between CJK characters; the last line kept ends with an ellipsis when cut."""
    limit = width / size
    lines: list[str] = []
    line, used = "", 0.0
    for word in _words(text):
        need = sum(_em(c) for c in word)
        if line and used + need > limit:
            lines.append(line.rstrip())
            line, used = word.lstrip(), sum(_em(c) for c in word.lstrip())
        else:
            line, used = line + word, used + need
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        kept = lines[: max_lines - 1]
        last = lines[max_lines - 1]
        while last and sum(_em(c) for c in last + "…") > limit:
            last = last[:-1]
        lines = [*kept, last.rstrip() + "…"]
    return tuple(lines) or ("",)


def _words(text: str) -> list[str]:
    """Breakable pieces: each CJK character alone, Latin words with their leading space."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if _em(char) == 1.0:
            if current:
                pieces.append(current)
            pieces.append(char)
            current = ""
        elif char == " ":
            if current:
                pieces.append(current)
            current = " "
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def _lanes(steps: tuple[StepInfo, ...]) -> tuple[list[int], list[list[int]]]:
    """A lane per step, and each step's prerequisites (as indexes) within the plan."""
    index = {s.slug: i for i, s in enumerate(steps)}
    needs = [[index[p] for p in s.prerequisites if p in index and index[p] < i] for i, s in enumerate(steps)]
    last_use = list(range(len(steps)))
    for i, pre in enumerate(needs):
        for p in pre:
            last_use[p] = max(last_use[p], i)
    lanes: list[int] = []
    busy: dict[int, int] = {}  # lane -> the last row it is reserved for
    for i in range(len(steps)):
        # Continue straight down a prerequisite's lane when this is the last step that needs it.
        ending = sorted(lanes[p] for p in needs[i] if last_use[p] == i)
        lane = ending[0] if ending else next(n for n in range(len(steps) + 1) if busy.get(n, -1) < i)
        lanes.append(lane)
        busy[lane] = last_use[i]
    return lanes, needs


def layout(track: TrackView, states: dict[str, str] | None = None) -> Roadmap:
    """Where each step of the track's plan and each prerequisite line goes."""
    states = states or {}
    steps = track.steps
    lanes, needs = _lanes(steps)
    width_lanes = (max(lanes) + 1) if lanes else 1
    text_x = GUTTER + width_lanes * LANE + 4
    nodes: list[Node] = []
    y = TOP
    for i, step in enumerate(steps):
        lines = wrap(f"{i + 1}. {step.title}", WIDTH - text_x - 4)
        mark_y = y + TITLE_SIZE * 0.6
        detail_y = y + (len(lines) - 1) * LINE + TITLE_SIZE + DETAIL_SIZE + 6
        state = states.get(step.slug, "pending")
        nodes.append(
            Node(
                number=i + 1,
                step=step,
                state=state if state in STATES else "pending",
                lane=lanes[i],
                x=GUTTER + lanes[i] * LANE,
                y=round(mark_y),
                lines=lines,
                text_x=text_x,
                detail_y=round(detail_y),
            )
        )
        y = detail_y + PAD + 6
    edges = tuple(_edge(nodes[p], nodes[i]) for i, pre in enumerate(needs) for p in pre)
    return Roadmap(tuple(nodes), edges, WIDTH, round(y), width_lanes)


def _edge(start: Node, end: Node) -> Edge:
    """Down the prerequisite's lane, then a curve into the step that needs it."""
    done = start.state in FINISHED
    x1, y1, x2, y2 = start.x, start.y + MARK, end.x, end.y - MARK
    if x1 == x2:
        return Edge(f"M{x1} {y1}V{y2}", done)
    bend = max(y2 - 26, y1)
    mid = round((bend + y2) / 2)
    return Edge(f"M{x1} {y1}V{bend}C{x1} {mid} {x2} {mid} {x2} {y2}", done)
