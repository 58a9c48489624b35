"""The alerts bench runs with tiny sizes and prints both figures, the ratio and the p99."""

from __future__ import annotations

import re

from tests.bench.running import run_bench


def test_alerts_bench_small_prints_both_figures_and_the_ratio() -> None:
    text = run_bench(
        "alerts.py", "--alerts", "500", "--ticks", "5000", "--naive-ticks", "200", timeout=120
    )
    assert "same fired set on the first 200 ticks: yes" in text
    assert re.search(r"naive:\s+[\d,]+ ticks/s", text)
    assert re.search(r"indexed:\s+[\d,]+ ticks/s", text)
    assert re.search(r"p99 tick->enqueued [\d,.]+ us", text)
    assert re.search(r"ratio indexed/naive \(ticks/s\): [\d,]+x", text)
