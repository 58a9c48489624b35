"""Venues and order helpers for the simulated-venue tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from engine.market.models import OrderBookSnapshot, Side
from engine.market.sim.venue import SimVenue
from engine.trading.models import OrderRequest, OrderType, TimeInForce

START = datetime(2026, 11, 20, 13, 37, 12, 250_000, tzinfo=UTC)
_client_ids = itertools.count(1)


@pytest.fixture
def venue() -> SimVenue:
    """All default symbols with backfilled history."""
    return SimVenue(seed=7, start=START)


@pytest.fixture
def small_venue() -> SimVenue:
    """Three symbols, no history: quick to build and to step."""
    return SimVenue(
        seed=7, start=START, symbols=["BTC/USDT", "ETH/USDT", "DOGE/USDT"], history_days=0
    )


def limit(
    symbol: str,
    side: Side,
    qty: Decimal | str,
    price: Decimal | str,
    tif: TimeInForce = TimeInForce.GTC,
    client_order_id: str | None = None,
) -> OrderRequest:
    return OrderRequest(
        client_order_id=client_order_id or f"c{next(_client_ids)}",
        symbol=symbol,
        side=side,
        type=OrderType.LIMIT,
        qty=Decimal(qty),
        price=Decimal(price),
        time_in_force=tif,
    )


def market(
    symbol: str, side: Side, qty: Decimal | str, client_order_id: str | None = None
) -> OrderRequest:
    return OrderRequest(
        client_order_id=client_order_id or f"c{next(_client_ids)}",
        symbol=symbol,
        side=side,
        type=OrderType.MARKET,
        qty=Decimal(qty),
    )


def apply_delta(
    book: OrderBookSnapshot,
    bids: list[tuple[Decimal, Decimal]],
    asks: list[tuple[Decimal, Decimal]],
) -> tuple[list[tuple[Decimal, Decimal]], list[tuple[Decimal, Decimal]]]:
    """The levels of `book` after applying absolute level changes (qty 0 removes a level)."""

    def merged(levels: list[tuple[Decimal, Decimal]], changes: list[tuple[Decimal, Decimal]],
               descending: bool) -> list[tuple[Decimal, Decimal]]:  # fmt: skip
        by_price = dict(levels)
        for price, qty in changes:
            if qty == 0:
                by_price.pop(price, None)
            else:
                by_price[price] = qty
        return sorted(by_price.items(), reverse=descending)

    return merged(book.bids, bids, True), merged(book.asks, asks, False)
