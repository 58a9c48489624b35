"""The signal feed publishes one batch of signals per closed 1m candle (market feed driven)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from api.bus import create_bus
from api.services.market import MarketService
from api.services.signals import (
    SignalService,
    signal_from_message,
    signal_to_message,
    signal_topic,
)
from api.services.venues import VenueRegistry
from api.workers.market_feed import SimMarketFeed
from api.workers.signal_feed import SignalFeed
from engine.market.sim.venue import SimVenue
from engine.signals.onnx_model import SignalModel
from engine.signals.types import Signal

START = datetime(2026, 2, 3, 10, 0, 30, tzinfo=UTC)


async def test_each_closed_minute_publishes_a_signal_for_every_symbol_once() -> None:
    venue = SimVenue(seed=5, start=START, tick_seconds=5, history_days=2)
    bus = create_bus(None)
    await bus.start()
    signals = SignalService(MarketService(VenueRegistry(venue)), SignalModel.bundled())
    market_feed = SimMarketFeed(venue, bus, 5)
    signal_feed = SignalFeed(signals, bus, venue.symbols)
    worker = asyncio.create_task(signal_feed.run())
    try:
        async with bus.subscribe(signal_topic("BTC/USDT"), signal_topic("ETH/USDT")) as sub:
            await asyncio.sleep(0)  # let the worker subscribe to the candles
            await market_feed.step_and_publish()  # first step: remembers the forming candles
            await asyncio.sleep(0)
            assert signal_feed.published == 0
            for _ in range(6):  # 10:00:35 ... 10:01:05: the 10:00 minute closes
                await market_feed.step_and_publish()
            received: list[Signal] = []
            while len(received) < 2:
                message = await sub.get(timeout=5)
                received.append(signal_from_message(message.data))
            assert {s.symbol for s in received} == {"BTC/USDT", "ETH/USDT"}
            assert {s.timestamp for s in received} == {datetime(2026, 2, 3, 10, 1, tzinfo=UTC)}
            assert signal_feed.published == len(venue.symbols)
            # more steps inside the same minute: nothing new
            for _ in range(5):
                await market_feed.step_and_publish()
            await asyncio.sleep(0.05)
            assert signal_feed.published == len(venue.symbols)
            assert sub.take_pending() == []
    finally:
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
        await bus.close()


async def test_a_signal_survives_the_bus_round_trip() -> None:
    venue = SimVenue(seed=5, start=START, tick_seconds=5, history_days=2)
    service = SignalService(MarketService(VenueRegistry(venue)), SignalModel.bundled())
    [signal] = await service.latest_many(["SOL/USDT"], "5m")
    assert signal_from_message(signal_to_message(signal)) == signal
    assert signal.timestamp == datetime(2026, 2, 3, 10, 0, tzinfo=UTC)  # last closed 5m bar
    assert signal.timestamp - timedelta(minutes=5) < START
