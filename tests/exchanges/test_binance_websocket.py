"""ccxt.pro websockets through the adapter against the binance stand-in's `/ws/{stream}`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from decimal import Decimal
from typing import TypeVar

import pytest

from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import CcxtExchange
from engine.market.models import Side
from tests.support.polling import eventually
from tests.support.standins.binance import BinanceStandin

T = TypeVar("T")


async def _next(standin: BinanceStandin, watch: Awaitable[T], push: Awaitable[int]) -> T:
    """Start a watch, let it register, push one event, return what the watch got."""
    task = asyncio.ensure_future(watch)
    await asyncio.sleep(0.05)
    assert await push == 1, "exactly one subscriber should get the event"
    return await asyncio.wait_for(task, 3)


async def subscribed(standin: BinanceStandin) -> None:
    """Until a watch's SUBSCRIBE has landed at the stand-in."""
    await eventually(lambda: asyncio.sleep(0, standin.ws_subscriptions))


async def test_watch_order_book_snapshot_then_deltas(
    binance: CcxtExchange, standin: BinanceStandin
) -> None:
    first = await asyncio.wait_for(binance.watch_order_book("BTC/USDT", depth=5), 3)
    assert standin.ws_paths and all(p.startswith("/ws/") for p in standin.ws_paths)
    assert ("GET", "/api/v3/depth") in standin.requests  # seeded from the REST snapshot
    assert first.seq == standin.book_update_id
    assert first.bids[0] == (Decimal("50000"), Decimal("0.5"))

    book = await _next(
        standin,
        binance.watch_order_book("BTC/USDT", depth=5),
        standin.push_depth("BTCUSDT", bids=[("50000.5", "2")], asks=[("50001", "0")]),
    )
    assert book.seq == standin.book_update_id
    assert book.bids[0] == (Decimal("50000.5"), Decimal("2"))
    assert book.asks[0] == (Decimal("50001.01"), Decimal("1.4"))  # 50001 removed


async def test_watch_order_book_gap_raises_then_resyncs(
    binance: CcxtExchange, standin: BinanceStandin
) -> None:
    await asyncio.wait_for(binance.watch_order_book("BTC/USDT"), 3)
    snapshots = standin.requests.count(("GET", "/api/v3/depth"))
    with pytest.raises(errors.NetworkError) as info:
        await _next(
            standin,
            binance.watch_order_book("BTC/USDT"),
            standin.push_depth("BTCUSDT", bids=[("49999.99", "7")], gap=3),
        )
    assert info.value.retryable
    # the next call resubscribes and seeds a fresh book: never a wrong book
    book = await asyncio.wait_for(binance.watch_order_book("BTC/USDT"), 3)
    assert standin.requests.count(("GET", "/api/v3/depth")) == snapshots + 1
    assert book.seq == standin.book_update_id
    assert book.bids[1] == (Decimal("49999.99"), Decimal("7"))


async def test_watch_trades(binance: CcxtExchange, standin: BinanceStandin) -> None:
    await binance.load_markets()
    subscribe = asyncio.ensure_future(binance.watch_trades("BTC/USDT"))
    await subscribed(standin)
    await standin.push_trade("BTCUSDT", "50000.5", "0.25", buyer_is_maker=True)
    trades = await asyncio.wait_for(subscribe, 3)
    assert len(trades) == 1
    t = trades[0]
    assert (t.symbol, t.price, t.qty, t.taker_side) == (
        "BTC/USDT",
        Decimal("50000.5"),
        Decimal("0.25"),
        Side.SELL,
    )


async def test_a_trade_that_arrives_between_watches_is_returned_without_waiting_for_the_next(
    binance: CcxtExchange, standin: BinanceStandin
) -> None:
    """ccxt.pro resolves a watch only on a message that arrives while it waits; the adapter
    returns what its cache got in between at once (a quiet market's last trade is not held back
    until somebody trades again), and never returns a trade twice."""
    await binance.load_markets()
    first = asyncio.ensure_future(binance.watch_trades("BTC/USDT"))
    await subscribed(standin)
    await standin.push_trade("BTCUSDT", "50000.5", "0.25", buyer_is_maker=True)
    assert [t.price for t in await asyncio.wait_for(first, 3)] == [Decimal("50000.5")]

    # No watch is waiting now: this trade only reaches ccxt.pro's cache.
    assert await standin.push_trade("BTCUSDT", "50001", "0.5", buyer_is_maker=False) == 1
    cached = binance.client.trades
    await eventually(lambda: asyncio.sleep(0, len(cached.get("BTC/USDT", []))), lambda n: n == 2)
    between = await asyncio.wait_for(binance.watch_trades("BTC/USDT"), 1)
    assert [(t.price, t.taker_side) for t in between] == [(Decimal("50001"), Side.BUY)]

    # Nothing new cached: the next call waits for the next trade, and returns only that one.
    third = binance.watch_trades("BTC/USDT")
    push = standin.push_trade("BTCUSDT", "50002", "0.1", buyer_is_maker=True)
    assert [t.price for t in await _next(standin, third, push)] == [Decimal("50002")]
