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


class StopTriggerRequired(BadUserInput):
    code = "STOP_TRIGGER_REQUIRED"


class StopTriggerOffTick(BadUserInput):
    code = "STOP_TRIGGER_OFF_TICK"


class StopTriggerInvalid(BadUserInput):
    """The trigger is on the wrong side of the last price: the stop would trigger at once."""

    code = "STOP_TRIGGER_INVALID"


class StopOrdersUnsupported(BadUserInput):
    code = "STOP_ORDERS_UNSUPPORTED"


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
    if type_.has_limit_price:
        if price is None:
            kind = "stop-limit" if type_ is OrderType.STOP_LIMIT else "limit"
            raise BadUserInput(f"a {kind} order needs a price", field="price")
        if not price.is_finite() or price <= 0:
            raise BadUserInput("price must be a positive number", field="price")
        if not _on_grid(price, market.price_tick):
            raise BadUserInput(f"price must be a multiple of {market.price_tick}", field="price")
        if type_ is OrderType.STOP_LIMIT and time_in_force is TimeInForce.POST_ONLY:
            raise BadUserInput("a stop-limit order cannot be post-only", field="timeInForce")
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


def check_trigger(
    market: Market, type_: OrderType, side: Side, trigger: Decimal | None, last: Decimal
) -> None:
    """A stop-limit's trigger price: given, positive, on the price tick, and beyond the last
    price in the order's direction (a buy stop above it, a sell stop below it)."""
    if type_ is not OrderType.STOP_LIMIT:
        if trigger is not None:
            raise BadUserInput(
                "only a STOP_LIMIT order takes a trigger price", field="triggerPrice"
            )
        return
    if trigger is None:
        raise StopTriggerRequired("a stop-limit order needs a trigger price", field="triggerPrice")
    if not trigger.is_finite() or trigger <= 0:
        raise BadUserInput("triggerPrice must be a positive number", field="triggerPrice")
    if not _on_grid(trigger, market.price_tick):
        raise StopTriggerOffTick(
            f"triggerPrice must be a multiple of {market.price_tick}",
            field="triggerPrice",
            tick=str(market.price_tick),
        )
    if side is Side.BUY and trigger <= last:
        raise StopTriggerInvalid(
            f"a buy stop triggers above the last price {last}: this one would trigger at once",
            field="triggerPrice",
            last=str(last),
        )
    if side is Side.SELL and trigger >= last:
        raise StopTriggerInvalid(
            f"a sell stop triggers below the last price {last}: this one would trigger at once",
            field="triggerPrice",
            last=str(last),
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
