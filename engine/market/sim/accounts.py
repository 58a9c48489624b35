"""Simulated accounts: balances with reservations, the orders and fills of one account.

An open order reserves what it may spend (`used`): a buy its quantity at its limit price plus
the highest fee rate (a market buy: the cost of sweeping the book now, plus fees), a sell its
base quantity. Each fill consumes its share of the reservation and settles the real amounts;
whatever is left is released when the order reaches a final status.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from engine.exchanges.errors import InsufficientFunds
from engine.market.models import Market, Side
from engine.trading.models import (
    Balance,
    ExchangeOrder,
    Fill,
    Liquidity,
    OrderRequest,
    OrderStatus,
)

ZERO = Decimal(0)


class UserOrder:
    """The venue's mutable record of one account's order; `view()` is what callers see."""

    __slots__ = (
        "account_id",
        "cost",
        "created_at",
        "fee_paid",
        "filled_qty",
        "id",
        "market",
        "order_no",
        "reject_reason",
        "request",
        "reserve_currency",
        "reserved",
        "status",
        "updated_at",
    )

    def __init__(
        self, order_no: int, account_id: str, request: OrderRequest, market: Market, at: datetime
    ) -> None:
        self.order_no = order_no
        self.id = str(order_no)
        self.account_id = account_id
        self.request = request
        self.market = market
        self.status = OrderStatus.OPEN
        self.filled_qty = ZERO
        self.cost = ZERO  # sum of price * qty over fills
        self.fee_paid = ZERO
        self.created_at = at
        self.updated_at = at
        self.reject_reason: str | None = None
        self.reserved = ZERO
        self.reserve_currency = market.quote if request.side is Side.BUY else market.base

    def view(self) -> ExchangeOrder:
        request = self.request
        return ExchangeOrder(
            id=self.id,
            client_order_id=request.client_order_id,
            symbol=request.symbol,
            side=request.side,
            type=request.type,
            time_in_force=request.time_in_force,
            price=request.price if request.type.has_limit_price else None,
            qty=request.qty,
            filled_qty=self.filled_qty,
            avg_fill_price=self.cost / self.filled_qty if self.filled_qty else None,
            fee_paid=self.fee_paid,
            status=self.status,
            created_at=self.created_at,
            updated_at=self.updated_at,
            reject_reason=self.reject_reason,
            trigger_price=request.trigger_price,
        )


def reserve_rate(market: Market) -> Decimal:
    """Fee rate a buy order reserves for: the highest it can be charged."""
    return max(market.maker_fee, market.taker_fee)


class Account:
    def __init__(self, account_id: str, balances: Mapping[str, Decimal]) -> None:
        self.account_id = account_id
        self._free: dict[str, Decimal] = {}
        self._used: dict[str, Decimal] = {}
        self.orders: dict[str, UserOrder] = {}  # by order id, oldest first
        self.by_client_id: dict[str, UserOrder] = {}
        self.open_orders: dict[str, UserOrder] = {}
        self.fills: list[Fill] = []
        for currency, amount in balances.items():
            self.deposit(currency, amount)

    # -- balances ------------------------------------------------------------------------
    def deposit(self, currency: str, amount: Decimal) -> None:
        if not amount.is_finite() or amount < 0:
            raise ValueError(f"deposit must be a non-negative amount, got {amount}")
        self._free[currency] = self._free.get(currency, ZERO) + amount
        self._used.setdefault(currency, ZERO)

    def free(self, currency: str) -> Decimal:
        return self._free.get(currency, ZERO)

    def balances(self) -> dict[str, Balance]:
        return {
            currency: Balance(currency, free, self._used[currency])
            for currency, free in sorted(self._free.items())
        }

    def _move(self, currency: str, free: Decimal, used: Decimal) -> None:
        self._free[currency] = self._free.get(currency, ZERO) + free
        self._used[currency] = self._used.get(currency, ZERO) + used

    # -- orders --------------------------------------------------------------------------
    def add_order(self, order: UserOrder, reserve: Decimal) -> None:
        """Record a new order and reserve `reserve` of its currency; InsufficientFunds if short."""
        currency = order.reserve_currency
        free = self.free(currency)
        if free < reserve:
            raise InsufficientFunds(
                f"{order.request.symbol} {order.request.side} needs {reserve} {currency} free, "
                f"the account has {free}"
            )
        self._move(currency, -reserve, reserve)
        order.reserved = reserve
        self.orders[order.id] = order
        self.by_client_id[order.request.client_order_id] = order
        self.open_orders[order.id] = order

    def finish(
        self, order: UserOrder, status: OrderStatus, at: datetime, reason: str | None = None
    ) -> None:
        """Move an order to a final status and release what it still reserves."""
        self._move(order.reserve_currency, order.reserved, -order.reserved)
        order.reserved = ZERO
        order.status = status
        order.reject_reason = reason
        order.updated_at = at
        self.open_orders.pop(order.id, None)

    def settle_fill(
        self,
        order: UserOrder,
        price: Decimal,
        qty: Decimal,
        fee: Decimal,
        liquidity: Liquidity,
        trade_id: str,
        at: datetime,
    ) -> Fill:
        market = order.market
        request = order.request
        notional = price * qty
        if request.side is Side.BUY:
            if request.price is not None and request.type.has_limit_price:
                consumed = qty * request.price * (1 + reserve_rate(market))
            else:
                consumed = notional + fee
            order.reserved -= consumed
            self._move(market.quote, consumed - notional - fee, -consumed)
            self._move(market.base, qty, ZERO)
        else:
            order.reserved -= qty
            self._move(market.base, ZERO, -qty)
            self._move(market.quote, notional - fee, ZERO)
        order.filled_qty += qty
        order.cost += notional
        order.fee_paid += fee
        order.updated_at = at
        if order.filled_qty == request.qty:
            self.finish(order, OrderStatus.FILLED, at)
        else:
            order.status = OrderStatus.PARTIALLY_FILLED
        fill = Fill(
            trade_id=trade_id,
            order_id=order.id,
            client_order_id=request.client_order_id,
            symbol=request.symbol,
            side=request.side,
            price=price,
            qty=qty,
            fee=fee,
            fee_currency=market.quote,
            liquidity=liquidity,
            timestamp=at,
        )
        self.fills.append(fill)
        return fill
