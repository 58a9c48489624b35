"""orderBook on a live venue (a binance stand-in on loopback): one feed per (venue, symbol)
while anybody watches, books from the venue's websocket, a `stale` book while it resyncs."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.settings import Settings
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually
from tests.support.standins.binance import BinanceStandin, settings_override

BOOK = (
    'subscription { orderBook(venue: "binance", symbol: "BTC/USDT", depth: 3, maxRate: 50) '
    "{ venue seq stale bids { price qty } asks { price qty } } }"
)


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "live_market_venues": ["binance"]}
    )


async def subscribed(standin: BinanceStandin) -> int:
    return len(standin.ws_subscriptions)


async def next_book(ws: Any, op: str) -> dict[str, Any]:
    book: dict[str, Any] = (await next_of(ws, op))["payload"]["data"]["orderBook"]
    return book


async def test_one_feed_serves_every_subscriber_and_stops_with_the_last(
    app: Starlette, standin: BinanceStandin
) -> None:
    feeds = app.state.services.live_feeds
    async with graphql_ws(app) as a, graphql_ws(app) as b:
        for ws in (a, b):
            await ws.send_json({"id": "o", "type": "subscribe", "payload": {"query": BOOK}})
            first = await next_book(ws, "o")
            assert first["venue"] == "binance" and first["stale"] is False
            assert Decimal(first["bids"][0]["price"]) == Decimal("50000")
        assert feeds.active == {("binance", "BTC/USDT"): 1}  # one broadcast group holds it
        await eventually(lambda: subscribed(standin))
        await asyncio.sleep(0.1)
        assert await standin.push_depth("BTCUSDT", bids=[("50000.5", "2")]) == 1  # one stream
        for ws in (a, b):
            book = await next_book(ws, "o")
            while Decimal(book["bids"][0]["price"]) != Decimal("50000.5"):
                book = await next_book(ws, "o")
            assert book["bids"][0]["qty"] == "2" and book["stale"] is False
    await eventually(lambda: asyncio.sleep(0, feeds.active), lambda active: active == {})


async def test_a_gap_marks_the_book_stale_then_a_fresh_book_follows(
    app: Starlette, standin: BinanceStandin
) -> None:
    async with graphql_ws(app) as ws:
        await ws.send_json({"id": "o", "type": "subscribe", "payload": {"query": BOOK}})
        await next_book(ws, "o")
        await eventually(lambda: subscribed(standin))
        await asyncio.sleep(0.1)
        await standin.push_depth("BTCUSDT", bids=[("50000.2", "1")])
        book = await next_book(ws, "o")
        while Decimal(book["bids"][0]["price"]) != Decimal("50000.2"):
            book = await next_book(ws, "o")
        await standin.push_depth("BTCUSDT", bids=[("49999.99", "7")], gap=3)
        stale = await next_book(ws, "o")
        # binance: the resubscribed stream seeds its book from REST when the next event arrives
        fresh = stale
        while fresh["stale"]:
            await eventually(lambda: subscribed(standin))
            await standin.push_depth("BTCUSDT", asks=[("50001.5", "1")])
            try:
                fresh = await asyncio.wait_for(next_book(ws, "o"), 1.0)
            except TimeoutError:
                continue
    assert stale["stale"] is True and stale["seq"] == book["seq"], "the last good book, flagged"
    assert fresh["stale"] is False and int(fresh["seq"]) > int(book["seq"])
    assert {"price": "49999.99", "qty": "7"} in fresh["bids"]


async def test_unknown_live_symbol_starts_no_feed(app: Starlette) -> None:
    query = BOOK.replace("BTC/USDT", "NOPE/USDT")
    async with graphql_ws(app) as ws:
        await ws.send_json({"id": "o", "type": "subscribe", "payload": {"query": query}})
        message = await next_of(ws, "o")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert app.state.services.live_feeds.active == {}


TRADES = (
    'subscription { trades(venue: "binance", symbol: "BTC/USDT", last: 0, maxRate: 50) '
    "{ venue trades { id price qty } } }"
)
CANDLES = (
    'subscription { candles(venue: "binance", symbol: "BTC/USDT", timeframe: "1m", last: 1, '
    "maxRate: 50) { venue candle { close volume } } }"
)
TICKER = (
    'subscription { ticker(venue: "binance", symbols: ["BTC/USDT"], maxRate: 50) '
    "{ venue symbol last } }"
)


async def streams(standin: BinanceStandin, suffix: str) -> list[str]:
    return [s for _, s in standin.ws_subscriptions if s.endswith(suffix)]


async def test_trades_candles_and_ticker_of_a_live_venue_stream_while_subscribed(
    app: Starlette, standin: BinanceStandin
) -> None:
    feeds = app.state.services.live_feeds
    async with graphql_ws(app) as ws:
        for op, query in (("t", TRADES), ("c", CANDLES), ("k", TICKER)):
            await ws.send_json({"id": op, "type": "subscribe", "payload": {"query": query}})
        first = (await next_of(ws, "t"))["payload"]["data"]["trades"]
        assert first == {"venue": "binance", "trades": []}  # live tape comes from the stream
        await next_of(ws, "c")  # the venue's current candle
        ticker = (await next_of(ws, "k"))["payload"]["data"]["ticker"]
        assert ticker["venue"] == "binance" and ticker["symbol"] == "BTC/USDT"
        # One trade stream feeds trades and candles; one ticker stream.
        assert feeds.active_streams == {
            ("binance", "BTC/USDT", "trades"): 2,
            ("binance", "BTC/USDT", "ticker"): 1,
        }
        await eventually(lambda: streams(standin, "@trade"))
        await eventually(lambda: streams(standin, "@miniTicker"))
        assert await standin.push_trade("BTCUSDT", "50123.5", "0.25", buyer_is_maker=False) == 1
        trades = (await next_of(ws, "t"))["payload"]["data"]["trades"]["trades"]
        assert [(t["price"], t["qty"]) for t in trades] == [("50123.5", "0.25")]
        candle = (await next_of(ws, "c"))["payload"]["data"]["candles"]["candle"]
        while Decimal(candle["close"]) != Decimal("50123.5"):
            candle = (await next_of(ws, "c"))["payload"]["data"]["candles"]["candle"]
        await standin.push_ticker("BTCUSDT", last="50200")
        ticker = (await next_of(ws, "k"))["payload"]["data"]["ticker"]
        while Decimal(ticker["last"]) != Decimal("50200"):
            ticker = (await next_of(ws, "k"))["payload"]["data"]["ticker"]
    await eventually(lambda: asyncio.sleep(0, feeds.active_streams), lambda active: active == {})
