"""Risk limits: what refuses an order, what pauses a bot, and what is never refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.market.models import Side
from engine.risk.limits import (
    RiskLimits,
    RiskState,
    check,
    daily_loss_breached,
    limits_from_json,
    limits_to_json,
)
from engine.strategies.base import PlaceIntent
from engine.trading.models import OrderType

D = Decimal


def state(**changes: object) -> RiskState:
    values: dict[str, object] = {
        "position": D("0.1"),
        "open_orders": 2,
        "open_buy_qty": D("0.05"),
        "open_sell_qty": D(0),
        "price": D(100_000),
        "daily_pnl": D(0),
    }
    values.update(changes)
    return RiskState(**values)  # type: ignore[arg-type]


def buy(qty: str, price: str | None = "100000") -> PlaceIntent:
    order_type = OrderType.LIMIT if price else OrderType.MARKET
    return PlaceIntent("t", Side.BUY, order_type, D(qty), D(price) if price else None)


def sell(qty: str) -> PlaceIntent:
    return PlaceIntent("t", Side.SELL, OrderType.LIMIT, D(qty), D("100000"))


def test_no_limits_refuse_nothing() -> None:
    assert check(buy("100"), state(), RiskLimits()) is None


def test_an_order_worth_more_than_the_per_order_limit_is_refused() -> None:
    limits = RiskLimits(max_order_notional=D(1000))
    assert check(buy("0.01"), state(), limits) is None  # 1,000: at the limit
    violation = check(buy("0.0101"), state(), limits)
    assert violation is not None and violation.limit == "max_order_notional"
    # A market order is valued at the reference price.
    assert check(buy("0.02", None), state(), limits) is not None


def test_the_open_order_count_is_capped() -> None:
    limits = RiskLimits(max_open_orders=3)
    assert check(buy("0.001"), state(open_orders=2), limits) is None
    violation = check(buy("0.001"), state(open_orders=3), limits)
    assert violation is not None and violation.limit == "max_open_orders"


def test_the_position_limit_counts_resting_buys_but_never_blocks_reducing() -> None:
    limits = RiskLimits(max_position_notional=D(20_000))
    # 0.1 held + 0.05 resting + 0.05 new = 0.2 BTC = 20,000: allowed; a bit more is not.
    assert check(buy("0.05"), state(), limits) is None
    violation = check(buy("0.051"), state(), limits)
    assert violation is not None and violation.limit == "max_position_notional"
    # Already above the limit (the price rose): selling is always allowed.
    assert check(sell("0.05"), state(position=D(1)), limits) is None


def test_a_daily_loss_at_the_limit_pauses() -> None:
    limits = RiskLimits(daily_loss_limit=D(50))
    assert daily_loss_breached(state(daily_pnl=D("-49.99")), limits) is None
    violation = daily_loss_breached(state(daily_pnl=D(-50)), limits)
    assert violation is not None and violation.limit == "daily_loss_limit"
    assert "50.00" in violation.message
    assert daily_loss_breached(state(daily_pnl=D(-1e6)), RiskLimits()) is None


def test_limits_round_trip_through_json_with_either_key_style() -> None:
    limits = limits_from_json({"maxOpenOrders": 5, "daily_loss_limit": "25.5"})
    assert limits == RiskLimits(max_open_orders=5, daily_loss_limit=D("25.5"))
    assert limits_from_json(limits_to_json(limits)) == limits
    assert limits_from_json(None) == RiskLimits() and RiskLimits().empty


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"maxOpenOrders": 0}, "max_open_orders"),
        ({"maxOrderNotional": "-1"}, "max_order_notional"),
        ({"dailyLossLimit": "lots"}, "daily_loss_limit"),
        ({"maxOpenOrders": True}, "max_open_orders"),
        ({"leverage": 10}, "leverage"),
    ],
)
def test_bad_limits_name_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field}: "):
        limits_from_json(data)
