"""The fan-out bench runs (`--quick`) and prints both sides and the ratio; no timing assertions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_fanout_bench_quick_prints_both_sides() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fanout.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    for side in ("ours", "bare"):
        match = re.search(rf"{side}\s+50 clients \((\d+) connected\):\s+\d+ frames/s", out.stdout)
        assert match, out.stdout
        assert int(match.group(1)) == 50, "every client connected"
    assert re.search(r"ratio p99 ours/bare at 50: [\d.]+", out.stdout)
    costs = {
        name: float(us)
        for name, us in re.findall(
            r"^  (per-subscriber execution|shared results \(ours\))\s+([\d.]+) µs", out.stdout, re.M
        )
    }
    assert len(costs) == 2, out.stdout


@pytest.mark.slow
def test_fanout_bench_replicas_each_serve_books_from_one_redis_bus(redis_url: str) -> None:
    """`--replicas 2`: one replica publishes, the Redis bus carries the books to both, and the
    clients on each replica receive them."""
    command = [sys.executable, str(ROOT / "bench" / "fanout.py"), "--quick", "--replicas", "2"]
    out = subprocess.run(
        [*command, "--redis-url", redis_url],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ours: 2 processes on one Redis bus" in out.stdout, out.stdout
    ours = r"ours\s+50 clients \((\d+) connected\).*frames per server: \[(\d+), (\d+)\]"
    match = re.search(ours, out.stdout)
    assert match, out.stdout
    assert int(match.group(1)) == 50, "every client connected"
    assert int(match.group(2)) > 0 and int(match.group(3)) > 0, out.stdout
