"""The alerts bench runs with tiny sizes and prints both figures, the ratio and the p99."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_alerts_bench_small_prints_both_figures_and_the_ratio() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "alerts.py"),
            *("--alerts", "500", "--ticks", "5000", "--naive-ticks", "200"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    text = out.stdout
    assert "same fired set on the first 200 ticks: yes" in text
    assert re.search(r"naive:\s+[\d,]+ ticks/s", text)
    assert re.search(r"indexed:\s+[\d,]+ ticks/s", text)
    assert re.search(r"p99 tick->enqueued [\d,.]+ us", text)
    assert re.search(r"ratio indexed/naive \(ticks/s\): [\d,]+x", text)
