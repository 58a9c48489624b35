"""The order-book bench runs (`--quick`) and prints both figures; no timing assertions."""

from __future__ import annotations

import re

from tests.bench.running import run_bench


def test_orderbook_bench_quick_prints_both_figures() -> None:
    text = run_bench("orderbook.py", "--quick", timeout=120)
    assert "books equal after the stream: yes" in text
    assert re.search(r"ccxt:\s+[\d.]+ M updates/s", text)
    assert re.search(r"ours:\s+[\d.]+ M updates/s", text)
    assert re.search(r"ratio ours/ccxt: [\d.]+x", text)
    assert re.search(r"memory per book: ccxt [\d.]+ KiB, ours [\d.]+ KiB", text)
