"""Publishes whale events: large trades and new walls on a venue's trade and book streams, plus
large on-chain transfers of its symbols' base assets (simulated by default).

It reads `trades:{venue}:{symbol}` and `book:{venue}:{symbol}` (what the market feed
publishes), runs the engine's whale detector on them (`engine.strategies.whale.WhaleDetector`:
the whale strategy's own rules — absolute notional floor plus median + k * MAD of the recent
trades, a wall k times the median level of its snapshot), and polls a transfer source for the
span of venue time that passed. Each event goes to `whales:{venue}:{symbol}` once: ids are
deterministic (trade id / wall side and time / transfer source, asset and time) and the last
`REMEMBERED` ids are not published again. Payload: `api.services.bots.feeds`.

Consumers: the bot runtime (transfers become `WhaleTransfer` events for strategies) and the
alert evaluator (whale alerts).

Once per cluster: with the Redis bus, `run(leader)` detects and publishes only while this replica
holds the `whale-feed` lease (api/workers/leader.py); the other replicas stand by and take over
(with fresh detectors, from the next market message on) when the leader stops or dies.
"""

from __future__ import annotations

import contextlib
import logging
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from redis.exceptions import RedisError

from api.bus import Bus, BusUnavailable, Message
from api.services.bots.feeds import transfer_message, whale_message, whale_topic
from api.services.market import book_from_message, book_topic
from api.services.market_streams import trades_from_message, trades_topic
from api.workers.leader import Leader, lead
from engine.market.models import Side
from engine.strategies.base import price_of
from engine.strategies.transfers import SimulatedTransfers, TransferSource
from engine.strategies.whale import WhaleDetector, WhaleFlow

log = logging.getLogger(__name__)

REMEMBERED = 8192
SEEN_TTL_S = 3_600.0  # whale events are published as they happen: an hour covers any takeover
FEED_MIN_NOTIONAL = Decimal(10_000)  # quote; the sim's largest prints are a few 10,000 USDT

__all__ = ["WhaleFeed", "sim_transfer_sources", "whale_topic"]


SIM_TRANSFER_NOTIONAL = Decimal(5_000_000)  # typical simulated transfer, in quote


def sim_transfer_sources(seed: int, prices: Mapping[str, Decimal]) -> dict[str, TransferSource]:
    """The default transfer source per symbol: `SimulatedTransfers` of its base asset, sized so
    that a typical transfer is worth about `SIM_TRANSFER_NOTIONAL` at the given price."""
    return {
        symbol: SimulatedTransfers(
            seed,
            symbol.split("/")[0],
            typical_amount=max(Decimal(1), (SIM_TRANSFER_NOTIONAL / price).quantize(Decimal(1))),
        )
        for symbol, price in prices.items()
        if price > 0
    }


class WhaleFeed:
    def __init__(
        self,
        bus: Bus,
        venue: str,
        symbols: Sequence[str],
        transfers: Mapping[str, TransferSource] | None = None,
        *,
        min_notional: Decimal = FEED_MIN_NOTIONAL,
    ) -> None:
        self.bus = bus
        self.venue = venue
        self.symbols = list(symbols)
        self.transfers = dict(transfers or {})
        self.detectors = {s: WhaleDetector(s, min_notional=min_notional) for s in self.symbols}
        self.published = 0
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._price: dict[str, Decimal] = {}
        self._polled_until: datetime | None = None  # venue time transfers were asked up to
        self._leader: Leader | None = None  # while `run(leader)` runs

    @property
    def polled_until(self) -> datetime | None:
        """The venue time transfers were asked up to (None before the first market message)."""
        return self._polled_until

    # -- input ---------------------------------------------------------------------------
    async def handle(self, message: Message) -> int:
        """Detect and publish what one trades/book message shows; returns events published."""
        data = message.data
        symbol = str(data.get("symbol", ""))
        detector = self.detectors.get(symbol)
        if detector is None:
            return 0
        sent = 0
        now: datetime | None = None
        if message.topic.startswith("trades:"):
            for trade in trades_from_message(data):
                self._price[symbol] = trade.price
                now = trade.timestamp if now is None else max(now, trade.timestamp)
                flow = detector.on_trade(trade)
                if flow is not None:
                    sent += await self._publish_flow(symbol, flow)
        elif message.topic.startswith("book:"):
            if data.get("stale"):
                return 0
            _, book = book_from_message(data, detector.book_levels)
            price = price_of(book)
            if price is not None:
                self._price.setdefault(symbol, price)
            now = book.timestamp
            for flow in detector.on_book(book):
                sent += await self._publish_flow(symbol, flow)
        if now is not None:
            sent += await self.poll_transfers(now)
        return sent

    async def poll_transfers(self, now: datetime) -> int:
        """Publish the transfers of every symbol with a price since the last poll, up to `now`
        (the first call only marks where the feed starts: no back-fill)."""
        since = self._polled_until
        if since is not None and now <= since:
            return 0
        self._polled_until = now
        if since is None:
            return 0
        sent = 0
        for symbol, source in self.transfers.items():
            price = self._price.get(symbol)
            if price is None:
                continue
            for transfer in source.transfers(since, now):
                data = transfer_message(self.venue, symbol, transfer, price)
                sent += await self._publish(symbol, data)
        return sent

    # -- output --------------------------------------------------------------------------
    async def _publish_flow(self, symbol: str, flow: WhaleFlow) -> int:
        if flow.kind == "trade":
            event_id = f"trade:{self.venue}:{symbol}:{flow.ref}"
        else:
            event_id = f"wall:{self.venue}:{symbol}:{flow.ref}:{flow.timestamp.isoformat()}"
        side = Side(flow.side)
        data = whale_message(
            event_id, self.venue, symbol, flow.kind, side, flow.qty, flow.price, flow.timestamp
        )
        return await self._publish(symbol, data)

    async def _publish(self, symbol: str, data: dict[str, Any]) -> int:
        event_id = str(data["id"])
        if event_id in self._seen:
            return 0
        leader = self._leader
        try:
            if leader is not None and not await leader.first_time(event_id, SEEN_TTL_S):
                self._remember(event_id)  # a previous leader published it
                return 0
        except RedisError as exc:
            log.warning("lease store unavailable, whale event %s not sent: %s", event_id, exc)
            return 0
        try:
            await self.bus.publish(whale_topic(self.venue, symbol), data, key=event_id)
        except BusUnavailable as exc:  # not remembered: a redelivered source message retries
            log.warning("bus unavailable, whale event %s dropped: %s", event_id, exc)
            if leader is not None:
                with contextlib.suppress(RedisError):
                    await leader.forget(event_id)
            return 0
        self._remember(event_id)
        self.published += 1
        return 1

    def _remember(self, event_id: str) -> None:
        self._seen[event_id] = None
        if len(self._seen) > REMEMBERED:
            self._seen.popitem(last=False)

    async def run(self, leader: Leader | None = None) -> None:
        """Run the feed; with `leader`, only while this replica holds its lease."""
        self._leader = leader
        await lead(leader, self._run)

    async def _run(self) -> None:
        topics = [trades_topic(self.venue, s) for s in self.symbols]
        topics += [book_topic(self.venue, s) for s in self.symbols]
        async with self.bus.subscribe(*topics, conflate=False, maxsize=4096) as subscription:
            async for message in subscription:
                try:
                    await self.handle(message)
                except Exception:  # one bad message must not stop the feed
                    log.exception("whale detection failed on %s", message.topic)
