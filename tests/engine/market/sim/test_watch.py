"""watch_* wait for the next update after the call; run() steps the venue on a timer."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from engine.exchanges.errors import BadSymbol, ExchangeNotAvailable
from engine.market.sim.events import StepEvents
from engine.market.sim.exchange import SimExchange
from engine.market.sim.venue import SimVenue

BTC = "BTC/USDT"


async def settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0)


async def test_watch_ticker_returns_next_update(small_venue: SimVenue) -> None:
    exchange = SimExchange(small_venue, "anyone")
    small_venue.step()
    watching = asyncio.create_task(exchange.watch_ticker(BTC))
    await settle()
    assert not watching.done()  # nothing new yet: it waits

    events = small_venue.step()

    ticker = await asyncio.wait_for(watching, 1)
    assert ticker == events.symbols[BTC].ticker
    assert ticker.timestamp == small_venue.now


async def test_watch_trades_returns_the_next_trades(small_venue: SimVenue) -> None:
    exchange = SimExchange(small_venue, "anyone")
    watching = asyncio.create_task(exchange.watch_trades(BTC))
    await settle()

    printed = []
    while not printed:
        printed = small_venue.step().symbols[BTC].trades

    assert await asyncio.wait_for(watching, 1) == printed


async def test_watch_order_book_returns_snapshot_after_next_change(small_venue: SimVenue) -> None:
    exchange = SimExchange(small_venue, "anyone")
    watching = asyncio.create_task(exchange.watch_order_book(BTC, depth=5))
    await settle()

    delta = None
    while delta is None:
        delta = small_venue.step().symbols[BTC].delta

    book = await asyncio.wait_for(watching, 1)
    assert book.seq == delta.seq
    assert len(book.bids) == len(book.asks) == 5
    assert book == await exchange.fetch_order_book(BTC, depth=5)


async def test_many_watchers_get_the_same_update(small_venue: SimVenue) -> None:
    exchanges = [SimExchange(small_venue, f"user{i}") for i in range(5)]
    watching = [asyncio.create_task(e.watch_ticker("ETH/USDT")) for e in exchanges]
    await settle()

    events = small_venue.step()

    tickers = await asyncio.wait_for(asyncio.gather(*watching), 1)
    assert tickers == [events.symbols["ETH/USDT"].ticker] * 5


async def test_cancelled_watch_is_forgotten(small_venue: SimVenue) -> None:
    watching = asyncio.create_task(small_venue.watch_ticker(BTC))
    await settle()
    watching.cancel()
    with pytest.raises(asyncio.CancelledError):
        await watching

    assert not small_venue._tickers  # no waiter left behind
    small_venue.step()


async def test_watch_of_unknown_symbol_fails_at_once(small_venue: SimVenue) -> None:
    with pytest.raises(BadSymbol):
        await asyncio.wait_for(small_venue.watch_trades("FOO/USDT"), 1)


async def test_run_steps_on_an_interval_until_cancelled(small_venue: SimVenue) -> None:
    seen: list[StepEvents] = []
    start = small_venue.now
    running = asyncio.create_task(small_venue.run(interval_s=0.002, on_step=seen.append))
    await asyncio.sleep(0.1)
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running

    assert len(seen) >= 10
    assert small_venue.now == start + timedelta(seconds=0.25 * len(seen))
    assert [e.timestamp for e in seen] == sorted({e.timestamp for e in seen})


async def test_run_awaits_an_async_step_callback(small_venue: SimVenue) -> None:
    published: list[StepEvents] = []

    async def publish(events: StepEvents) -> None:
        await asyncio.sleep(0)
        published.append(events)

    running = asyncio.create_task(small_venue.run(interval_s=0.001, on_step=publish))
    await asyncio.sleep(0.05)
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await running
    assert published and published[-1].timestamp <= small_venue.now


async def test_close_wakes_watchers(small_venue: SimVenue) -> None:
    watching = asyncio.create_task(small_venue.watch_order_book(BTC))
    await settle()

    small_venue.close()

    with pytest.raises(ExchangeNotAvailable):
        await asyncio.wait_for(watching, 1)
    with pytest.raises(ExchangeNotAvailable):
        await small_venue.watch_ticker(BTC)
