"""Subscription.trades and Subscription.candles over graphql-transport-ws."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import PLACE, market_buy, paper_account
from tests.support.graphql_ws import graphql_ws, next_of

TRADES = (
    "subscription($s: String!, $n: Int) { trades(symbol: $s, last: $n, maxRate: 50) "
    "{ symbol trades { id price qty takerSide timestamp } } }"
)
CANDLES = (
    'subscription($s: String!, $n: Int) { candles(symbol: $s, timeframe: "1m", last: $n, '
    "maxRate: 50) { symbol timeframe candle { openTime open high low close volume closed } } }"
)


async def _frames(app: Starlette, query: str, variables: dict[str, Any], n: int) -> list[Any]:
    async with graphql_ws(app) as ws:
        payload = {"query": query, "variables": variables}
        await ws.send_json({"id": "s", "type": "subscribe", "payload": payload})
        return [(await next_of(ws, "s"))["payload"] for _ in range(n)]


@pytest.mark.paper_trading_without_step_up
async def test_trades_start_with_the_tape_then_stream_new_trades_once(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("tape@example.com", "a-long-password-1")
    account = await paper_account(gql, token)
    async with graphql_ws(app) as ws:
        payload = {"query": TRADES, "variables": {"s": "BTC/USDT", "n": 5}}
        await ws.send_json({"id": "s", "type": "subscribe", "payload": payload})
        frames = [(await next_of(ws, "s"))["payload"]["data"]["trades"]]
        for _ in range(2):  # our own market orders print trades for sure
            placed = await gql.data(PLACE, {"i": market_buy(account)}, token)
            assert placed["placeOrder"]["status"] == "FILLED"
        while sum(len(f["trades"]) for f in frames[1:]) < 2:
            frames.append((await next_of(ws, "s"))["payload"]["data"]["trades"])
    first, later = frames[0], frames[1:]
    assert first["symbol"] == "BTC/USDT" and len(first["trades"]) <= 5
    ids = [t["id"] for f in frames for t in f["trades"]]
    assert len(ids) == len(set(ids)), "no trade is sent twice"
    assert all(f["trades"] for f in later), "live frames carry at least one trade"
    stamps = [datetime.fromisoformat(t["timestamp"]) for f in frames for t in f["trades"]]
    assert stamps == sorted(stamps)
    assert {t["takerSide"] for f in later for t in f["trades"]} >= {"BUY"}


async def test_candles_start_with_history_then_update_the_forming_candle(app: Starlette) -> None:
    frames = [
        p["data"]["candles"] for p in await _frames(app, CANDLES, {"s": "ETH/USDT", "n": 3}, 5)
    ]
    history, live = frames[:3], frames[3:]
    assert [f["candle"]["closed"] for f in history] == [True, True, False]
    opens = [datetime.fromisoformat(f["candle"]["openTime"]) for f in frames]
    assert opens == sorted(opens)
    for frame in frames:
        candle = frame["candle"]
        assert frame["timeframe"] == "1m"
        assert float(candle["low"]) <= min(float(candle["open"]), float(candle["close"]))
        assert float(candle["high"]) >= max(float(candle["open"]), float(candle["close"]))
    assert all(f["candle"]["closed"] is False for f in live if opens[-1] == opens[2])


async def test_bad_trades_input_gets_a_coded_error(app: Starlette) -> None:
    cases = [({"s": "BTC/USDT", "n": 500}, "BAD_USER_INPUT"), ({"s": "NOPE/USDT"}, "NOT_FOUND")]
    for variables, code in cases:
        payload = (await _frames(app, TRADES, variables, 1))[0]
        errors = payload if isinstance(payload, list) else payload["errors"]
        assert errors[0]["extensions"]["code"] == code, variables
