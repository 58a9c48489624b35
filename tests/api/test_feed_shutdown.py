"""Stopping a live feed unsubscribes at the venue: the binance stand-in sees the UNSUBSCRIBE and
sends no further frames; watching again subscribes afresh."""

from __future__ import annotations

import asyncio

import pytest
from starlette.applications import Starlette

from api.services.market_streams import trades_topic
from api.settings import Settings
from api.workers.live_feeds import Stream
from engine.exchanges.ccxt_adapter import CcxtExchange, capability_map
from tests.support.app_services import services_of
from tests.support.polling import eventually
from tests.support.standins.binance import BinanceStandin, settings_override

BTC = "BTC/USDT"
STREAM_NAMES: dict[Stream, str] = {
    "book": "btcusdt@depth@100ms",
    "trades": "btcusdt@trade",
    "ticker": "btcusdt@miniTicker",
}


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "live_market_venues": ["binance"]}
    )


async def subscribed(standin: BinanceStandin) -> list[str]:
    return [s for _, s in standin.ws_subscriptions]


async def push(standin: BinanceStandin, stream: Stream) -> int:
    """One event on `stream`; how many sockets the stand-in sent it to."""
    if stream == "book":
        return await standin.push_depth("BTCUSDT", bids=[("49999.5", "1")])
    if stream == "trades":
        return await standin.push_trade("BTCUSDT", "50000.5", "0.1", buyer_is_maker=False)
    return await standin.push_ticker("BTCUSDT", "50100")


def test_unwatch_capabilities_come_from_ccxt_has() -> None:
    caps = capability_map()
    assert caps["binance"].unwatch == {"unWatchOrderBook", "unWatchTrades", "unWatchTicker"}
    assert caps["kraken"].unwatch == frozenset()  # ccxt has no un_watch_* for kraken
    assert "unWatchTicker" not in caps["gate"].unwatch


@pytest.mark.parametrize("stream", ["book", "trades", "ticker"])
async def test_last_watcher_leaving_unsubscribes_at_the_venue(
    app: Starlette, standin: BinanceStandin, stream: Stream
) -> None:
    feeds = services_of(app).live_feeds
    name = STREAM_NAMES[stream]
    async with feeds.watching("binance", BTC, stream), feeds.watching("binance", BTC, stream):
        await eventually(lambda: subscribed(standin), lambda s: name in s)
        await asyncio.sleep(0.1)
        assert await push(standin, stream) == 1
    # both watchers gone: the feed's task is stopped and the venue was told
    assert feeds.active_streams == {}
    assert standin.ws_unsubscribed == [name]
    assert await subscribed(standin) == []
    assert await push(standin, stream) == 0  # the venue sends nothing more
    # watching again subscribes afresh and frames flow again
    async with feeds.watching("binance", BTC, stream):
        await eventually(lambda: subscribed(standin), lambda s: s == [name])
        await asyncio.sleep(0.1)
        assert await push(standin, stream) == 1
    assert standin.ws_unsubscribed == [name, name]


async def test_one_watcher_leaving_keeps_the_subscription(
    app: Starlette, standin: BinanceStandin
) -> None:
    feeds = services_of(app).live_feeds
    async with feeds.watching("binance", BTC, "trades"):
        async with feeds.watching("binance", BTC, "trades"):
            await eventually(lambda: subscribed(standin), lambda s: s == ["btcusdt@trade"])
        assert standin.ws_unsubscribed == []
        assert await subscribed(standin) == ["btcusdt@trade"]
    assert standin.ws_unsubscribed == ["btcusdt@trade"]


async def test_rewatching_while_unsubscribing_ends_subscribed(
    app: Starlette, standin: BinanceStandin
) -> None:
    """A new watcher arriving while the old feed unsubscribes waits for the UNSUBSCRIBE, so it
    cannot land after (and cancel) the new SUBSCRIBE."""
    services = services_of(app)
    feeds = services.live_feeds
    name = STREAM_NAMES["trades"]
    first = feeds.watching("binance", BTC, "trades")
    await first.__aenter__()
    await eventually(lambda: subscribed(standin), lambda s: s == [name])
    leaving = asyncio.create_task(first.__aexit__(None, None, None))
    await asyncio.sleep(0)  # the old feed is now stopping
    async with (
        services.bus.subscribe(trades_topic("binance", BTC), conflate=False) as sub,
        feeds.watching("binance", BTC, "trades"),
    ):
        await leaving
        assert standin.ws_unsubscribed == [name]
        await eventually(lambda: subscribed(standin), lambda s: s == [name])
        await asyncio.sleep(0.1)
        assert await push(standin, "trades") == 1
        message = await asyncio.wait_for(sub.get(), 5)
        assert message.data["trades"][0][1] == "50000.5"
    assert standin.ws_unsubscribed == [name, name]


async def test_venue_without_unwatch_stops_quietly(app: Starlette, standin: BinanceStandin) -> None:
    from dataclasses import replace

    exchange = services_of(app).venues.public("binance")
    assert isinstance(exchange, CcxtExchange)
    exchange.capabilities = replace(exchange.capabilities, unwatch=frozenset())
    assert await exchange.unwatch("trades", BTC) is False
    feeds = services_of(app).live_feeds
    async with feeds.watching("binance", BTC, "trades"):
        await eventually(lambda: subscribed(standin), lambda s: s == ["btcusdt@trade"])
    assert feeds.active_streams == {}
    assert standin.ws_unsubscribed == []  # nothing sent where ccxt cannot unsubscribe
