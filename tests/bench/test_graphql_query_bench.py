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
    assert re.search(r"ours :\s+\d+ req/s", out.stdout)
    assert re.search(r"bare :\s+\d+ req/s", out.stdout)
    assert re.search(r"ratio ours/bare: [\d.]+", out.stdout)
