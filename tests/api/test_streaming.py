"""`paced`: at most `max_rate` frames per second, with the consumer's own time counted in the
interval (a broadcast pass over many sockets must not add a full interval on top)."""

from __future__ import annotations

import asyncio
import itertools
import statistics
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from api.bus import Bus, create_bus
from api.streaming import paced

TOPIC = "book:sim:BTC/USDT"


@asynccontextmanager
async def publishing(every_s: float) -> AsyncIterator[Bus]:
    """An in-process bus with a publisher on TOPIC every `every_s` seconds."""
    bus = create_bus(None)
    await bus.start()

    async def publish() -> None:
        n = 0
        while True:
            n += 1
            await bus.publish(TOPIC, {"n": n})
            await asyncio.sleep(every_s)

    publisher = asyncio.create_task(publish())
    try:
        yield bus
    finally:
        publisher.cancel()
        await bus.close()


async def frame_gaps(max_rate: float, work_s: float, frames: int) -> list[float]:
    """Seconds between successive frames for a consumer that spends `work_s` on each."""
    clock = asyncio.get_running_loop().time
    seen: list[float] = []
    async with publishing(0.005) as bus, bus.subscribe(TOPIC) as subscription:
        async for _ in paced(subscription, max_rate):
            seen.append(clock())
            if len(seen) == frames:
                break
            await asyncio.sleep(work_s)
    return [b - a for a, b in itertools.pairwise(seen)]


async def test_a_fast_consumer_gets_at_most_max_rate_frames_per_second() -> None:
    gaps = await frame_gaps(max_rate=10.0, work_s=0.0, frames=6)
    assert min(gaps) >= 0.1 * 0.95, gaps  # the feed publishes every 5 ms


async def test_a_slower_consumer_gets_its_next_frame_without_a_further_pause() -> None:
    # Interval 0.25 s, consumer 0.4 s per frame: the next frame is due when the consumer is
    # done (gap ~0.4 s), not a whole interval after that (0.65 s, as a sleep after each frame
    # gave).
    gaps = await frame_gaps(max_rate=4.0, work_s=0.4, frames=5)
    assert min(gaps) >= 0.4 * 0.95, gaps
    assert statistics.median(gaps) < 0.6, gaps
