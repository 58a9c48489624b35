"""Hard risk limits for bots and accounts: pure checks, no I/O.

A runner asks `check(intent, state, limits)` before it turns a strategy's place intent into an
order and refuses the intent when a `Violation` comes back. `daily_loss_breached(state, limits)`
says when a bot (or an account) has lost more today than it may: the runner then pauses it.

Cancels never violate anything (reducing risk must always be possible), and an order that only
reduces the position is never refused by the position limit.

Units: position and order limits are quote-currency notionals (position x price), so one set of
limits means the same for BTC and DOGE; `max_open_orders` counts orders; the daily loss limit
is a positive quote amount.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from engine.market.models import Side
from engine.strategies.base import PlaceIntent


@dataclass(frozen=True, slots=True)
class RiskLimits:
    max_position_notional: Decimal | None = None  # |position| x price after the order
    max_order_notional: Decimal | None = None  # qty x price of one order
    max_open_orders: int | None = None  # resting orders at once
    daily_loss_limit: Decimal | None = None  # positive: the most that may be lost today

    def validate(self) -> None:
        """Raise ValueError("<field>: <message>") for the first bad field."""
        for name in ("max_position_notional", "max_order_notional", "daily_loss_limit"):
            value = getattr(self, name)
            if value is not None and not (value.is_finite() and value > 0):
                raise ValueError(f"{name}: must be a positive number, got {value}")
        if self.max_open_orders is not None and self.max_open_orders < 1:
            raise ValueError(f"max_open_orders: must be at least 1, got {self.max_open_orders}")

    @property
    def empty(self) -> bool:
        return all(getattr(self, f) is None for f in _FIELDS)


_FIELDS = ("max_position_notional", "max_order_notional", "max_open_orders", "daily_loss_limit")


@dataclass(frozen=True, slots=True)
class RiskState:
    """What the limits are checked against, for one bot or one account."""

    position: Decimal  # base quantity held (negative: short)
    open_orders: int
    open_buy_qty: Decimal  # base quantity of resting buys (they may still fill)
    open_sell_qty: Decimal
    price: Decimal  # the current reference price (mark)
    daily_pnl: Decimal  # realised today + unrealised at the mark (negative: a loss)


@dataclass(frozen=True, slots=True)
class Violation:
    limit: str  # the RiskLimits field that refused it
    message: str


def check(intent: PlaceIntent, state: RiskState, limits: RiskLimits) -> Violation | None:
    """The first limit the order would break, or None when it may be placed."""
    price = intent.price if intent.price is not None else state.price
    notional = intent.qty * price
    if limits.max_order_notional is not None and notional > limits.max_order_notional:
        return Violation(
            "max_order_notional",
            f"order worth {_fmt(notional)} exceeds the per-order limit "
            f"{_fmt(limits.max_order_notional)}",
        )
    if limits.max_open_orders is not None and state.open_orders + 1 > limits.max_open_orders:
        return Violation(
            "max_open_orders",
            f"{state.open_orders} orders are open; the limit is {limits.max_open_orders}",
        )
    if limits.max_position_notional is not None:
        # Worst case: every resting order on the same side fills too.
        if intent.side is Side.BUY:
            after = state.position + state.open_buy_qty + intent.qty
        else:
            after = state.position - state.open_sell_qty - intent.qty
        before = abs(state.position)
        exposure = abs(after) * state.price
        if abs(after) > before and exposure > limits.max_position_notional:
            return Violation(
                "max_position_notional",
                f"the position would be worth {_fmt(exposure)}, above the limit "
                f"{_fmt(limits.max_position_notional)}",
            )
    return None


def daily_loss_breached(state: RiskState, limits: RiskLimits) -> Violation | None:
    if limits.daily_loss_limit is None or state.daily_pnl > -limits.daily_loss_limit:
        return None
    return Violation(
        "daily_loss_limit",
        f"lost {_fmt(-state.daily_pnl)} today, at or above the daily loss limit "
        f"{_fmt(limits.daily_loss_limit)}",
    )


def limits_from_json(data: Mapping[str, Any] | None) -> RiskLimits:
    """Parse and validate JSON-like limits (camelCase or snake_case keys; decimals as text)."""
    if not data:
        return RiskLimits()
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = _SNAKE.get(key, key)
        if name not in _FIELDS:
            raise ValueError(f"{key}: unknown risk limit")
        if value is None:
            continue
        if name == "max_open_orders":
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError(f"{name}: must be an integer, got {value!r}")
            try:
                values[name] = int(value)
            except ValueError:
                raise ValueError(f"{name}: must be an integer, got {value!r}") from None
        else:
            if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
                raise ValueError(f"{name}: must be a number, got {value!r}")
            try:
                values[name] = Decimal(str(value))
            except InvalidOperation:
                raise ValueError(f"{name}: must be a number, got {value!r}") from None
    limits = RiskLimits(**values)
    limits.validate()
    return limits


def limits_to_json(limits: RiskLimits) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(limits, name)
        if value is not None:
            out[name] = str(value) if isinstance(value, Decimal) else value
    return out


_SNAKE = {
    "maxPositionNotional": "max_position_notional",
    "maxOrderNotional": "max_order_notional",
    "maxOpenOrders": "max_open_orders",
    "dailyLossLimit": "daily_loss_limit",
}


def _fmt(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"
