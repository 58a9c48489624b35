"""Sizing a copy: rules unchanged, only how much each order commits follows the allocation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.bots.sizing import capital_of, scale_params
from engine.market.models import Market
from engine.strategies import registry

MARKET = Market(
    "BTC/USDT", "BTC", "USDT", Decimal("0.1"), Decimal("0.0001"), Decimal("0.0001"),
    Decimal(5), Decimal("0.001"), Decimal("0.001"),
)  # fmt: skip
PRICE = Decimal(50_000)


def test_grid_qty_per_level_fits_the_allocation_and_the_rules_stay() -> None:
    params = {"low": "45000", "high": "55000", "levels": 5, "qty_per_level": "0.01"}
    out = scale_params("grid", params, Decimal(1000), MARKET, PRICE)
    assert out == {**params, "qty_per_level": "0.004"}
    assert capital_of("grid", out, PRICE) == Decimal(1000)
    registry.parse_params("grid", out, MARKET)


def test_dca_ladder_fits_the_allocation() -> None:
    params = {
        "base_qty": "0.1", "safety_qty": "0.1", "price_deviation_pct": "2",
        "max_safety_orders": 3, "take_profit_pct": "2", "volume_scale": "2",
    }  # fmt: skip
    out = scale_params("dca", params, Decimal(800), MARKET, PRICE)
    # shares: 1 + (1 + 2 + 4) = 8, so one unit is 100 USDT = 0.002 BTC
    assert (out["base_qty"], out["safety_qty"]) == ("0.002", "0.002")
    assert capital_of("dca", out, PRICE) == Decimal(800)
    registry.parse_params("dca", out, MARKET)


def test_quote_kinds_keep_the_source_share_and_the_venue_minimum() -> None:
    params = {"quote_amount": "450", "mode": "follow"}
    assert scale_params("whale", params, Decimal(100), MARKET, PRICE)["quote_amount"] == "100.00"
    half = scale_params("whale", params, Decimal(100), MARKET, PRICE, Decimal(900))
    assert half["quote_amount"] == "50.00"
    tiny = scale_params("momentum", {"quote_amount": "10"}, Decimal(1), MARKET, PRICE)
    assert Decimal(tiny["quote_amount"]) == MARKET.min_notional


@pytest.mark.parametrize("allocation", [Decimal(0), Decimal(-5), Decimal("NaN")])
def test_a_bad_allocation_names_the_field(allocation: Decimal) -> None:
    with pytest.raises(ValueError, match=r"^allocation: "):
        scale_params("grid", {"levels": 3, "qty_per_level": "1"}, allocation, MARKET, PRICE)
