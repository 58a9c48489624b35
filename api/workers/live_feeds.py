"""Order-book feeds for live venues, run once per (venue, symbol) that somebody watches.

The first subscriber of a book starts its feed; the last one leaving stops it (reference
count per process; with Redis each replica feeds its own subscribers). A feed loops on the
venue's websocket (`watch_order_book`) and publishes each book to `book:{venue}:{symbol}` —
the topic the simulated venue's feed uses — so the `orderBook` subscription does not care
where a book comes from. When the stream drops or skips a sequence number, the feed publishes
the last good book flagged `stale`, backs off and resubscribes, which reseeds the book from a
fresh snapshot: subscribers never see a wrong book, only an old one marked as such."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from api.bus import Bus, BusUnavailable
from api.services.market import PUBLISHED_BOOK_DEPTH, book_to_message, book_topic
from api.services.venues import VenueRegistry
from api.tasks import stop_tasks
from engine.exchanges.errors import NetworkError
from engine.market.models import OrderBookSnapshot

log = logging.getLogger(__name__)

FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 10.0


class LiveBookFeeds:
    def __init__(self, venues: VenueRegistry, bus: Bus) -> None:
        self.venues = venues
        self.bus = bus
        self._watchers: dict[tuple[str, str], int] = {}
        self._tasks: dict[tuple[str, str], asyncio.Task[None]] = {}

    @property
    def active(self) -> dict[tuple[str, str], int]:
        """(venue, symbol) -> how many subscribers hold its feed."""
        return dict(self._watchers)

    @asynccontextmanager
    async def watching(self, venue: str, symbol: str) -> AsyncIterator[None]:
        key = (venue, symbol)
        self._watchers[key] = self._watchers.get(key, 0) + 1
        if key not in self._tasks:
            self._tasks[key] = asyncio.create_task(
                self._run(venue, symbol), name=f"book-feed:{venue}:{symbol}"
            )
        try:
            yield
        finally:
            self._watchers[key] -= 1
            if self._watchers[key] == 0:
                del self._watchers[key]
                task = self._tasks.pop(key)
                await stop_tasks([task])

    async def _run(self, venue: str, symbol: str) -> None:
        exchange = self.venues.public(venue)
        topic = book_topic(venue, symbol)
        last: OrderBookSnapshot | None = None
        backoff = FIRST_BACKOFF_S
        while True:
            try:
                book = await exchange.watch_order_book(symbol, PUBLISHED_BOOK_DEPTH)
            except NetworkError as exc:
                log.info("book stream %s %s dropped (%s); resyncing", venue, symbol, exc)
                if last is not None:
                    await self._publish(topic, venue, last, stale=True)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = FIRST_BACKOFF_S
            last = book
            await self._publish(topic, venue, book, stale=False)

    async def _publish(
        self, topic: str, venue: str, book: OrderBookSnapshot, *, stale: bool
    ) -> None:
        try:
            await self.bus.publish(topic, {**book_to_message(venue, book), "stale": stale})
        except BusUnavailable as exc:
            log.warning("bus unavailable, dropping a %s book: %s", venue, exc)

    async def close(self) -> None:
        await stop_tasks(list(self._tasks.values()))
        self._tasks.clear()
        self._watchers.clear()
