"""The copy fan-out bench runs small (SQLite, and PostgreSQL on the services backend) and
prints ours, the naive loop and the ratio; no timing assertions."""

from __future__ import annotations

import re

from tests.bench.running import run_bench
from tests.conftest import PG_URL, TEST_BACKEND


def test_copy_fanout_bench_small_prints_both_figures_and_stages() -> None:
    backend = ["--pg-url", PG_URL] if TEST_BACKEND == "services" else ["--no-pg"]
    args = ["--followers", "200", "--rounds", "1", "--naive-followers", "20", *backend]
    text = run_bench("copy_fanout.py", *args, timeout=300)
    backends = ["sqlite", "postgresql"] if TEST_BACKEND == "services" else ["sqlite"]
    assert re.findall(r"^\[(\w+)\]$", text, re.M) == backends
    stages = r"load \d+ ms, plan \d+ ms, persist \d+ ms, queue \d+ ms"
    assert len(re.findall(rf"ours: +[\d.]+ s for 200 followers \(\d+ orders.*{stages}", text)) == (
        len(backends)
    )
    assert len(re.findall(r"naive: +[\d.]+ s, one transaction per follower", text)) == len(backends)
    assert len(re.findall(r"ratio naive/ours: [\d.]+x", text)) == len(backends)
