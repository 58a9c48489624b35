"""The portfolio-query bench runs (`--quick`) and prints both figures; no timing assertions."""

from __future__ import annotations

import re

import pytest

from tests.bench.running import run_bench


@pytest.mark.slow
def test_graphql_query_bench_quick_prints_both_figures() -> None:
    text = run_bench("graphql_query.py", "--quick", timeout=180)
    assert re.search(r"response: \d+ bytes", text)
    assert "answers the same fields, holdings and positions: True" in text
    for side in ("ours", "bare route", "bare bytes"):
        assert re.search(rf"{side}\s*:\s+\d+ req/s", text), side
    assert re.search(r"ratio ours/bare route: [\d.]+", text)
