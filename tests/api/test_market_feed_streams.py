"""The sim feed publishes public trades and candles: every trade once, closed candles final."""

from __future__ import annotations

from api.bus.memory import MemoryBus
from api.services.market_streams import (
    candles_from_message,
    candles_topic,
    trades_from_message,
    trades_topic,
)
from api.workers.market_feed import SimMarketFeed
from engine.market.sim.venue import SimVenue

SYMBOL = "BTC/USDT"


async def test_feed_publishes_each_trade_once_in_tape_order() -> None:
    venue = SimVenue(seed=7, tick_seconds=0.5, history_days=1)
    bus = MemoryBus()
    await bus.start()
    feed = SimMarketFeed(venue, bus, 0.5)
    async with bus.subscribe(trades_topic("sim", SYMBOL), conflate=False, maxsize=10_000) as sub:
        for _ in range(200):
            await feed.step_and_publish()
        published = [t for m in sub.take_pending() for t in trades_from_message(m.data)]
    await bus.close()
    tape = venue.recent_trades(SYMBOL, 10_000)
    assert published, "200 steps of the sim market print trades"
    ids = [t.id for t in published]
    assert len(ids) == len(set(ids))
    assert ids == [t.id for t in tape[-len(ids) :]]
    assert [t.timestamp for t in published] == sorted(t.timestamp for t in published)


async def test_feed_publishes_closed_candles_with_their_final_values() -> None:
    venue = SimVenue(seed=11, tick_seconds=5, history_days=1)  # 12 steps per minute
    bus = MemoryBus()
    await bus.start()
    feed = SimMarketFeed(venue, bus, 5)
    async with bus.subscribe(candles_topic("sim", SYMBOL), conflate=False, maxsize=10_000) as sub:
        for _ in range(12 * 5 + 1):  # a little over five simulated minutes
            await feed.step_and_publish()
        messages = sub.take_pending()
    await bus.close()
    closed = [c for m in messages for c in candles_from_message(m.data, "1m")[0]]
    forming = [f for m in messages if (f := candles_from_message(m.data, "1m")[1]) is not None]
    history = {c.open_time: c for c in venue.ohlcv(SYMBOL, "1m", 20) if c.closed}
    assert len(closed) == 5
    assert [c.open_time for c in closed] == sorted({c.open_time for c in closed})
    for candle in closed:
        assert candle.closed
        assert candle == history[candle.open_time]
    assert all(not f.closed for f in forming)
    assert forming[-1].open_time > closed[-1].open_time
    # Coarser timeframes are carried in the same messages.
    assert all(candles_from_message(m.data, "1h")[1] is not None for m in messages)
