"""Query.signals and Subscription.signals over GraphQL, on the running app and its sim venue."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from starlette.applications import Starlette

from engine.signals.features import FEATURE_NAMES
from tests.conftest import GraphQLClient
from tests.support.graphql_ws import graphql_ws, next_of

SIGNAL_FIELDS = "symbol timeframe direction probabilityUp regime model version timestamp"
QUERY = (
    "query($s: String!, $tf: String!) { signals(symbol: $s, timeframe: $tf) "
    f"{{ {SIGNAL_FIELDS} features {{ name value }} }} }}"
)
SUBSCRIPTION = f"subscription($s: [String!]!) {{ signals(symbols: $s) {{ {SIGNAL_FIELDS} }} }}"


async def test_latest_signal_is_based_on_the_last_closed_candle_and_shows_its_features(
    gql: GraphQLClient,
) -> None:
    signal = (await gql.data(QUERY, {"s": "BTC/USDT", "tf": "1m"}))["signals"]
    recent = '{ candles(symbol: "BTC/USDT", timeframe: "1m", limit: 3) { openTime close closed } }'
    candles = (await gql.data(recent))["candles"]

    assert (signal["symbol"], signal["timeframe"]) == ("BTC/USDT", "1m")
    assert signal["direction"] in {"UP", "DOWN", "FLAT"}
    assert signal["regime"] in {"LOW", "NORMAL", "HIGH"}
    assert 0 <= signal["probabilityUp"] <= 1
    assert (signal["model"], signal["version"]) == ("co-signals", "1.0.0")
    features = {f["name"]: f["value"] for f in signal["features"]}
    assert list(features) == list(FEATURE_NAMES)
    closed = [c for c in candles if c["closed"]]
    last = closed[-1]
    timestamp = datetime.fromisoformat(signal["timestamp"])
    if timestamp == datetime.fromisoformat(last["openTime"]) + timedelta(minutes=1):
        # the feature vector is the real one: ret_1 is the last closed bar's log return
        expected = math.log(float(last["close"]) / float(closed[-2]["close"]))
        assert features["ret_1"] == expected or abs(features["ret_1"] - expected) < 1e-12
    else:  # a minute closed between the two requests
        assert timestamp == datetime.fromisoformat(last["openTime"])
    assert -1 <= features["book_imbalance"] <= 1


async def test_every_timeframe_has_a_signal(gql: GraphQLClient) -> None:
    for tf in ("5m", "1h", "1d"):
        signal = (await gql.data(QUERY, {"s": "ETH/USDT", "tf": tf}))["signals"]
        assert signal["timeframe"] == tf
        assert datetime.fromisoformat(signal["timestamp"]).tzinfo is not None


async def test_bad_timeframe_and_unknown_symbol_are_refused_with_codes(gql: GraphQLClient) -> None:
    body = await gql.raw(QUERY, {"s": "BTC/USDT", "tf": "7m"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"].get("field") == "timeframe"
    assert await gql.error_code(QUERY, {"s": "NOPE/USDT", "tf": "1m"}) == "NOT_FOUND"


async def subscribe(ws: Any, op_id: str, symbols: list[str]) -> None:
    await ws.send_json(
        {
            "id": op_id,
            "type": "subscribe",
            "payload": {"query": SUBSCRIPTION, "variables": {"s": symbols}},
        }
    )


async def test_subscription_sends_current_signals_then_one_per_closed_minute(
    app: Starlette,
) -> None:
    async with graphql_ws(app) as ws:
        await subscribe(ws, "1", ["BTC/USDT", "SOL/USDT"])
        first = [(await next_of(ws, "1"))["payload"]["data"]["signals"] for _ in range(2)]
        assert [s["symbol"] for s in first] == ["BTC/USDT", "SOL/USDT"]
        start = {s["symbol"]: datetime.fromisoformat(s["timestamp"]) for s in first}

        # a simulated minute passes: the market feed publishes the closed candle, the signal
        # feed infers for every symbol and publishes, the subscription forwards
        app.state.services.venues.sim.advance(60)
        later = [(await next_of(ws, "1"))["payload"]["data"]["signals"] for _ in range(2)]
        assert {s["symbol"] for s in later} == {"BTC/USDT", "SOL/USDT"}
        for s in later:
            assert datetime.fromisoformat(s["timestamp"]) > start[s["symbol"]]
        await ws.send_json({"id": "1", "type": "complete"})


async def test_subscription_needs_one_to_fifty_symbols(app: Starlette) -> None:
    async with graphql_ws(app) as ws:
        await subscribe(ws, "e", [])
        frame = await next_of(ws, "e")
        assert frame["type"] == "error" or frame["payload"]["errors"]
        errors = frame["payload"] if frame["type"] == "error" else frame["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
