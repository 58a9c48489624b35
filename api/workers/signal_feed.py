"""Publishes fresh signals for every symbol each time a 1-minute candle closes.

It listens to the market feed's candle messages (`candles:{venue}:{symbol}`); the first one that
carries a newly closed 1m candle triggers one batched inference for all symbols (the sim venue
closes every symbol's minute in the same step), published as `signals:{symbol}`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from api.bus import Bus, BusUnavailable
from api.services.market_streams import candles_topic
from api.services.signals import SignalService, signal_to_message, signal_topic
from engine.signals.types import Signal

TIMEFRAME = "1m"

log = logging.getLogger(__name__)


class SignalFeed:
    def __init__(self, signals: SignalService, bus: Bus, symbols: list[str]) -> None:
        self.signals = signals
        self.bus = bus
        self.symbols = symbols
        self.published = 0  # signals published so far
        self._last_closed: datetime | None = None  # open time of the last 1m candle handled

    async def publish_all(self) -> list[Signal]:
        """Infer (one batch) and publish the latest 1m signal of every symbol."""
        signals = await self.signals.latest_many(self.symbols, TIMEFRAME)
        for signal in signals:
            await self.bus.publish(signal_topic(signal.symbol), signal_to_message(signal))
        self.published += len(signals)
        return signals

    def closes_a_new_minute(self, data: dict[str, Any]) -> bool:
        """Whether a candle message carries a 1m candle that closed after the last one handled."""
        times = [datetime.fromisoformat(at) for tf, at, *_ in data["closed"] if tf == TIMEFRAME]
        newest = max(times, default=None)
        if newest is None or (self._last_closed is not None and newest <= self._last_closed):
            return False
        self._last_closed = newest
        return True

    async def run(self) -> None:
        topics = [candles_topic(self.signals.venue, s) for s in self.symbols]
        async with self.bus.subscribe(*topics, conflate=False, maxsize=1024) as subscription:
            async for message in subscription:
                if not self.closes_a_new_minute(message.data):
                    continue
                try:
                    await self.publish_all()
                except BusUnavailable as exc:  # signals are latest values: skip this minute
                    log.warning("bus unavailable, signals for this minute dropped: %s", exc)
                except Exception:  # a bad model run must not stop the feed
                    log.exception("signal inference failed")
