"""News and whale feeds run once per cluster: with the Redis bus, replicas elect a leader through a
lease in Redis (api/workers/leader.py); only the leader publishes, a standby takes over when the
leader stops (lease released) or dies (lease left to expire), and no event goes out twice.

Two "replicas" here are two feeds on two Redis buses of one namespace, each with its own lease
client — what two server processes would have."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from redis.asyncio import Redis
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.bus import Bus, create_bus
from api.services.bots.feeds import news_topic, whale_topic
from api.services.market import MarketService
from api.services.market_streams import trades_to_message, trades_topic
from api.services.venues import VenueRegistry
from api.workers.leader import Leader, lead, leader_for
from api.workers.news_feed import NewsFeed
from api.workers.whale_feed import WhaleFeed
from engine.market.models import Side, Trade
from engine.market.sim.venue import SimVenue
from engine.strategies.whale import MIN_SAMPLES
from tests.support.loopback_server import loopback_server
from tests.support.polling import eventually

LEASE_S = 3.0  # short for the tests, long enough for a loaded box's heartbeats (every 1 s)
WITHIN_S = 30.0
BTC = "BTC/USDT"


def item(n: int) -> str:
    return (
        f"<item><title>Bitcoin headline number {n} surges</title>"
        f"<pubDate>Mon, 07 Dec 2026 03:{n:02d}:00 GMT</pubDate></item>"
    )


class RssServer:
    """A loopback RSS feed whose items the test adds to."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.url = ""

    def body(self) -> str:
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Coin Wire</title>'
            + "".join(self.items)
            + "</channel></rss>"
        )


@pytest.fixture
async def rss() -> AsyncIterator[RssServer]:
    feed = RssServer()

    async def serve(_: Request) -> Response:
        return Response(feed.body(), media_type="application/rss+xml")

    app = Starlette(routes=[Route("/feed.xml", serve)])
    async with loopback_server(app) as server:
        feed.url = f"{server.base_url}/feed.xml"
        yield feed


@pytest.fixture
def namespace() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def buses(redis_url: str, namespace: str) -> AsyncIterator[list[Bus]]:
    """Three buses of one namespace: replica A, replica B and an observer."""
    started: list[Bus] = []
    try:
        for _ in range(3):
            bus = create_bus(redis_url, namespace)
            await bus.start()
            started.append(bus)
        yield started
    finally:
        for bus in started:
            await bus.close()


@pytest.fixture
async def market() -> AsyncIterator[MarketService]:
    venues = VenueRegistry(SimVenue(seed=7))
    yield MarketService(venues)
    await venues.close()


def make_leader(redis_url: str, namespace: str, role: str) -> Leader:
    return Leader.from_url(redis_url, namespace, role, lease_s=LEASE_S)


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


class Replica:
    def __init__(self, feed: NewsFeed | WhaleFeed, leader: Leader) -> None:
        self.feed = feed
        self.leader = leader
        self.task = asyncio.create_task(feed.run(leader))

    async def leads(self) -> bool:
        return self.leader.leading


def news_replica(
    bus: Bus, market: MarketService, rss: RssServer, redis_url: str, namespace: str
) -> Replica:
    feed = NewsFeed(bus, market, [], 7, rss_urls=[rss.url], rss_venues=["binance"], poll_s=0.05)
    return Replica(feed, make_leader(redis_url, namespace, "news-feed"))


async def titles(sub: object, count: int) -> list[str]:
    got = []
    for _ in range(count):
        message = await sub.get(timeout=WITHIN_S)  # type: ignore[attr-defined]
        got.append(str(message.data["title"]))
    return got


async def test_only_the_leader_publishes_and_a_standby_takes_over_when_it_stops(
    buses: list[Bus], market: MarketService, rss: RssServer, redis_url: str, namespace: str
) -> None:
    rss.items += [item(1), item(2)]
    bus_a, bus_b, observer = buses
    async with observer.subscribe(news_topic("binance"), conflate=False, maxsize=64) as sub:
        a = news_replica(bus_a, market, rss, redis_url, namespace)
        await eventually(a.leads, within_s=WITHIN_S)
        b = news_replica(bus_b, market, rss, redis_url, namespace)
        try:
            first = await titles(sub, 2)
            assert await a.leader.holder() == a.leader.name
            assert not b.leader.leading and b.feed.published == 0
            assert a.feed.published == 2

            await stop(a.task)  # a replica shutting down: it releases the lease
            assert await a.leader.holder() in (None, b.leader.name)
            await eventually(b.leads, within_s=WITHIN_S)
            rss.items.append(item(3))
            # B reads all three items; the two A sent are not sent again. One publisher keeps
            # its order on a pub/sub channel, so a repeat would arrive before number 3.
            assert await titles(sub, 1) == ["Bitcoin headline number 3 surges"]
            assert b.feed.published == 1
        finally:
            await stop(a.task)
            await stop(b.task)
    assert sorted(first) == [f"Bitcoin headline number {n} surges" for n in (1, 2)]


