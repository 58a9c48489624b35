from __future__ import annotations

import itertools
from datetime import datetime
from decimal import Decimal

from tests.conftest import GraphQLClient


async def test_markets_lists_at_least_ten_symbols_with_rules(gql: GraphQLClient) -> None:
    data = await gql.data("{ markets { symbol base quote priceTick qtyStep minQty takerFee } }")
    symbols = [m["symbol"] for m in data["markets"]]
    assert len(symbols) >= 10
    assert {"BTC/USDT", "ETH/USDT", "SOL/USDT"} <= set(symbols)
    for market in data["markets"]:
        assert market["symbol"] == f"{market['base']}/{market['quote']}"
        assert Decimal(market["priceTick"]) > 0
        assert Decimal(market["qtyStep"]) > 0


async def test_ticker_has_bid_below_ask_and_a_last_price(gql: GraphQLClient) -> None:
    data = await gql.data(
        '{ ticker(symbol: "BTC/USDT") { symbol bid ask last high24h low24h timestamp } }'
    )
    ticker = data["ticker"]
    assert ticker["symbol"] == "BTC/USDT"
    assert Decimal(ticker["bid"]) < Decimal(ticker["ask"])
    assert Decimal(ticker["low24h"]) <= Decimal(ticker["last"]) <= Decimal(ticker["high24h"])
    assert datetime.fromisoformat(ticker["timestamp"]).tzinfo is not None


async def test_unknown_symbol_is_not_found(gql: GraphQLClient) -> None:
    code = await gql.error_code('{ ticker(symbol: "NOPE/USDT") { last } }')
    assert code == "NOT_FOUND"


async def test_unknown_venue_is_not_found(gql: GraphQLClient) -> None:
    assert await gql.error_code('{ markets(venue: "mtgox") { symbol } }') == "NOT_FOUND"


async def test_candles_are_ordered_consistent_ohlc(gql: GraphQLClient) -> None:
    data = await gql.data(
        '{ candles(symbol: "ETH/USDT", timeframe: "15m", limit: 50)'
        " { openTime open high low close volume closed } }"
    )
    candles = data["candles"]
    assert len(candles) == 50
    times = [datetime.fromisoformat(c["openTime"]) for c in candles]
    assert times == sorted(times)
    assert all((b - a).total_seconds() == 900 for a, b in itertools.pairwise(times))
    for c in candles:
        o, h, low, close = (Decimal(c[k]) for k in ("open", "high", "low", "close"))
        assert low <= min(o, close) <= max(o, close) <= h
    assert all(c["closed"] for c in candles[:-1])


async def test_bad_timeframe_and_limit_are_bad_user_input(gql: GraphQLClient) -> None:
    assert (
        await gql.error_code('{ candles(symbol: "BTC/USDT", timeframe: "7m") { open } }')
        == "BAD_USER_INPUT"
    )
    for limit in (0, 1001):
        code = await gql.error_code(
            'query($l: Int!) { candles(symbol: "BTC/USDT", limit: $l) { open } }', {"l": limit}
        )
        assert code == "BAD_USER_INPUT"


async def test_timeframes_lists_every_supported_timeframe(gql: GraphQLClient) -> None:
    data = await gql.data("{ timeframes }")
    assert data["timeframes"] == ["1m", "5m", "15m", "1h", "4h", "1d"]
