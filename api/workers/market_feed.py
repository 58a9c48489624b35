"""Steps the simulated venue on a timer and publishes what changed to the bus."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from api.bus import Bus, BusUnavailable
from api.services.market import (
    PUBLISHED_BOOK_DEPTH,
    book_to_message,
    book_topic,
    ticker_to_message,
    ticker_topic,
)
from api.services.market_streams import (
    candles_to_message,
    candles_topic,
    trades_to_message,
    trades_topic,
)
from api.services.venues import SIM
from engine.market.models import TIMEFRAMES, Candle
from engine.market.sim.events import AccountEvents, SymbolEvents
from engine.market.sim.venue import SimVenue

AccountEventsHandler = Callable[[dict[str, AccountEvents]], Awaitable[None]]

log = logging.getLogger(__name__)


class SimMarketFeed:
    def __init__(
        self,
        venue: SimVenue,
        bus: Bus,
        interval_s: float,
        on_account_events: AccountEventsHandler | None = None,
    ) -> None:
        self.venue = venue
        self.on_account_events = on_account_events
        self.bus = bus
        self.interval_s = interval_s
        self.steps = 0
        self._bus_down_logged = False
        # (symbol, timeframe) -> open time of the candle that was forming at the last publish
        self._forming_since: dict[tuple[str, str], datetime] = {}

    async def step_and_publish(self) -> None:
        events = self.venue.step()
        self.steps += 1
        if events.accounts and self.on_account_events is not None:
            try:
                await self.on_account_events(events.accounts)
            except Exception:  # the reconciler catches up from the venue; keep the market going
                log.exception("recording account events failed")
        try:
            for symbol, symbol_events in events.symbols.items():
                ticker = ticker_to_message(SIM, symbol_events.ticker)
                await self.bus.publish(ticker_topic(SIM, symbol), ticker)
                if symbol_events.delta is not None:  # the book changed: publish its top once
                    book = self.venue.order_book(symbol, PUBLISHED_BOOK_DEPTH)
                    await self.bus.publish(book_topic(SIM, symbol), book_to_message(SIM, book))
                if symbol_events.trades:
                    trades = trades_to_message(SIM, symbol, symbol_events.trades)
                    await self.bus.publish(trades_topic(SIM, symbol), trades)
                candles = self._candle_update(symbol, symbol_events)
                if candles is not None:
                    await self.bus.publish(candles_topic(SIM, symbol), candles)
        except BusUnavailable as exc:
            # Market data is a stream of latest values: drop while the bus is down, log once.
            if not self._bus_down_logged:
                log.warning("bus unavailable, dropping market updates: %s", exc)
                self._bus_down_logged = True
            return
        self._bus_down_logged = False

    def _candle_update(self, symbol: str, events: SymbolEvents) -> dict[str, Any] | None:
        """Forming candles of every timeframe plus those that just closed; None when nothing
        changed (no trade, no candle boundary crossed)."""
        now = events.ticker.timestamp
        crossed = [
            tf
            for tf in TIMEFRAMES
            if (since := self._forming_since.get((symbol, tf))) is None
            or (now - since).total_seconds() >= TIMEFRAMES[tf]
        ]
        if not events.trades and not crossed:
            return None
        forming: list[Candle] = []
        closed: list[Candle] = []
        for tf in TIMEFRAMES:
            *previous, current = self.venue.ohlcv(symbol, tf, 3)
            since = self._forming_since.get((symbol, tf))
            if since is not None and current.open_time != since:
                closed.extend(c for c in previous if c.open_time >= since)
            self._forming_since[(symbol, tf)] = current.open_time
            forming.append(current)
        return candles_to_message(SIM, symbol, forming, closed)

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        while True:
            await self.step_and_publish()
            next_at += self.interval_s
            await asyncio.sleep(max(0.0, next_at - loop.time()))
