"""The backtest's account: balances, reservations, open orders, fills and realised round trips.

Money stays in `Decimal`. Fees are charged in the quote currency (as on the sim venue). An
intent the account cannot accept (unfunded, below the market minimums, off the tick or lot
step, duplicate tag) is rejected and recorded; the strategy simply never sees the order open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from engine.market.models import Market, Side
from engine.strategies.base import (
    AmendIntent,
    CancelIntent,
    Intent,
    OpenOrder,
    PlaceIntent,
    StrategyContext,
)
from engine.trading.models import Fill, Liquidity, OrderType

ZERO = Decimal(0)


@dataclass
class BacktestOrder:
    tag: str
    side: Side
    type: OrderType
    qty: Decimal
    price: Decimal | None
    placed_bar: int  # fills are possible from the next bar on (+ the fill model's latency)
    reserved: Decimal = ZERO  # quote for a limit buy, base for a sell
    filled: Decimal = ZERO  # by earlier partial fills; `qty` is what remains


@dataclass(frozen=True, slots=True)
class Rejection:
    bar: int
    tag: str
    reason: str


@dataclass(frozen=True, slots=True)
class RoundTrip:
    """A sell that reduced the position, against the cost of what it sold (fees included)."""

    timestamp: datetime
    qty: Decimal
    cost: Decimal  # what the sold base cost, buy fees included
    proceeds: Decimal  # what the sale brought, sell fee deducted

    @property
    def pnl(self) -> Decimal:
        return self.proceeds - self.cost


@dataclass
class BacktestAccount:
    market: Market
    quote: Decimal  # total, free + reserved
    base: Decimal
    maker_fee: Decimal
    taker_fee: Decimal
    quote_reserved: Decimal = ZERO
    base_reserved: Decimal = ZERO
    avg_cost: Decimal | None = None  # average entry price, fees excluded
    cost_basis: Decimal = ZERO  # quote paid for the current position, fees included
    orders: dict[str, BacktestOrder] = field(default_factory=dict)
    fills: list[Fill] = field(default_factory=list)
    round_trips: list[RoundTrip] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    fees_paid: Decimal = ZERO

    def context(self, now: datetime) -> StrategyContext:
        open_orders = {
            o.tag: OpenOrder(o.tag, o.side, o.price, o.qty, o.filled)
            for o in self.orders.values()
            if o.price is not None
        }
        return StrategyContext(
            market=self.market,
            now=now,
            position=self.base,
            avg_cost=self.avg_cost,
            free_quote=self.quote - self.quote_reserved,
            free_base=self.base - self.base_reserved,
            open_orders=open_orders,
        )

    # -- intents -----------------------------------------------------------------------
    def apply(self, intent: Intent, bar: int, ref_price: Decimal) -> None:
        if isinstance(intent, CancelIntent):
            order = self.orders.pop(intent.tag, None)
            if order is not None:
                self._release(order)
            return
        reason = (
            self._place(intent, bar, ref_price)
            if isinstance(intent, PlaceIntent)
            else (self._amend(intent, bar))
        )
        if reason is not None:
            self.rejections.append(Rejection(bar, intent.tag, reason))

    def _place(self, intent: PlaceIntent, bar: int, ref_price: Decimal) -> str | None:
        if intent.tag in self.orders:
            return "tag already open"
        order = BacktestOrder(intent.tag, intent.side, intent.type, intent.qty, intent.price, bar)
        reason = self._check(order, ref_price) or self._reserve(order)
        if reason is None:
            self.orders[order.tag] = order
        return reason

    def _amend(self, intent: AmendIntent, bar: int) -> str | None:
        old = self.orders.get(intent.tag)
        if old is None or old.price is None:
            return None  # gone already: a no-op by contract
        new = BacktestOrder(
            old.tag,
            old.side,
            old.type,
            intent.qty if intent.qty is not None else old.qty,
            intent.price if intent.price is not None else old.price,
            bar,
            filled=old.filled,
        )
        self._release(old)
        reason = self._check(new, old.price) or self._reserve(new)
        if reason is not None:
            self._reserve(old)  # the order stays as it was
            return reason
        self.orders[new.tag] = new
        return None

    def _check(self, order: BacktestOrder, ref_price: Decimal) -> str | None:
        m = self.market
        if order.qty < m.min_qty or order.qty % m.qty_step:
            return f"qty {order.qty} is below {m.min_qty} or off the lot step {m.qty_step}"
        if order.price is not None and order.price % m.price_tick:
            return f"price {order.price} is off the tick {m.price_tick}"
        if order.qty * (order.price or ref_price) < m.min_notional:
            return f"notional below the minimum {m.min_notional}"
        return None

    def _reserve(self, order: BacktestOrder) -> str | None:
        if order.side is Side.SELL:
            if order.qty > self.base - self.base_reserved:
                return f"insufficient base: {order.qty} wanted"
            order.reserved = order.qty
            self.base_reserved += order.qty
        elif order.price is not None:  # a market buy is checked when it fills
            need = order.qty * order.price * (1 + self.maker_fee)
            if need > self.quote - self.quote_reserved:
                return f"insufficient quote: {need} wanted"
            order.reserved = need
            self.quote_reserved += need
        return None

    def _hold(self, order: BacktestOrder) -> None:
        """Reserve what a partly filled order's rest needs (always covered: it was held)."""
        if order.side is Side.SELL:
            order.reserved = order.qty
            self.base_reserved += order.qty
        elif order.price is not None:
            order.reserved = order.qty * order.price * (1 + self.maker_fee)
            self.quote_reserved += order.reserved

    def _release(self, order: BacktestOrder) -> None:
        if order.side is Side.SELL:
            self.base_reserved -= order.reserved
        else:
            self.quote_reserved -= order.reserved
        order.reserved = ZERO

    # -- fills -------------------------------------------------------------------------
    def fill(
        self,
        order: BacktestOrder,
        price: Decimal,
        liquidity: Liquidity,
        bar: int,
        ts: datetime,
        qty: Decimal | None = None,
    ) -> Fill | None:
        """Fill `qty` of `order` (default: all of it) at `price`; None (and a rejection, the
        order gone) if it cannot be paid. A partly filled order stays open with the rest,
        its reservation cut to what the rest needs."""
        qty = order.qty if qty is None else qty
        partial = qty < order.qty
        rate = self.maker_fee if liquidity is Liquidity.MAKER else self.taker_fee
        notional = qty * price
        fee = notional * rate
        self._release(order)
        if not partial:
            self.orders.pop(order.tag, None)
        if order.side is Side.BUY:
            if notional + fee > self.quote - self.quote_reserved:
                self.orders.pop(order.tag, None)
                self.rejections.append(Rejection(bar, order.tag, "insufficient quote at fill"))
                return None
            held = self.base
            self.avg_cost = (((self.avg_cost or ZERO) * held) + notional) / (held + qty)
            self.cost_basis += notional + fee
            self.quote -= notional + fee
            self.base += qty
        else:
            if qty > self.base - self.base_reserved:
                self.orders.pop(order.tag, None)
                self.rejections.append(Rejection(bar, order.tag, "insufficient base at fill"))
                return None
            cost = self.cost_basis * qty / self.base if self.base else ZERO
            self.cost_basis -= cost
            self.round_trips.append(RoundTrip(ts, qty, cost, notional - fee))
            self.quote += notional - fee
            self.base -= qty
            if self.base == 0:
                self.avg_cost, self.cost_basis = None, ZERO
        if partial:  # the rest rests on; what it needs was part of what was just released
            order.qty -= qty
            order.filled += qty
            self._hold(order)
        self.fees_paid += fee
        fill = Fill(
            trade_id=f"bt-{len(self.fills) + 1}",
            order_id=order.tag,
            client_order_id=order.tag,
            symbol=self.market.symbol,
            side=order.side,
            price=price,
            qty=qty,
            fee=fee,
            fee_currency=self.market.quote,
            liquidity=liquidity,
            timestamp=ts,
        )
        self.fills.append(fill)
        return fill

    def equity(self, price: Decimal) -> Decimal:
        return self.quote + self.base * price
