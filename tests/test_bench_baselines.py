"""`make bench-load`'s two baselines render exactly the size asked, the loop one
through its rows; and each page's figure is the median of its rounds against
the baseline runs either side of it (bench/run.py)."""

from __future__ import annotations

import pytest
from django.urls import clear_url_caches

from bench.run import LOOP, STATIC, summarise


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"
    clear_url_caches()
    yield
    clear_url_caches()


@pytest.mark.parametrize("size", [5_000, 41_054, 90_001])
def test_both_baselines_render_the_size_asked(client, bench_urls, size):
    static = client.get(f"/bench/bare/?bytes={size}").content
    loop = client.get(f"/bench/loop/?bytes={size}").content
    assert len(static) == len(loop) == size
    # The loop page is made of rows, escaped as any page's values are, not of padding.
    rows = loop.count(b'<li class="step ')
    assert rows > size // 250 and loop.count(b"&amp; what it asks") == rows
    assert loop.count(b"state-done") == (rows + 2) // 3


def run(rps: float, p95: float = 10_000.0) -> dict:
    return {"rps": rps, "p50_us": 1000.0, "p95_us": p95, "p99_us": p95, "errors": 0}


def test_a_page_is_measured_against_the_baselines_before_and_after_it():
    rounds = [
        {STATIC: run(1000), LOOP: run(200), "results": run(150)},
        {STATIC: run(3000), LOOP: run(600), "results": run(100)},
        {STATIC: run(1000), LOOP: run(200), "results": run(60)},
        {STATIC: run(1000), LOOP: run(200)},  # the closing baselines
    ]
    rows = {row["name"]: row for row in summarise(rounds, [STATIC, LOOP, "results"])}
    results = rows["results"]
    # Ratios per round: 150/400 = 37.5 %, 100/400 = 25 %, 60/200 = 30 % of the loop: median 30 %.
    assert results[LOOP] == pytest.approx(0.30)
    assert results[STATIC] == pytest.approx(0.06)  # 150/2000, 100/2000, 60/1000
    assert results["rps"] == 100 and results["rounds"] == 3
    assert rows[STATIC]["rounds"] == 3 and rows[STATIC]["rps"] == 1000
