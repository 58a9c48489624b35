"""Keeps widget snapshots current: market kinds when a ticker moved, the rest on a timer.

Ticker messages only mark the market as changed; at most once per `interval_s` the readers'
portfolio and watchlist snapshots are rebuilt (one read per symbol for all users). Bots, alerts
and signal snapshots are rebuilt every `provided_every` rounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from api.bus import Bus, BusUnavailable, Message
from api.services.market import ticker_topic
from api.services.widgets import WidgetService
from api.services.widgets.service import MARKET_KINDS, PROVIDED_KINDS

log = logging.getLogger(__name__)


class WidgetRefresher:
    def __init__(
        self,
        bus: Bus,
        widgets: WidgetService,
        symbols: Iterable[str],
        *,
        venue: str = "sim",
        interval_s: float = 5.0,
        provided_every: int = 6,
    ) -> None:
        self.bus = bus
        self.widgets = widgets
        self.topics = [ticker_topic(venue, symbol) for symbol in symbols]
        self.interval_s = interval_s
        self.provided_every = provided_every
        self.market_moved = False
        self.rounds = 0

    def on_message(self, message: Message) -> None:
        if message.topic in self.topics:
            self.market_moved = True

    async def flush(self) -> int:
        """One refresh round; returns how many snapshots changed."""
        kinds = list(MARKET_KINDS) if self.market_moved else []
        self.market_moved = False
        if self.rounds % self.provided_every == 0:
            kinds += PROVIDED_KINDS
        self.rounds += 1
        return await self.widgets.refresh_readers(kinds) if kinds else 0

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                async with self.bus.subscribe(*self.topics) as subscription:
                    next_at = loop.time() + self.interval_s
                    while True:
                        remaining = next_at - loop.time()
                        if remaining <= 0:
                            await self.flush()
                            next_at = loop.time() + self.interval_s
                            continue
                        with contextlib.suppress(TimeoutError):
                            self.on_message(await subscription.get(timeout=remaining))
            except BusUnavailable as exc:
                log.warning("widget refresher lost the bus, retrying: %s", exc)
                await asyncio.sleep(self.interval_s)
