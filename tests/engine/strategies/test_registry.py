"""Specs of the strategy registry: parse, validate, normalise, build, describe."""

from __future__ import annotations

import json
import pickle
from datetime import timedelta
from decimal import Decimal

import pytest

from engine.market.models import Candle
from engine.strategies.base import Intent, Strategy, StrategyContext
from engine.strategies.dca import DcaStrategy
from engine.strategies.grid import GridStrategy
from engine.strategies.registry import (
    STRATEGY_KINDS,
    build_strategy,
    describe,
    validate_params,
)
from tests.engine.strategies.helpers import MARKET, sim_market_and_candles

GRID = {"low": "90", "high": "110", "levels": 5, "qty_per_level": "0.5"}
DCA = {
    "base_qty": 1,
    "safety_qty": "1",
    "price_deviation_pct": 1.5,
    "max_safety_orders": 3,
    "take_profit_pct": "2",
}


def test_grid_and_dca_come_first() -> None:
    assert STRATEGY_KINDS[:2] == ("grid", "dca")


def test_validate_fills_defaults_and_normalises_to_json() -> None:
    out = validate_params("grid", GRID)
    assert out == {
        "low": "90",
        "high": "110",
        "levels": 5,
        "qty_per_level": "0.5",
        "spacing": "arithmetic",
        "stop_loss": None,
        "take_profit": None,
        "regime_spacing": False,
        "trailing_up": False,
        "trailing_down": False,
        "trail_up_limit": None,
        "trail_down_limit": None,
    }
    json.dumps(out)
    assert validate_params("grid", out) == out  # idempotent: stored params re-validate


def test_floats_keep_their_decimal_text() -> None:
    assert validate_params("dca", DCA)["price_deviation_pct"] == "1.5"


@pytest.mark.parametrize(
    ("kind", "params", "field"),
    [
        ("grid", {**GRID, "levels": 1}, "levels"),
        ("grid", {**GRID, "high": "80"}, "high"),
        ("grid", {**GRID, "qty_per_level": "0"}, "qty_per_level"),
        ("grid", {**GRID, "spacing": "fibonacci"}, "spacing"),
        ("grid", {**GRID, "low": "ninety"}, "low"),
        ("grid", {**GRID, "levels": True}, "levels"),
        ("grid", {**GRID, "levels": None}, "levels"),
        ("grid", {**GRID, "colour": "red"}, "colour"),
        ("grid", {k: v for k, v in GRID.items() if k != "low"}, "low"),
        ("dca", {**DCA, "restart": "yes"}, "restart"),
        ("dca", {**DCA, "take_profit_pct": "NaN"}, "take_profit_pct"),
        ("nope", {}, "kind"),
    ],
)
def test_errors_name_the_field(kind: str, params: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=rf"^{field}: "):
        validate_params(kind, params)


def test_build_checks_the_market_rules() -> None:
    assert isinstance(build_strategy("grid", GRID, MARKET), GridStrategy)
    assert isinstance(build_strategy("dca", DCA, MARKET), DcaStrategy)
    with pytest.raises(ValueError, match=r"^qty_per_level: "):
        build_strategy("grid", {**GRID, "qty_per_level": "0.0001"}, MARKET)


def test_build_parses_decimals_exactly() -> None:
    grid = build_strategy("grid", GRID, MARKET)
    assert isinstance(grid, GridStrategy)
    assert grid.params.qty_per_level == Decimal("0.5")


@pytest.mark.parametrize("kind", STRATEGY_KINDS)
def test_every_kind_is_described(kind: str) -> None:
    info = describe(kind)
    assert info.kind == kind and info.name and info.description
    assert info.params and all(p.doc for p in info.params)
    json.dumps([p.default for p in info.params])


def test_describe_grid_specs() -> None:
    specs = {p.name: p for p in describe("grid").params}
    assert specs["levels"].type == "int" and specs["levels"].required
    assert specs["spacing"].type == "enum" and specs["spacing"].choices == (
        "arithmetic",
        "geometric",
    )
    assert specs["spacing"].default == "arithmetic" and not specs["spacing"].required
    assert specs["stop_loss"].optional and specs["stop_loss"].type == "decimal"


EXAMPLES: dict[str, dict[str, object]] = {
    "grid": {"low": "85000", "high": "105000", "levels": 10, "qty_per_level": "0.001"},
    "dca": DCA | {"base_qty": "0.01", "safety_qty": "0.01"},
    "momentum": {"quote_amount": "1000", "fast_period": 5, "slow_period": 20},
    "mean_reversion": {"quote_amount": "1000", "entry_z": "1.5", "rsi_max": "45"},
    "sentiment": {"quote_amount": "1000"},
    "whale": {"quote_amount": "1000", "transfer_min": "100"},
}


def test_every_kind_has_an_example_here() -> None:
    assert set(EXAMPLES) == set(STRATEGY_KINDS)


@pytest.mark.parametrize("kind", STRATEGY_KINDS)
def test_a_pickled_strategy_resumes_with_the_same_intents(kind: str) -> None:
    market, candles = sim_market_and_candles(seed=3)
    original = build_strategy(kind, EXAMPLES[kind], market)
    closed = [c for c in candles if c.closed]
    half = len(closed) // 2

    def run(strategy: Strategy, bars: list[Candle]) -> list[Intent]:
        out: list[Intent] = []
        for c in bars:
            now = c.open_time + timedelta(hours=1)
            ctx = StrategyContext(market, now, Decimal(0), None, Decimal(10**6), Decimal(0))
            out += strategy.on_event(c, ctx)
        return out

    run(original, closed[:half])
    copy = pickle.loads(pickle.dumps(original))
    assert run(copy, closed[half:]) == run(original, closed[half:])


def test_integers_and_floats_may_come_as_text() -> None:
    out = validate_params("momentum", {"quote_amount": 100, "fast_period": "5", "slow_period": 9})
    assert (out["quote_amount"], out["fast_period"]) == ("100", 5)
    sentiment = validate_params("sentiment", {"quote_amount": "50", "entry_level": "0.5"})
    assert sentiment["entry_level"] == 0.5
    with pytest.raises(ValueError, match=r"^fast_period: must be an integer"):
        validate_params("momentum", {"quote_amount": 100, "fast_period": "five"})
    with pytest.raises(ValueError, match=r"^fast_period: must be an integer"):
        validate_params("momentum", {"quote_amount": 100, "fast_period": 2.5})


def test_optional_params_accept_null() -> None:
    out = validate_params("mean_reversion", {"quote_amount": "10", "rsi_max": None})
    assert out["rsi_max"] is None and out["max_bars"] == 48
