"""The fill model options in a backtest job's stored spec: normalised, and old jobs still load."""

from __future__ import annotations

from decimal import Decimal

from api.services.backtests import BacktestRequest
from api.services.backtests.spec import BacktestSpec, validate_request

GRID = {"low": "85000", "high": "105000", "levels": 10, "qty_per_level": "0.01"}


def test_the_options_are_normalised_into_the_spec_and_survive_json() -> None:
    spec = validate_request(
        BacktestRequest(
            symbol="BTC/USDT",
            kind="grid",
            params=GRID,
            spread_bps=Decimal("12.50"),
            impact_factor=Decimal("0.02"),
            latency_bars=3,
            partial_fill_share=Decimal("0.25"),
        )
    )
    assert (spec.spread_bps, spec.impact_factor, spec.latency_bars, spec.partial_fill_share) == (
        "12.50",
        "0.02",
        3,
        "0.25",
    )
    assert BacktestSpec.from_json(spec.to_json()) == spec


def test_a_job_stored_before_the_options_existed_reads_as_the_simple_model() -> None:
    spec = validate_request(BacktestRequest(symbol="BTC/USDT", kind="grid", params=GRID))
    old = {
        k: v
        for k, v in spec.to_json().items()
        if k not in ("spread_bps", "impact_factor", "latency_bars", "partial_fill_share")
    }
    loaded = BacktestSpec.from_json(old)
    assert loaded == spec
    assert (loaded.spread_bps, loaded.impact_factor, loaded.latency_bars) == ("0", "0", 0)
    assert loaded.partial_fill_share is None
