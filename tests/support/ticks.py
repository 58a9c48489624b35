"""Ticker frames published on the bus, as the market feed publishes them."""

from __future__ import annotations

from api.container import Services
from api.services.market import ticker_topic


async def publish_tick(services: Services, price: float, stamp: str) -> None:
    """A sim BTC/USDT ticker at `price` (last), stamped `stamp` (ISO time)."""
    await services.bus.publish(
        ticker_topic("sim", "BTC/USDT"),
        {
            "venue": "sim",
            "symbol": "BTC/USDT",
            "bid": None,
            "ask": None,
            "last": repr(price),
            "open_24h": "0",
            "high_24h": "0",
            "low_24h": "0",
            "base_volume_24h": "0",
            "quote_volume_24h": "0",
            "timestamp": stamp,
        },
    )
