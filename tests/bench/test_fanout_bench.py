"""The fan-out bench runs (`--quick`) and prints both sides and the ratio; no timing assertions."""

from __future__ import annotations

import re

import pytest

from tests.bench.running import run_bench


@pytest.mark.slow
def test_fanout_bench_quick_prints_both_sides() -> None:
    text = run_bench("fanout.py", "--quick", timeout=240)
    for side in ("ours", "bare"):
        match = re.search(rf"{side}\s+50 clients \((\d+) connected\):\s+\d+ frames/s", text)
        assert match, text
        assert int(match.group(1)) == 50, "every client connected"
    assert re.search(r"ratio p99 ours/bare at 50: [\d.]+", text)
    costs = {
        name: float(us)
        for name, us in re.findall(
            r"^  (per-subscriber execution|shared results \(ours\))\s+([\d.]+) µs", text, re.M
        )
    }
    assert len(costs) == 2, text


@pytest.mark.slow
def test_fanout_bench_replicas_each_serve_books_from_one_redis_bus(redis_url: str) -> None:
    """`--replicas 2`: one replica publishes, the Redis bus carries the books to both, and the
    clients on each replica receive them."""
    text = run_bench(
        "fanout.py", "--quick", "--replicas", "2", "--redis-url", redis_url, timeout=240
    )
    assert "ours: 2 processes on one Redis bus" in text, text
    ours = r"ours\s+50 clients \((\d+) connected\).*frames per server: \[(\d+), (\d+)\]"
    match = re.search(ours, text)
    assert match, text
    assert int(match.group(1)) == 50, "every client connected"
    assert int(match.group(2)) > 0 and int(match.group(3)) > 0, text
