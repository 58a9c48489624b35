"""The one strategy interface: events in, intents out.

A strategy is a plain object that reacts to events (a closed candle, a public trade, a book
snapshot, a fill of one of its own orders, a clock tick, a model signal, a scored headline, a
large on-chain transfer) and answers with intents (place, cancel, amend). It never touches
the network, a database or the wall clock: everything it may know arrives in the event or in
the `StrategyContext`, so the same inputs give the same intents. The same object runs live,
on the sim venue and in the backtester; the runner around it turns intents into orders and
keeps the context up to date.

Contract with the runner:

* `tag` names one order of the strategy and is unique among its open orders; a runner derives
  the venue's client order id from it (and reports fills with `Fill.client_order_id == tag`).
* Before a fill is delivered, the context already reflects it: balances, position and average
  cost include it, and a fully filled order is gone from `open_orders`.
* A cancel or amend of a tag that is no longer open is a no-op, not an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from enum import StrEnum

from engine.market.models import Candle, Market, OrderBookSnapshot, Side, Trade
from engine.news.models import NewsEvent
from engine.signals.types import Signal
from engine.trading.models import Fill, OrderType, TimeInForce


@dataclass(frozen=True, slots=True)
class ClockTick:
    """Time passed; lets a strategy run timers without reading the wall clock."""

    timestamp: datetime


class TransferDirection(StrEnum):
    TO_EXCHANGE = "to_exchange"  # coins moved onto an exchange: likely to be sold
    FROM_EXCHANGE = "from_exchange"  # coins withdrawn from an exchange: likely held


@dataclass(frozen=True, slots=True)
class WhaleTransfer:
    """A large on-chain transfer reported by a transfer source (simulated by default)."""

    asset: str  # upper-case ticker, e.g. "BTC"
    amount: Decimal  # in units of `asset`
    direction: TransferDirection
    timestamp: datetime
    source: str = "sim"


Event = Candle | Trade | OrderBookSnapshot | Fill | ClockTick | Signal | NewsEvent | WhaleTransfer


@dataclass(frozen=True, slots=True)
class PlaceIntent:
    tag: str
    side: Side
    type: OrderType
    qty: Decimal
    price: Decimal | None = None  # required for LIMIT, None for MARKET
    time_in_force: TimeInForce = TimeInForce.GTC

    def __post_init__(self) -> None:
        if self.qty <= 0:
            raise ValueError(f"{self.tag}: qty must be positive, got {self.qty}")
        if self.type is OrderType.LIMIT and (self.price is None or self.price <= 0):
            raise ValueError(f"{self.tag}: a limit order needs a positive price")
        if self.type is OrderType.MARKET and self.price is not None:
            raise ValueError(f"{self.tag}: a market order takes no price")


@dataclass(frozen=True, slots=True)
class CancelIntent:
    tag: str


@dataclass(frozen=True, slots=True)
class AmendIntent:
    """Change price and/or qty of an open limit order (a runner may cancel and replace)."""

    tag: str
    price: Decimal | None = None
    qty: Decimal | None = None


Intent = PlaceIntent | CancelIntent | AmendIntent


@dataclass(frozen=True, slots=True)
class OpenOrder:
    """One of the strategy's orders resting at the venue."""

    tag: str
    side: Side
    price: Decimal
    qty: Decimal  # remaining
    filled_qty: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class StrategyContext:
    """What the strategy may know about its own account and the market's rules."""

    market: Market
    now: datetime
    position: Decimal  # base held (free + reserved by sells)
    avg_cost: Decimal | None  # average entry price of `position`, fees excluded; None when flat
    free_quote: Decimal
    free_base: Decimal
    open_orders: Mapping[str, OpenOrder] = field(default_factory=dict)

    def round_price(self, price: Decimal, side: Side | None = None) -> Decimal:
        """To the tick: nearest by default; a buy rounds down and a sell up (never worse)."""
        rounding = {None: ROUND_HALF_EVEN, Side.BUY: ROUND_FLOOR, Side.SELL: ROUND_CEILING}
        return round_to(price, self.market.price_tick, rounding[side])

    def round_qty(self, qty: Decimal) -> Decimal:
        """Down to the lot step, so we never ask for more than we meant to."""
        return round_to(qty, self.market.qty_step, ROUND_FLOOR)


def round_to(value: Decimal, step: Decimal, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    return (value / step).to_integral_value(rounding=rounding) * step


def require(ok: bool, name: str, message: str) -> None:
    """Parameter validation helper: the error always names the field."""
    if not ok:
        raise ValueError(f"{name}: {message}")


def price_of(event: Event) -> Decimal | None:
    """The market price an event reveals: candle close, trade price or book mid."""
    if isinstance(event, Candle):
        return event.close
    if isinstance(event, Trade):
        return event.price
    if isinstance(event, OrderBookSnapshot) and event.bids and event.asks:
        return (event.bids[0][0] + event.asks[0][0]) / 2
    return None


class Strategy:
    """Base class of every strategy: override the callbacks you need; each returns intents.

    `on_event` dispatches; runners call only `on_event`. Candles are delivered only when
    closed. Strategies keep their own state in attributes and must be deterministic: no
    randomness without a seed in the parameters, no wall clock (use `ctx.now`).
    """

    def on_event(self, event: Event, ctx: StrategyContext) -> list[Intent]:
        if isinstance(event, Candle):
            return self.on_candle(event, ctx) if event.closed else []
        if isinstance(event, Trade):
            return self.on_trade(event, ctx)
        if isinstance(event, OrderBookSnapshot):
            return self.on_book(event, ctx)
        if isinstance(event, Fill):
            return self.on_fill(event, ctx)
        if isinstance(event, Signal):
            return self.on_signal(event, ctx)
        if isinstance(event, NewsEvent):
            return self.on_news(event, ctx)
        if isinstance(event, WhaleTransfer):
            return self.on_whale_transfer(event, ctx)
        return self.on_clock(event, ctx)

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_trade(self, trade: Trade, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_book(self, book: OrderBookSnapshot, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_clock(self, tick: ClockTick, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_signal(self, signal: Signal, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_news(self, news: NewsEvent, ctx: StrategyContext) -> list[Intent]:
        return []

    def on_whale_transfer(self, transfer: WhaleTransfer, ctx: StrategyContext) -> list[Intent]:
        return []


class PriceDrivenStrategy(Strategy):
    """A strategy that reacts to a price, whichever market event carries it."""

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        return self.on_price(candle.close, ctx)

    def on_trade(self, trade: Trade, ctx: StrategyContext) -> list[Intent]:
        return self.on_price(trade.price, ctx)

    def on_book(self, book: OrderBookSnapshot, ctx: StrategyContext) -> list[Intent]:
        price = price_of(book)
        return [] if price is None else self.on_price(price, ctx)

    def on_price(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        return []
