"""The backtest bench runs small (`--bars 5000`) and reports identical trades; no timing asserts."""

from __future__ import annotations

import re

from tests.bench.running import run_bench


def test_backtest_bench_small_run_reports_identical_trades_and_both_times() -> None:
    text = run_bench("backtest.py", "--bars", "5000", "--repeat", "1", timeout=120)
    match = re.search(r"trades identical: yes \(([\d,]+) closed trades", text)
    assert match and int(match.group(1).replace(",", "")) > 20
    assert re.search(r"backtesting.py:\s+[\d.]+ ms wall", text)
    assert re.search(r"ours:\s+[\d.]+ ms wall", text)
    assert re.search(r"ratio ours/backtesting.py: [\d.]+x faster", text)
    assert re.search(r"batch of\s+1 rows:\s+[\d.]+ us", text)
    assert re.search(r"batch of 1,000 rows:\s+[\d.]+ us", text)
