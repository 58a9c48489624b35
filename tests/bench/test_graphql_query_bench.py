"""The portfolio-query bench runs (`--quick`) and prints both figures; no timing assertions."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_graphql_query_bench_quick_prints_both_figures() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "graphql_query.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.search(r"response: \d+ bytes", out.stdout)
    assert "answers the same fields, holdings and positions: True" in out.stdout
    for side in ("ours", "bare route", "bare bytes"):
        assert re.search(rf"{side}\s*:\s+\d+ req/s", out.stdout), side
    assert re.search(r"ratio ours/bare route: [\d.]+", out.stdout)
