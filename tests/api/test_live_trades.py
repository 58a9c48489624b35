"""Trades, candles and tickers of a live venue (a binance stand-in on loopback): one feed per
(venue, symbol, stream) while anybody watches, published on the sim feed's topics in the sim
feed's payload shape; candles built from the trade stream."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from starlette.applications import Starlette

from api.bus import Message, Subscription
from api.services.market import ticker_from_message, ticker_topic
from api.services.market_streams import (
    candles_from_message,
    candles_topic,
    trades_from_message,
    trades_topic,
)
from api.settings import Settings
from api.workers.live_feeds import LiveCandles, has_watch
from engine.exchanges.ccxt_adapter import CcxtExchange
from engine.market.models import Candle, Side, Trade
from tests.support.app_services import services_of
from tests.support.polling import eventually
from tests.support.standins.binance import BinanceStandin, settings_override

BTC = "BTC/USDT"


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "live_market_venues": ["binance"]}
    )


async def streams(standin: BinanceStandin, prefix: str) -> list[str]:
    return [s for _, s in standin.ws_subscriptions if s.startswith(prefix)]


async def next_message(sub: Subscription) -> Message:
    return await asyncio.wait_for(sub.get(), 5.0)


async def test_live_trades_and_candles_reach_the_sim_topics(
    app: Starlette, standin: BinanceStandin
) -> None:
    services = services_of(app)
    feeds = services.live_feeds
    bus = services.bus
    async with (
        bus.subscribe(trades_topic("binance", BTC), conflate=False) as trades_sub,
        bus.subscribe(candles_topic("binance", BTC), conflate=False) as candles_sub,
        feeds.watching("binance", BTC, "trades"),
        feeds.watching("binance", BTC, "trades"),
    ):
        assert feeds.active_streams == {("binance", BTC, "trades"): 2}
        assert feeds.active == {}  # no book feed was asked for
        await eventually(lambda: streams(standin, "btcusdt@trade"))
        await asyncio.sleep(0.1)
        assert await standin.push_trade("BTCUSDT", "50010.5", "0.25", buyer_is_maker=False) == 1
        first = await next_message(trades_sub)
        await standin.push_trade("BTCUSDT", "50002.0", "0.5", buyer_is_maker=True)
        second = await next_message(trades_sub)
        candle_messages = [await next_message(candles_sub), await next_message(candles_sub)]

    # the sim feed's shape: venue, symbol, trades as [id, price, qty, taker side, time]
    assert set(first.data) == {"venue", "symbol", "trades"}
    assert (first.data["venue"], first.data["symbol"]) == ("binance", BTC)
    [one] = trades_from_message(first.data)
    [two] = trades_from_message(second.data)
    assert (one.price, one.qty, one.taker_side) == (Decimal("50010.5"), Decimal("0.25"), Side.BUY)
    assert (two.price, two.qty, two.taker_side) == (Decimal("50002.0"), Decimal("0.5"), Side.SELL)
    assert one.id != two.id
    _, forming = candles_from_message(candle_messages[-1].data, "1m")
    assert forming is not None and not forming.closed
    if forming.open_time == one.timestamp.replace(second=0, microsecond=0):  # same minute
        assert (forming.open, forming.high, forming.low, forming.close) == (
            Decimal("50010.5"),
            Decimal("50010.5"),
            Decimal("50002.0"),
            Decimal("50002.0"),
        )
        assert forming.volume == Decimal("0.75")
    assert candles_from_message(candle_messages[-1].data, "1h")[1] is not None
    # the last watcher leaving stops the feed
    await eventually(lambda: asyncio.sleep(0, feeds.active_streams), lambda a: a == {})


async def test_live_ticker_streams_where_the_venue_has_watch_ticker(
    app: Starlette, standin: BinanceStandin
) -> None:
    services = services_of(app)
    exchange = services.venues.public("binance")
    assert has_watch(exchange, "watchTicker")
    async with (
        services.bus.subscribe(ticker_topic("binance", BTC)) as sub,
        services.live_feeds.watching("binance", BTC, "ticker"),
    ):
        await eventually(lambda: streams(standin, "btcusdt@miniTicker"))
        await asyncio.sleep(0.1)
        await standin.push_ticker("BTCUSDT", "50123.4")
        message = await next_message(sub)
        while Decimal(message.data["last"]) != Decimal("50123.4"):
            message = await next_message(sub)
    venue, ticker = ticker_from_message(message.data)
    assert (venue, ticker.symbol, ticker.last) == ("binance", BTC, Decimal("50123.4"))


async def test_live_ticker_falls_back_to_rest_polling_without_watch_ticker(
    app: Starlette, standin: BinanceStandin
) -> None:
    services = services_of(app)
    exchange = services.venues.public("binance")
    assert isinstance(exchange, CcxtExchange)
    # a venue whose capability map has no watchTicker (read from ccxt's `has`)
    exchange.capabilities = replace(
        exchange.capabilities, watch=exchange.capabilities.watch - {"watchTicker"}
    )
    assert not has_watch(exchange, "watchTicker")
    async with (
        services.bus.subscribe(ticker_topic("binance", BTC)) as sub,
        services.live_feeds.watching("binance", BTC, "ticker"),
    ):
        message = await next_message(sub)
    assert Decimal(message.data["last"]) == Decimal("50000.5")  # the REST ticker
    assert ("GET", "/api/v3/ticker/24hr") in standin.requests
    assert await streams(standin, "btcusdt@miniTicker") == []


def test_candles_from_trades_close_and_roll_over_and_skip_a_stale_seed() -> None:
    base = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)

    def trade(n: int, seconds: float, price: str, qty: str = "1") -> Trade:
        at = base + timedelta(seconds=seconds)
        return Trade(str(n), BTC, Decimal(price), Decimal(qty), Side.BUY, at)

    candles = LiveCandles(BTC, ["1m", "1h"])
    stale = Candle(BTC, "1m", base - timedelta(minutes=5), *(Decimal(1),) * 5, closed=False)
    assert not candles.seed("1m", stale, int(base.timestamp() * 1000))
    venue_hour = Candle(
        BTC, "1h", base, Decimal(90), Decimal(120), Decimal(80), Decimal(100), Decimal(3), False
    )
    assert candles.seed("1h", venue_hour, int(base.timestamp() * 1000) + 1000)
    forming, closed = candles.add([trade(1, 5, "100"), trade(2, 30, "104"), trade(3, 50, "99")])
    assert closed == []
    by_tf = {c.timeframe: c for c in forming}
    one_min = by_tf["1m"]
    assert (one_min.open, one_min.high, one_min.low, one_min.close, one_min.volume) == (
        Decimal(100),
        Decimal(104),
        Decimal(99),
        Decimal(99),
        Decimal(3),
    )
    hour = by_tf["1h"]
    assert (hour.open, hour.high, hour.low, hour.close, hour.volume) == (
        Decimal(90),
        Decimal(120),
        Decimal(80),
        Decimal(99),
        Decimal(6),
    )
    forming, closed = candles.add([trade(4, 150, "101")])  # two minutes on
    assert [(c.timeframe, c.open_time, c.close, c.closed) for c in closed] == [
        ("1m", base, Decimal(99), True),
        ("1m", base + timedelta(minutes=1), Decimal(99), True),  # flat: no trades
    ]
    assert {c.timeframe: c.open_time for c in forming}["1m"] == base + timedelta(minutes=2)
