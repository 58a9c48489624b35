"""Subscriptions over a real graphql-transport-ws websocket."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from httpx_ws import WebSocketDisconnect
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.support.graphql_ws import graphql_ws, next_of, websocket

TICKER = (
    "subscription($s: [String!]!, $r: Float) { ticker(symbols: $s, maxRate: $r) "
    "{ symbol last bid ask timestamp } }"
)


async def test_ticker_subscription_sends_state_then_live_updates(
    app: Starlette,
) -> None:
    async with graphql_ws(app) as ws:
        await ws.send_json(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": TICKER, "variables": {"s": ["BTC/USDT", "ETH/USDT"]}},
            }
        )
        frames = [await next_of(ws, "1") for _ in range(6)]
        assert all(f["type"] == "next" for f in frames)
        tickers = [f["payload"]["data"]["ticker"] for f in frames]
        assert [t["symbol"] for t in tickers[:2]] == ["BTC/USDT", "ETH/USDT"]
        for t in tickers:
            assert Decimal(t["bid"]) < Decimal(t["ask"])
        btc_times = [
            datetime.fromisoformat(t["timestamp"]) for t in tickers if t["symbol"] == "BTC/USDT"
        ]
        assert len(btc_times) >= 2 and btc_times == sorted(btc_times)
        assert btc_times[-1] > btc_times[0]  # live: the market moved on
        await ws.send_json({"id": "1", "type": "complete"})


async def test_slow_subscriber_gets_conflated_frames_at_its_max_rate(
    app: Starlette,
) -> None:
    # The feed ticks every 0.05 s (20/s); a subscriber asking for 4/s must get about 4/s.
    async with graphql_ws(app) as ws:
        await ws.send_json(
            {
                "id": "s",
                "type": "subscribe",
                "payload": {"query": TICKER, "variables": {"s": ["SOL/USDT"], "r": 4.0}},
            }
        )
        await next_of(ws, "s")  # initial state
        loop = asyncio.get_running_loop()
        started = loop.time()
        count = 0
        while loop.time() - started < 1.5:
            await next_of(ws, "s")
            count += 1
        assert 3 <= count <= 8


async def test_subscription_with_a_valid_token_is_accepted(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("ws@example.com")
    async with graphql_ws(app, {"authorization": f"Bearer {token}"}) as ws:
        await ws.send_json(
            {
                "id": "a",
                "type": "subscribe",
                "payload": {"query": TICKER, "variables": {"s": ["BTC/USDT"]}},
            }
        )
        assert (await next_of(ws, "a"))["type"] == "next"


async def test_connection_with_a_bad_token_is_rejected(app: Starlette) -> None:
    async with websocket(app) as ws:
        await ws.send_json({"type": "connection_init", "payload": {"authorization": "Bearer nope"}})
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive_json(timeout=5)
    assert closed.value.code == 4403


async def test_subscribe_before_connection_init_is_refused(app: Starlette) -> None:
    async with websocket(app) as ws:
        await ws.send_json(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": TICKER, "variables": {"s": ["BTC/USDT"]}},
            }
        )
        with pytest.raises(WebSocketDisconnect) as closed:
            await ws.receive_json(timeout=5)
    assert closed.value.code == 4401


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"s": ["NOPE/USDT"]}, "NOT_FOUND"),
        ({"s": []}, "BAD_USER_INPUT"),
        ({"s": ["BTC/USDT"], "r": 0.0}, "BAD_USER_INPUT"),
        ({"s": ["BTC/USDT"], "r": 10_000.0}, "BAD_USER_INPUT"),
    ],
)
async def test_bad_subscription_input_gets_a_coded_error(
    app: Starlette, variables: dict[str, Any], code: str
) -> None:
    async with graphql_ws(app) as ws:
        await ws.send_json(
            {"id": "e", "type": "subscribe", "payload": {"query": TICKER, "variables": variables}}
        )
        message = await next_of(ws, "e")
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == code
        assert "Traceback" not in str(message)
