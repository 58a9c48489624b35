"""The widget bench runs (`--quick`) and prints sizes, both latencies and the ratio; no timing
assertions (the machine is shared)."""

from __future__ import annotations

import re

from tests.bench.running import run_bench


def test_widget_bench_quick_run_prints_sizes_latencies_and_ratio() -> None:
    text = run_bench("widgets.py", "--quick", timeout=240)
    served = re.search(r"largest served payload: (\d+) bytes", text)
    worst = re.search(r"largest worst-case payload: (\d+) bytes", text)
    assert served and worst and int(served.group(1)) <= 1024 and int(worst.group(1)) <= 1024
    assert "limit 1024 bytes: ok" in text
    for name in ("ours hit", "ours miss", "bare"):
        assert re.search(rf"{name}\s+\d+ req/s\s+p50\s+[\d.]+ ms\s+p99\s+[\d.]+ ms", text), text
    assert re.search(r"\(\d+% 304\)", text)  # the snapshot may move on once during a run
    assert re.search(r"ratio p99 ours/bare: hit [\d.]+x, miss [\d.]+x", text)
