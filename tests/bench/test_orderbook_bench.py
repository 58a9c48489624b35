"""The order-book bench runs (`--quick`) and prints both figures; no timing assertions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_orderbook_bench_quick_prints_both_figures() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "orderbook.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    assert "books equal after the stream: yes" in text
    assert re.search(r"ccxt:\s+[\d.]+ M updates/s", text)
    assert re.search(r"ours:\s+[\d.]+ M updates/s", text)
    assert re.search(r"ratio ours/ccxt: [\d.]+x", text)
    assert re.search(r"memory per book: ccxt [\d.]+ KiB, ours [\d.]+ KiB", text)
