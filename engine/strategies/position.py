"""One long position at a time, opened and closed at market: the life cycle the signal
strategies (momentum, mean reversion, sentiment, whale) share.

flat -> entering (market buy sized by a quote amount) -> long -> exiting (market sell of what
the entry bought) -> flat. Tags are `<prefix>-<n>-entry` / `<prefix>-<n>-exit` with `n` the
trade number, so every order has its own tag (runners derive idempotent client order ids from
tags). Market orders never rest, so the context cannot show them pending: an entry or exit
without a fill by the next candle closing after it was sent counts as refused (e.g. not enough
funds) and the position returns to its previous phase. A late fill is still honoured by its
tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from engine.market.models import Side
from engine.strategies.base import Intent, PlaceIntent, StrategyContext
from engine.trading.models import Fill, OrderType


class Phase(StrEnum):
    FLAT = "flat"
    ENTERING = "entering"
    LONG = "long"
    EXITING = "exiting"


@dataclass
class LongPosition:
    prefix: str
    phase: Phase = Phase.FLAT
    trade_no: int = 0
    qty: Decimal = Decimal(0)  # base bought by the current entry
    entry_price: Decimal | None = None  # average fill price of the entry
    entry_time: datetime | None = None
    bars_held: int = 0  # closed candles seen while long
    last_exit_reason: str = ""
    sent_at: datetime | None = None  # when the pending entry or exit was sent
    _cost: Decimal = Decimal(0)
    _sold: Decimal = Decimal(0)

    @property
    def entry_tag(self) -> str:
        return f"{self.prefix}-{self.trade_no}-entry"

    @property
    def exit_tag(self) -> str:
        return f"{self.prefix}-{self.trade_no}-exit"

    def enter(self, ctx: StrategyContext, price: Decimal, quote_amount: Decimal) -> list[Intent]:
        """A market buy worth about `quote_amount` at `price`; none if it is below the minimums."""
        qty = ctx.round_qty(quote_amount / price)
        market = ctx.market
        if self.phase is not Phase.FLAT or qty < market.min_qty:
            return []
        if qty * price < market.min_notional:
            return []
        self.trade_no += 1
        self.phase = Phase.ENTERING
        self.sent_at = ctx.now
        self.qty = self._cost = self._sold = Decimal(0)
        self.entry_price = None
        self.bars_held = 0
        return [PlaceIntent(self.entry_tag, Side.BUY, OrderType.MARKET, qty)]

    def exit(self, ctx: StrategyContext, reason: str) -> list[Intent]:
        if self.phase is not Phase.LONG:
            return []
        qty = ctx.round_qty(min(self.qty - self._sold, ctx.position))
        if qty < ctx.market.min_qty:  # nothing left to sell: the position is gone
            self.phase = Phase.FLAT
            return []
        self.phase = Phase.EXITING
        self.sent_at = ctx.now
        self.last_exit_reason = reason
        return [PlaceIntent(self.exit_tag, Side.SELL, OrderType.MARKET, qty)]

    def on_fill(self, fill: Fill) -> Phase | None:
        """Book a fill of ours; returns the phase it completes (LONG or FLAT), else None."""
        if fill.client_order_id == self.entry_tag:
            self.qty += fill.qty
            self._cost += fill.qty * fill.price
            self.entry_price = self._cost / self.qty
            if self.phase is not Phase.LONG:
                self.entry_time = fill.timestamp
            self.phase = Phase.LONG
            return Phase.LONG
        if fill.client_order_id == self.exit_tag:
            self._sold += fill.qty
            if self._sold >= self.qty:
                self.phase = Phase.FLAT
                self.entry_time = None
                return Phase.FLAT
        return None

    def on_closed_candle(self, now: datetime) -> None:
        """Call once per closed candle, before deciding: expires refused orders, counts bars."""
        pending = self.phase in (Phase.ENTERING, Phase.EXITING)
        if pending and self.sent_at is not None and self.sent_at < now:
            # no fill since a candle closed after it was sent: the order was refused
            self.phase = Phase.FLAT if self.phase is Phase.ENTERING else Phase.LONG
        elif self.phase is Phase.LONG:
            self.bars_held += 1
