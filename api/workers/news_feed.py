"""Publishes scored headlines on `news:{venue}` for news-sentiment bots.

Two sources:

* the sim venue (always, offline): `engine.news.sim.LiveSimHeadlines` per symbol, fed with the
  latest 1m candles each time one closes (`candles:sim:{symbol}`): jump bars get headlines of
  their sign shortly after, every bar its share of neutral ones — seeded, so the same market
  gives the same headlines;
* RSS/Atom feeds (setting `news_rss_urls`, polled every `news_poll_seconds` with httpx, parsed
  by feedparser): published on `news:{venue}` for each live venue (`live_market_venues`).

Headlines are scored once here (VADER + the crypto lexicon, `engine.news.scoring`), published
with their deterministic id as conflation key, and each id once (the last `REMEMBERED`).
Payload: `api.services.bots.feeds.news_to_message`.

Once per cluster: with the Redis bus, `run(leader)` publishes only while this replica holds the
`news-feed` lease (api/workers/leader.py); the other replicas stand by and take over when the
leader stops or dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

import httpx
from redis.exceptions import RedisError

from api.bus import Bus, BusUnavailable
from api.services.bots.feeds import headline_id, news_to_message, news_topic
from api.services.market import MarketService
from api.services.market_streams import candles_topic
from api.services.venues import SIM
from api.tasks import stop_tasks
from api.workers.leader import Leader, lead
from engine.news.models import Headline, NewsEvent
from engine.news.rss import parse_rss
from engine.news.scoring import HeadlineScorer
from engine.news.sim import LiveSimHeadlines

log = logging.getLogger(__name__)

REMEMBERED = 8192
SEEN_TTL_S = 3 * 86_400.0  # a headline stays in a feed for days: remembered cluster-wide as long
CANDLES_READ = 52  # the jump detector's window (48) plus a few closed bars

Fetch = Callable[[str], Awaitable[str]]


async def http_fetch(url: str, timeout_s: float = 10.0) -> str:
    async with httpx.AsyncClient(timeout=timeout_s, follow_redirects=True) as client:
        response = await client.get(url)
        response.raise_for_status()
        return response.text


class NewsFeed:
    def __init__(
        self,
        bus: Bus,
        market: MarketService,
        symbols: Sequence[str],
        seed: int,
        *,
        scorer: HeadlineScorer | None = None,
        rss_urls: Sequence[str] = (),
        rss_venues: Sequence[str] = (),
        poll_s: float = 300.0,
        fetch: Fetch = http_fetch,
    ) -> None:
        self.bus = bus
        self.market = market
        self.symbols = list(symbols)
        self.scorer = scorer or HeadlineScorer()
        self.sim = {s: LiveSimHeadlines(seed, s) for s in self.symbols}
        self.rss_urls = list(rss_urls)
        self.rss_venues = list(rss_venues)
        self.poll_s = poll_s
        self.fetch = fetch
        self.published = 0
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._last_closed: dict[str, datetime] = {}
        self._leader: Leader | None = None  # while `run(leader)` runs

    async def publish(self, venue: str, headlines: Sequence[Headline]) -> int:
        """Score and publish `headlines` on `news:{venue}`, each id once; returns how many."""
        sent = 0
        for headline in headlines:
            key = f"{venue}|{headline_id(headline)}"
            if key in self._seen:
                continue
            event = NewsEvent(headline, self.scorer.score(headline))
            message = news_to_message(event)
            leader = self._leader
            try:
                if leader is not None and not await leader.first_time(key, SEEN_TTL_S):
                    self._remember(key)  # a previous leader published it
                    continue
            except RedisError as exc:
                log.warning("lease store unavailable, headline not sent: %s", exc)
                continue
            try:
                await self.bus.publish(news_topic(venue), message, key=message["id"])
            except BusUnavailable as exc:
                log.warning("bus unavailable, headline dropped: %s", exc)
                if leader is not None:
                    with contextlib.suppress(RedisError):
                        await leader.forget(key)
                continue
            self._remember(key)
            sent += 1
        self.published += sent
        return sent

    def _remember(self, key: str) -> None:
        self._seen[key] = None
        if len(self._seen) > REMEMBERED:
            self._seen.popitem(last=False)

    # -- sim -----------------------------------------------------------------------------
    async def on_sim_candles(self, symbol: str, closed_at: datetime) -> int:
        """A 1m candle of `symbol` that opened at `closed_at` closed: make and publish what is
        due by its close."""
        source = self.sim.get(symbol)
        if source is None:
            return 0
        candles = await self.market.candles(SIM, symbol, "1m", CANDLES_READ)
        source.on_candles(candles)
        return await self.publish(SIM, source.due(closed_at + timedelta(seconds=60)))

    def _newly_closed(self, symbol: str, data: dict[str, object]) -> datetime | None:
        closed = data.get("closed")
        if not isinstance(closed, list):
            return None
        times = [datetime.fromisoformat(at) for tf, at, *_ in closed if tf == "1m"]
        newest = max(times, default=None)
        last = self._last_closed.get(symbol)
        if newest is None or (last is not None and newest <= last):
            return None
        self._last_closed[symbol] = newest
        return newest

    async def _run_sim(self) -> None:
        topics = [candles_topic(SIM, s) for s in self.symbols]
        async with self.bus.subscribe(*topics, conflate=False, maxsize=1024) as subscription:
            async for message in subscription:
                symbol = str(message.data.get("symbol", ""))
                at = self._newly_closed(symbol, message.data)
                if at is None:
                    continue
                try:
                    await self.on_sim_candles(symbol, at)
                except Exception:  # a bad step must not stop the stream
                    log.exception("sim headlines for %s failed", symbol)

    # -- rss -----------------------------------------------------------------------------
    async def poll_rss(self) -> int:
        """Fetch every configured feed once and publish its new headlines."""
        sent = 0
        for url in self.rss_urls:
            try:
                headlines = parse_rss(await self.fetch(url))
            except Exception as exc:  # a feed that is down or malformed: try again next poll
                log.info("rss feed %s failed: %s", url, exc)
                continue
            for venue in self.rss_venues:
                sent += await self.publish(venue, headlines)
        return sent

    async def _run_rss(self) -> None:
        while True:
            await self.poll_rss()
            await asyncio.sleep(self.poll_s)

    async def run(self, leader: Leader | None = None) -> None:
        """Run the feed; with `leader`, only while this replica holds its lease."""
        self._leader = leader
        await lead(leader, self._run)

    async def _run(self) -> None:
        tasks: list[asyncio.Task[None]] = []
        if self.symbols:
            tasks.append(asyncio.create_task(self._run_sim(), name="news-sim"))
        if self.rss_urls and self.rss_venues:
            tasks.append(asyncio.create_task(self._run_rss(), name="news-rss"))
        try:
            if tasks:
                await asyncio.gather(*tasks)
            else:  # nothing to publish: hold the role quietly
                await asyncio.Event().wait()
        finally:
            await stop_tasks(tasks)
