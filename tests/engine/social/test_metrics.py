"""Leaderboard metrics from daily equity: known values, and incremental == from scratch."""

from __future__ import annotations

import itertools
import json
import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.social.metrics import ANNUALISE, TrackRecord, window_metrics


def test_known_series() -> None:
    equity = [100.0, 110.0, 99.0, 99.0, 120.0]
    metrics = window_metrics(equity, [1, 2, 0, 0, 3])
    assert metrics.days == 5 and metrics.trades == 6
    assert metrics.roi_pct == pytest.approx(20.0)
    assert metrics.max_drawdown_pct == pytest.approx(10.0)  # 110 → 99
    assert metrics.win_rate_pct == pytest.approx(200 / 3)  # up, down, flat (ignored), up
    returns = [0.1, -0.1, 0.0, 120 / 99 - 1]
    assert metrics.sharpe == pytest.approx(
        statistics.mean(returns) / statistics.stdev(returns) * ANNUALISE
    )
    downside = math.sqrt(sum(min(r, 0) ** 2 for r in returns) / len(returns))
    assert metrics.sortino == pytest.approx(statistics.mean(returns) / downside * ANNUALISE)


def test_flat_or_short_series_have_zero_ratios() -> None:
    assert window_metrics([100.0]).sharpe == 0.0
    flat = window_metrics([100.0, 100.0, 100.0])
    assert (flat.sharpe, flat.sortino, flat.roi_pct, flat.max_drawdown_pct) == (0, 0, 0, 0)


@given(st.lists(st.floats(min_value=1, max_value=1e6), min_size=3, max_size=60))
def test_running_record_matches_a_direct_computation(equity: list[float]) -> None:
    record = TrackRecord()
    for value in equity:  # one day at a time, as the leaderboard worker folds them in
        record.add_day(value)
    metrics = record.metrics()
    returns = [b / a - 1 for a, b in itertools.pairwise(equity)]
    assert metrics.roi_pct == pytest.approx((equity[-1] / equity[0] - 1) * 100)
    worst = max((max(equity[: i + 1]) - v) / max(equity[: i + 1]) for i, v in enumerate(equity))
    assert metrics.max_drawdown_pct == pytest.approx(worst * 100)
    stdev = statistics.stdev(returns)
    if stdev > 1e-6:
        expected = statistics.mean(returns) / stdev * ANNUALISE
        assert metrics.sharpe == pytest.approx(expected, rel=1e-6, abs=1e-6)


@given(
    st.lists(st.floats(min_value=1, max_value=1e6, allow_nan=False), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=40),
)
def test_a_record_stored_as_json_and_resumed_equals_one_folded_at_once(
    series: list[float], split: int
) -> None:
    whole = TrackRecord()
    for value in series:
        whole.add_day(value, 1)
    first = TrackRecord()
    for value in series[:split]:
        first.add_day(value, 1)
    resumed = TrackRecord.from_state(json.loads(json.dumps(first.to_state())))
    for value in series[split:]:
        resumed.add_day(value, 1)
    assert resumed.metrics() == whole.metrics()
    copy = resumed.copy()
    copy.add_day(1.0)
    assert resumed.metrics() == whole.metrics()  # a copy leaves the original alone
