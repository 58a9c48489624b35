"""Replay timestamped side events (signals, headlines, transfers, trades) between candles.

The backtester delivers candles and fills only. `WithSideEvents` wraps a strategy and, when a
candle closes, first hands it every queued event stamped at or before the candle's close time
(`ctx.now`), oldest first, then the candle. What the strategy asks for then is placed after
the bar, exactly as for the candle itself, so a side event never trades on a bar that had not
yet closed when it was known.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from engine.market.models import Candle, OrderBookSnapshot, Trade
from engine.news.models import NewsEvent
from engine.signals.types import Signal
from engine.strategies.base import ClockTick, Intent, Strategy, StrategyContext, WhaleTransfer
from engine.trading.models import Fill

SideEvent = Trade | OrderBookSnapshot | ClockTick | Signal | NewsEvent | WhaleTransfer


def event_time(event: SideEvent) -> datetime:
    if isinstance(event, NewsEvent):
        return event.headline.published
    return event.timestamp


class WithSideEvents(Strategy):
    def __init__(self, inner: Strategy, events: Iterable[SideEvent]) -> None:
        self.inner = inner
        self._queue = sorted(events, key=event_time)
        self._next = 0

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        intents: list[Intent] = []
        while self._next < len(self._queue) and event_time(self._queue[self._next]) <= ctx.now:
            intents += self.inner.on_event(self._queue[self._next], ctx)
            self._next += 1
        return intents + self.inner.on_event(candle, ctx)

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        return self.inner.on_event(fill, ctx)
