"""A broadcast group on a live venue (binance stand-in on loopback): the group holds the feed
once for all its members, and the last member out releases it."""

from __future__ import annotations

import asyncio
import contextlib
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.settings import Settings
from tests.schema.test_broadcast import only_group
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually
from tests.support.standins.binance import BinanceStandin, settings_override

BOOK = (
    'subscription { orderBook(venue: "binance", symbol: "BTC/USDT", depth: 3, maxRate: 50) '
    "{ venue seq bids { price qty } } }"
)


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "live_market_venues": ["binance"]}
    )


async def book_of(ws: Any, op: str) -> dict[str, Any]:
    book: dict[str, Any] = (await next_of(ws, op))["payload"]["data"]["orderBook"]
    return book


async def test_one_group_holds_the_live_feed_once_and_releases_it_with_the_last_member(
    app: Starlette, standin: BinanceStandin
) -> None:
    feeds = app.state.services.live_feeds
    async with graphql_ws(app) as a, graphql_ws(app) as b, graphql_ws(app) as c:
        sockets = {"a": a, "b": b, "c": c}
        for op, ws in sockets.items():
            await ws.send_json({"id": op, "type": "subscribe", "payload": {"query": BOOK}})
            assert (await book_of(ws, op))["venue"] == "binance"
        assert len(only_group(app).members) == 3
        assert feeds.active == {("binance", "BTC/USDT"): 1}  # the group, not each member
        await eventually(lambda: asyncio.sleep(0, len(standin.ws_subscriptions)))
        pushed = Decimal(0)
        while pushed != Decimal("50000.5"):  # until the feed's stream takes the push
            await standin.push_depth("BTCUSDT", bids=[("50000.5", "2")])
            with contextlib.suppress(TimeoutError):
                book = await asyncio.wait_for(book_of(a, "a"), 1.0)
                pushed = Decimal(book["bids"][0]["price"])
        for op, ws in (("b", b), ("c", c)):  # the other members get it from the same feed
            book = await book_of(ws, op)
            while Decimal(book["bids"][0]["price"]) != Decimal("50000.5"):
                book = await book_of(ws, op)
        await a.send_json({"id": "a", "type": "complete"})
        await eventually(lambda: asyncio.sleep(0, len(only_group(app).members)), lambda n: n == 2)
        assert feeds.active == {("binance", "BTC/USDT"): 1}
    await eventually(lambda: asyncio.sleep(0, feeds.active), lambda active: active == {})
