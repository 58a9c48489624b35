"""Checks an order against the market rules and the account's free funds before anything is
stored: every failure names the input field it is about."""

from __future__ import annotations

import re
from decimal import Decimal

from api.errors import BadUserInput
from engine.exchanges.errors import InsufficientFunds
from engine.market.models import Market, Side
from engine.trading.models import Balance, OrderType, TimeInForce

CLIENT_ORDER_ID = re.compile(r"^[A-Za-z0-9_-]{1,36}$")


class InsufficientBalance(BadUserInput):
    code = InsufficientFunds.code


def check_client_order_id(value: str) -> None:
    if not CLIENT_ORDER_ID.match(value):
        raise BadUserInput(
            "clientOrderId must be 1 to 36 letters, digits, '-' or '_'", field="clientOrderId"
        )


def _on_grid(value: Decimal, step: Decimal) -> bool:
    return step > 0 and value % step == 0


def check_rules(
    market: Market,
    type_: OrderType,
    time_in_force: TimeInForce,
    qty: Decimal,
    price: Decimal | None,
    reference_price: Decimal,
) -> None:
    """Quantity, price and notional against `market`; `reference_price` values market orders."""
    if not qty.is_finite() or qty <= 0:
        raise BadUserInput("qty must be a positive number", field="qty")
    if qty < market.min_qty:
        raise BadUserInput(f"qty is below the minimum {market.min_qty}", field="qty")
    if not _on_grid(qty, market.qty_step):
        raise BadUserInput(f"qty must be a multiple of {market.qty_step}", field="qty")
    if type_ is OrderType.LIMIT:
        if price is None:
            raise BadUserInput("a limit order needs a price", field="price")
        if not price.is_finite() or price <= 0:
            raise BadUserInput("price must be a positive number", field="price")
        if not _on_grid(price, market.price_tick):
            raise BadUserInput(f"price must be a multiple of {market.price_tick}", field="price")
    else:
        if price is not None:
            raise BadUserInput("a market order takes no price", field="price")
        if time_in_force is TimeInForce.POST_ONLY:
            raise BadUserInput("a market order cannot be post-only", field="timeInForce")
    notional = qty * (price if price is not None else reference_price)
    if notional < market.min_notional:
        raise BadUserInput(
            f"order value {notional} is below the minimum {market.min_notional} {market.quote}",
            field="qty",
        )


def required_funds(
    market: Market, side: Side, qty: Decimal, price: Decimal | None, reference_price: Decimal
) -> tuple[str, Decimal]:
    """The currency and amount the order needs free: a buy its quote value plus the highest fee."""
    if side is Side.SELL:
        return market.base, qty
    fee = max(market.maker_fee, market.taker_fee)
    return market.quote, qty * (price if price is not None else reference_price) * (1 + fee)


def check_funds(balances: dict[str, Balance], currency: str, needed: Decimal) -> None:
    balance = balances.get(currency)
    free = balance.free if balance is not None else Decimal(0)
    if free < needed:
        raise InsufficientBalance(
            f"needs {needed.normalize():f} {currency} free, the account has {free:f}",
            field="qty",
            currency=currency,
        )