async def test_a_leader_that_dies_without_releasing_is_replaced_when_its_lease_expires(
    buses: list[Bus], market: MarketService, rss: RssServer, redis_url: str, namespace: str
) -> None:
    rss.items.append(item(1))
    bus_a, bus_b, observer = buses
    async with observer.subscribe(news_topic("binance"), conflate=False, maxsize=64) as sub:
        a = news_replica(bus_a, market, rss, redis_url, namespace)
        await eventually(a.leads, within_s=WITHIN_S)
        b = news_replica(bus_b, market, rss, redis_url, namespace)
        try:
            assert await titles(sub, 1) == ["Bitcoin headline number 1 surges"]
            a.leader.release_on_stop = False  # a crash: nothing is released
            await stop(a.task)
            # The lease outlives its holder until it expires; then B takes the role.
            await eventually(b.leads, within_s=WITHIN_S)
            assert await b.leader.holder() == b.leader.name
            rss.items.append(item(2))
            assert await titles(sub, 1) == ["Bitcoin headline number 2 surges"]
            assert (a.feed.published, b.feed.published) == (1, 1)
        finally:
            await stop(b.task)


async def test_a_leader_whose_lease_is_taken_stops_publishing(
    buses: list[Bus], market: MarketService, rss: RssServer, redis_url: str, namespace: str
) -> None:
    """A leader that stalled past its lease finds another holder at its next heartbeat: it stops
    its feed at once instead of publishing beside the new leader."""
    bus_a, _, observer = buses
    a = news_replica(bus_a, market, rss, redis_url, namespace)
    other = Redis.from_url(redis_url, decode_responses=True)
    try:
        await eventually(a.leads, within_s=WITHIN_S)
        await other.set(a.leader.key, "another-replica", px=int(LEASE_S * 4 * 1000))
        await eventually(lambda: _not(a.leads), within_s=WITHIN_S)
        assert await a.leader.holder() == "another-replica"
        async with observer.subscribe(news_topic("binance"), conflate=False) as sub:
            rss.items.append(item(1))
            # Once the other holder is gone (its lease deleted), A leads again and sends it.
            await other.delete(a.leader.key)
            assert await titles(sub, 1) == ["Bitcoin headline number 1 surges"]
        assert a.leader.terms == 2
    finally:
        await stop(a.task)
        await other.aclose()


async def _not(probe: object) -> bool:
    return not await probe()  # type: ignore[operator]


def trades_message(start: datetime, big_id: str) -> dict[str, object]:
    """MIN_SAMPLES small prints, then one whale print (id `big_id`)."""
    small = [
        Trade(f"s{i}", BTC, Decimal(60_000), Decimal("0.01"), Side.BUY, start + timedelta(i))
        for i in range(MIN_SAMPLES)
    ]
    big = Trade(big_id, BTC, Decimal(60_000), Decimal(50), Side.BUY, start + timedelta(hours=1))
    return trades_to_message("sim", BTC, [*small, big])


async def test_whale_events_come_from_one_replica_only(
    buses: list[Bus], redis_url: str, namespace: str
) -> None:
    bus_a, bus_b, observer = buses
    a = Replica(WhaleFeed(bus_a, "sim", [BTC]), make_leader(redis_url, namespace, "whale-feed"))
    await eventually(a.leads, within_s=WITHIN_S)
    b = Replica(WhaleFeed(bus_b, "sim", [BTC]), make_leader(redis_url, namespace, "whale-feed"))
    start = datetime(2026, 12, 7, tzinfo=UTC)
    try:
        async with observer.subscribe(whale_topic("sim", BTC), conflate=False) as sub:
            # A subscribes to the trades once it leads; publish until it has seen one.
            async def first_event() -> bool:
                await observer.publish(trades_topic("sim", BTC), trades_message(start, "w1"))
                return a.feed.published > 0

            await eventually(first_event, within_s=WITHIN_S)
            message = await sub.get(timeout=WITHIN_S)
            assert message.data["id"] == f"trade:sim:{BTC}:w1"
            assert b.feed.published == 0 and not b.leader.leading

            await stop(a.task)
            await eventually(b.leads, within_s=WITHIN_S)

            async def second_event() -> bool:  # the same whale print again, then a new one
                await observer.publish(trades_topic("sim", BTC), trades_message(start, "w1"))
                await observer.publish(trades_topic("sim", BTC), trades_message(start, "w2"))
                return b.feed.published > 0

            await eventually(second_event, within_s=WITHIN_S)
            message = await sub.get(timeout=WITHIN_S)
            assert message.data["id"] == f"trade:sim:{BTC}:w2"  # w1 is not sent twice
            assert b.feed.published == 1
    finally:
        await stop(a.task)
        await stop(b.task)


async def test_without_redis_there_is_no_election_and_the_work_just_runs() -> None:
    assert leader_for(None, "ns", "news-feed") is None
    ran = asyncio.Event()

    async def work() -> None:
        ran.set()

    await lead(None, work)
    assert ran.is_set()
