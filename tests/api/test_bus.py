"""The bus contract, run against the in-process bus and a real Redis (no mocks)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from decimal import Decimal

import pytest
import redis.asyncio as aioredis

from api.bus import (
    Bus,
    BusUnavailable,
    MemoryBus,
    Message,
    RedisBus,
    Subscription,
    SubscriptionClosed,
    create_bus,
    redact_url,
)
from tests.support.polling import eventually
from tests.support.redis_server import RedisServerProcess

WAIT_S = 5.0


@pytest.fixture
def prefix() -> str:
    """A topic prefix of this test alone: parallel runs share the Redis server."""
    return f"test-bus:{uuid.uuid4().hex}:"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def each_backend_url(request: pytest.FixtureRequest) -> str | None:
    # The redis variant goes through `redis_url`, so conftest's skip/fail rules apply to it.
    return request.getfixturevalue("redis_url") if request.param == "redis" else None


@pytest.fixture
async def bus(each_backend_url: str | None) -> AsyncIterator[Bus]:
    bus = create_bus(each_backend_url)
    await bus.start()
    try:
        yield bus
    finally:
        await bus.close()


async def flush(bus: Bus, prefix: str) -> None:
    """Returns once every message published before it has reached the local subscribers."""
    barrier = f"{prefix}barrier"
    async with bus.subscribe(barrier) as sub:
        await bus.publish(barrier, {})
        await sub.get(timeout=WAIT_S)


async def take_queued(sub: Subscription) -> list[Message]:
    return [await sub.get(timeout=0) for _ in range(sub.pending)]


# --- the contract, on both backends ---------------------------------------------------------


async def test_subscriber_receives_published_message(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}ticker"
    data = {"price": "101.5", "book": {"bids": [[100, 2.5]]}, "live": True, "note": None}
    async with bus.subscribe(topic) as sub:
        await bus.publish(topic, data)
        assert await sub.get(timeout=WAIT_S) == Message(topic, data)


async def test_one_subscription_receives_several_topics(bus: Bus, prefix: str) -> None:
    orders, pnl = f"{prefix}orders:u1", f"{prefix}pnl:u1"
    async with bus.subscribe(orders, pnl, conflate=False) as sub:
        await bus.publish(orders, {"id": 1})
        await bus.publish(pnl, {"value": "3"})
        got = [await sub.get(timeout=WAIT_S), await sub.get(timeout=WAIT_S)]
    assert got == [Message(orders, {"id": 1}), Message(pnl, {"value": "3"})]


async def test_every_subscriber_receives_each_message(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}feed"
    async with bus.subscribe(topic) as first, bus.subscribe(topic) as second:
        await bus.publish(topic, {"post": 7})
        assert (await first.get(timeout=WAIT_S)).data == {"post": 7}
        assert (await second.get(timeout=WAIT_S)).data == {"post": 7}


async def test_only_messages_published_after_subscribing_arrive(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}feed"
    await bus.publish(topic, {"seq": 1})
    async with bus.subscribe(topic, conflate=False) as sub:
        await bus.publish(topic, {"seq": 2})
        await flush(bus, prefix)
        assert [m.data for m in await take_queued(sub)] == [{"seq": 2}]


async def test_conflation_keeps_latest_per_key_and_counts_overwrites(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}ticker"
    async with bus.subscribe(topic) as idle:
        for seq in range(10_000):
            await bus.publish(topic, {"seq": seq}, key=f"BTC-{seq % 4}")
        await flush(bus, prefix)
        latest = await take_queued(idle)
    # One message per key, in the order the keys were first queued.
    assert [m.data["seq"] for m in latest] == [9996, 9997, 9998, 9999]
    assert idle.dropped == 9996


async def test_conflated_key_keeps_its_place_in_line(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}ticker"
    async with bus.subscribe(topic) as sub:
        await bus.publish(topic, {"price": 1}, key="ETH")
        await bus.publish(topic, {"price": 10}, key="BTC")
        await bus.publish(topic, {"price": 2}, key="ETH")
        await flush(bus, prefix)
        assert [m.data for m in await take_queued(sub)] == [{"price": 2}, {"price": 10}]
    assert sub.dropped == 1


async def test_distinct_keys_are_all_kept(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}ticker"
    async with bus.subscribe(topic, maxsize=100) as sub:
        for n in range(100):
            await bus.publish(topic, {"n": n}, key=f"SYM{n}")
        await flush(bus, prefix)
        assert [m.data["n"] for m in await take_queued(sub)] == list(range(100))
    assert sub.dropped == 0


async def test_keys_beyond_maxsize_drop_the_oldest_key(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}ticker"
    async with bus.subscribe(topic, maxsize=3) as sub:
        for n in range(5):
            await bus.publish(topic, {"n": n}, key=f"SYM{n}")
        await flush(bus, prefix)
        assert [m.data["n"] for m in await take_queued(sub)] == [2, 3, 4]
    assert sub.dropped == 2


async def test_fifo_keeps_order_and_drops_oldest_when_full(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}trades"
    async with bus.subscribe(topic, conflate=False, maxsize=5) as sub:
        for seq in range(12):
            await bus.publish(topic, {"seq": seq})
        await flush(bus, prefix)
        assert [m.data["seq"] for m in await take_queued(sub)] == [7, 8, 9, 10, 11]
    assert sub.dropped == 7


async def test_slow_subscriber_holds_back_neither_producer_nor_fast_subscriber(
    bus: Bus, prefix: str
) -> None:
    topic, count = f"{prefix}ticker", 5_000

    async def read_all(sub: Subscription) -> list[int]:
        seqs: list[int] = []
        async for message in sub:
            seqs.append(message.data["seq"])
            if seqs[-1] == count - 1:
                return seqs
        return seqs

    async with (
        bus.subscribe(topic, conflate=False, maxsize=count) as fast,
        bus.subscribe(topic) as slow,
        bus.subscribe(topic, conflate=False, maxsize=10) as slow_fifo,
    ):
        reader = asyncio.create_task(read_all(fast))
        started = time.perf_counter()
        for seq in range(count):
            await bus.publish(topic, {"seq": seq})
        publishing_s = time.perf_counter() - started
        fast_seqs = await asyncio.wait_for(reader, WAIT_S)
        await flush(bus, prefix)
        slow_seqs = [m.data["seq"] for m in await take_queued(slow)]
        slow_fifo_seqs = [m.data["seq"] for m in await take_queued(slow_fifo)]

    assert fast_seqs == list(range(count))
    assert fast.dropped == 0
    assert slow_seqs == [count - 1]
    assert slow.dropped == count - 1
    assert slow_fifo_seqs == list(range(count - 10, count))
    assert slow_fifo.dropped == count - 10
    assert publishing_s < 10  # generous: the point is that it finished at all


async def test_leaving_the_context_stops_deliveries(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}orders:u1"
    async with bus.subscribe(topic) as watcher:
        async with bus.subscribe(topic) as leaving:
            pass
        await bus.publish(topic, {"id": 1})
        assert (await watcher.get(timeout=WAIT_S)).data == {"id": 1}
    assert leaving.pending == 0
    with pytest.raises(SubscriptionClosed):
        await leaving.get(timeout=0.1)


async def test_get_raises_timeout_error_when_nothing_arrives(bus: Bus, prefix: str) -> None:
    async with bus.subscribe(f"{prefix}quiet") as sub:
        started = time.perf_counter()
        with pytest.raises(TimeoutError):
            await sub.get(timeout=0.05)
    assert time.perf_counter() - started < 2


async def test_health_is_ok_while_running(bus: Bus) -> None:
    health = await bus.health()
    assert health.ok, health.detail
    assert health.backend == bus.backend


async def test_data_that_is_not_json_is_rejected(bus: Bus, prefix: str) -> None:
    with pytest.raises(TypeError):
        await bus.publish(f"{prefix}pnl:u1", {"value": Decimal("1.5")})


async def test_closing_the_bus_ends_subscriptions(bus: Bus, prefix: str) -> None:
    topic = f"{prefix}feed"
    async with bus.subscribe(topic) as sub:
        consumer = asyncio.create_task(anext(sub, None))
        await asyncio.sleep(0.01)
        await bus.close()
        assert await asyncio.wait_for(consumer, WAIT_S) is None
        with pytest.raises(SubscriptionClosed):
            await sub.get(timeout=0.1)
    with pytest.raises(BusUnavailable):
        await bus.publish(topic, {})
    assert not (await bus.health()).ok


async def test_subscription_must_be_entered_before_reading(bus: Bus, prefix: str) -> None:
    with pytest.raises(RuntimeError):
        await bus.subscribe(f"{prefix}feed").get(timeout=0.1)
    with pytest.raises(ValueError):
        bus.subscribe()


# --- Redis only -------------------------------------------------------------------------------


@pytest.fixture
async def redis_bus(redis_url: str) -> AsyncIterator[RedisBus]:
    bus = RedisBus(redis_url)
    await bus.start()
    try:
        yield bus
    finally:
        await bus.close()


async def test_local_subscribers_share_one_redis_subscription(
    redis_url: str, redis_bus: RedisBus, prefix: str
) -> None:
    topic = f"{prefix}book:sim:BTC-USD"
    observer = aioredis.Redis.from_url(redis_url)

    async def redis_subscribers() -> int:
        [(_, count)] = await observer.pubsub_numsub(topic)
        return int(count)

    try:
        async with redis_bus.subscribe(topic) as first:
            async with redis_bus.subscribe(topic), redis_bus.subscribe(topic):
                assert await redis_subscribers() == 1
            await redis_bus.publish(topic, {"n": 1})
            assert (await first.get(timeout=WAIT_S)).data == {"n": 1}
            assert await redis_subscribers() == 1

        async def unsubscribed() -> bool:
            return await redis_subscribers() == 0

        await eventually(unsubscribed)
    finally:
        await observer.aclose()


async def test_buses_of_two_processes_share_topics(redis_bus: RedisBus, prefix: str) -> None:
    topic = f"{prefix}signals:momentum"
    other_process = RedisBus(redis_bus.url)
    await other_process.start()
    try:
        async with redis_bus.subscribe(topic) as sub:
            await other_process.publish(topic, {"side": "buy"})
            assert await sub.get(timeout=WAIT_S) == Message(topic, {"side": "buy"})
    finally:
        await other_process.close()


async def test_start_against_a_closed_port_names_the_url(redis_url: str, free_port: int) -> None:
    bus = RedisBus(f"redis://:s3cret@127.0.0.1:{free_port}/0")
    started = time.perf_counter()
    with pytest.raises(BusUnavailable) as raised:
        await bus.start()
    assert time.perf_counter() - started < 3.5
    assert f"redis://:***@127.0.0.1:{free_port}/0" in str(raised.value)
    assert "s3cret" not in str(raised.value)
    assert not (await bus.health()).ok
    await bus.close()


async def test_subscribers_resume_after_redis_restarts(
    redis_url: str, redis_server: RedisServerProcess, prefix: str
) -> None:
    topic, late_topic = f"{prefix}pnl:u1", f"{prefix}alerts:u1"
    bus = RedisBus(redis_server.url)
    await bus.start()

    async def healthy() -> bool:
        return (await bus.health()).ok

    async def unhealthy() -> bool:
        return not await healthy()

    try:
        async with AsyncExitStack() as stack, bus.subscribe(topic) as sub:
            await bus.publish(topic, {"seq": 1})
            assert (await sub.get(timeout=WAIT_S)).data == {"seq": 1}

            await redis_server.kill()
            await eventually(unhealthy)
            health = await bus.health()
            assert "degraded" in health.detail and "reconnecting" in health.detail
            with pytest.raises(BusUnavailable):
                await bus.publish(topic, {"seq": 2})
            # Entering during the outage does not wait for Redis; the reconnect subscribes it.
            async with asyncio.timeout(1):
                joined_late = await stack.enter_async_context(bus.subscribe(late_topic))

            await redis_server.start()
            await eventually(healthy)
            await bus.publish(topic, {"seq": 3})
            await bus.publish(late_topic, {"seq": 4})
            assert (await sub.get(timeout=WAIT_S)).data == {"seq": 3}
            assert (await joined_late.get(timeout=WAIT_S)).data == {"seq": 4}
    finally:
        await bus.close()


# --- construction -----------------------------------------------------------------------------


def test_create_bus_picks_the_backend_from_the_url() -> None:
    assert isinstance(create_bus(None), MemoryBus)
    assert create_bus(None).backend == "memory"
    assert create_bus("redis://127.0.0.1:6379/0").backend == "redis"


def test_redact_url_hides_passwords() -> None:
    assert redact_url("redis://:pw@host:6379/0") == "redis://:***@host:6379/0"
    assert redact_url("rediss://user:pw@host/1") == "rediss://user:***@host/1"
    assert redact_url("redis://host:6379/0") == "redis://host:6379/0"
    assert (
        redact_url("unix:///tmp/r.sock?db=0&password=pw") == "unix:///tmp/r.sock?db=0&password=***"
    )
