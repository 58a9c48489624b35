"""The backtest bench runs small (`--bars 5000`) and reports identical trades; no timing asserts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_backtest_bench_small_run_reports_identical_trades_and_both_times() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "backtest.py"), "--bars", "5000", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    match = re.search(r"trades identical: yes \(([\d,]+) closed trades", text)
    assert match and int(match.group(1).replace(",", "")) > 20
    assert re.search(r"backtesting.py:\s+[\d.]+ ms wall", text)
    assert re.search(r"ours:\s+[\d.]+ ms wall", text)
    assert re.search(r"ratio ours/backtesting.py: [\d.]+x faster", text)
    assert re.search(r"batch of\s+1 rows:\s+[\d.]+ us", text)
    assert re.search(r"batch of 1,000 rows:\s+[\d.]+ us", text)
