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
