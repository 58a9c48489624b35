"""The news feed publishes RSS headlines (fetched over HTTP from a loopback feed server, parsed by
feedparser, scored) on `news:{venue}` for the live venues, each headline once; a feed that is
down does not stop the others."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.container import Services
from api.services.bots.feeds import news_from_message, news_topic
from api.workers.news_feed import NewsFeed
from tests.support.loopback_server import loopback_server

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Coin Wire</title>
<item><title>Bitcoin surges after spot ETF approval</title>
<pubDate>Mon, 07 Dec 2026 03:00:00 GMT</pubDate></item>
<item><title>Ethereum plunges after exchange hack</title>
<pubDate>Mon, 07 Dec 2026 03:05:00 GMT</pubDate></item>
<item><title>No date, skipped</title></item>
</channel></rss>"""


@pytest.fixture
async def feed_url() -> AsyncIterator[str]:
    async def rss(_: Request) -> Response:
        return Response(RSS, media_type="application/rss+xml")

    async with loopback_server(Starlette(routes=[Route("/feed.xml", rss)])) as server:
        yield server.base_url


async def test_rss_headlines_are_scored_and_published_once_per_live_venue(
    app: Starlette, feed_url: str
) -> None:
    services: Services = app.state.services
    feed = NewsFeed(
        services.bus,
        services.market,
        [],
        7,
        rss_urls=[f"{feed_url}/missing.xml", f"{feed_url}/feed.xml"],
        rss_venues=["binance"],
    )
    async with services.bus.subscribe(news_topic("binance"), conflate=False) as sub:
        assert await feed.poll_rss() == 2  # the 404 feed is skipped
        events = [news_from_message((await sub.get(timeout=5)).data) for _ in range(2)]
        assert await feed.poll_rss() == 0  # nothing new
    by_asset = {e.headline.assets: e for e in events}
    assert set(by_asset) == {("BTC",), ("ETH",)}
    assert by_asset[("BTC",)].score > 0.5 and by_asset[("ETH",)].score < -0.5
    assert {e.headline.source for e in events} == {"Coin Wire"}
