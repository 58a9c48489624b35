"""Subscription.orderBook over graphql-transport-ws: current book first, then newer books."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.support.graphql_ws import graphql_ws, next_of

BOOK = (
    "subscription($s: String!, $d: Int, $r: Float) { orderBook(symbol: $s, depth: $d, maxRate: $r)"
    " { symbol seq spread mid bids { price qty } asks { price qty } } }"
)


def levels(side: list[dict[str, str]]) -> list[Decimal]:
    return [Decimal(level["price"]) for level in side]


async def test_order_book_streams_sorted_books_with_growing_sequence(app: Starlette) -> None:
    async with graphql_ws(app) as ws:
        variables = {"s": "ETH/USDT", "d": 5, "r": 50.0}
        await ws.send_json(
            {"id": "b", "type": "subscribe", "payload": {"query": BOOK, "variables": variables}}
        )
        books = [(await next_of(ws, "b"))["payload"]["data"]["orderBook"] for _ in range(4)]
    for book in books:
        bids, asks = levels(book["bids"]), levels(book["asks"])
        assert len(bids) == len(asks) == 5
        assert bids == sorted(bids, reverse=True)
        assert asks == sorted(asks)
        assert bids[0] < asks[0]
        assert Decimal(book["spread"]) == asks[0] - bids[0]
        assert Decimal(book["mid"]) == (asks[0] + bids[0]) / 2
        assert all(Decimal(level["qty"]) > 0 for level in book["bids"] + book["asks"])
    sequences = [int(book["seq"]) for book in books]
    assert sequences == sorted(sequences) and len(set(sequences)) == 4


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"s": "NOPE/USDT"}, "NOT_FOUND"),
        ({"s": "BTC/USDT", "d": 0}, "BAD_USER_INPUT"),
        ({"s": "BTC/USDT", "d": 51}, "BAD_USER_INPUT"),
        ({"s": "BTC/USDT", "r": 0.0}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_order_book_input_gets_a_coded_error(
    app: Starlette, variables: dict[str, Any], code: str
) -> None:
    async with graphql_ws(app) as ws:
        await ws.send_json(
            {"id": "e", "type": "subscribe", "payload": {"query": BOOK, "variables": variables}}
        )
        message = await next_of(ws, "e")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == code
