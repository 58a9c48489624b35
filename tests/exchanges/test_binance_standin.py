"""Contract round trip: the CCXT adapter against the binance stand-in (real binance JSON)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import CcxtExchange
from engine.exchanges.protocol import Exchange
from engine.market.models import Side
from engine.trading.models import OrderRequest, OrderStatus, OrderType
from tests.exchanges.conftest import make_adapter
from tests.support.standins.binance import BinanceStandin


def _limit(coid: str, price: str, qty: str = "0.01", side: Side = Side.BUY) -> OrderRequest:
    return OrderRequest(
        client_order_id=coid,
        symbol="BTC/USDT",
        side=side,
        type=OrderType.LIMIT,
        qty=Decimal(qty),
        price=Decimal(price),
    )


def _all_urls(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [u for v in value.values() for u in _all_urls(v)]
    return []


async def test_every_url_is_loopback(binance: CcxtExchange) -> None:
    assert isinstance(binance, Exchange)
    urls = _all_urls(binance.client.urls["api"])
    assert urls
    assert all(u.startswith(("http://127.0.0.1:", "ws://127.0.0.1:")) for u in urls), urls


async def test_load_markets(binance: CcxtExchange, standin: BinanceStandin) -> None:
    markets = await binance.load_markets()
    assert set(markets) == {"BTC/USDT", "ETH/USDT", "ETH/BTC"}
    btc = markets["BTC/USDT"]
    assert (btc.base, btc.quote) == ("BTC", "USDT")
    assert btc.price_tick == Decimal("0.01")
    assert btc.qty_step == Decimal("0.00001")
    assert btc.min_qty == Decimal("0.00001")
    assert btc.min_notional == Decimal("5")
    assert markets["ETH/BTC"].price_tick == Decimal("0.00001")
    assert ("GET", "/api/v3/exchangeInfo") in standin.requests


async def test_fetch_ticker(binance: CcxtExchange) -> None:
    t = await binance.fetch_ticker("BTC/USDT")
    assert t.symbol == "BTC/USDT"
    assert t.bid == Decimal("50000") and t.ask == Decimal("50001")
    assert t.last == Decimal("50000.5")
    assert t.open_24h == Decimal("49500")
    assert t.base_volume_24h == Decimal("1234.5")
    assert t.change_pct_24h > 0


async def test_fetch_order_book(binance: CcxtExchange) -> None:
    book = await binance.fetch_order_book("BTC/USDT", depth=5)
    assert book.seq == 1_000_000
    assert len(book.bids) == 5 and len(book.asks) == 5
    assert book.bids[0] == (Decimal("50000"), Decimal("0.5"))
    assert book.asks[0] == (Decimal("50001"), Decimal("0.4"))
    assert book.bids[0][0] > book.bids[1][0] and book.asks[0][0] < book.asks[1][0]


async def test_fetch_ohlcv(binance: CcxtExchange) -> None:
    candles = await binance.fetch_ohlcv("BTC/USDT", "1m", limit=10)
    assert len(candles) == 10
    c = candles[0]
    assert (c.open, c.high, c.low, c.close, c.volume) == (
        Decimal("50000"),
        Decimal("50010"),
        Decimal("49990"),
        Decimal("50001"),
        Decimal("12.5"),
    )
    assert candles[1].open_time > c.open_time


async def test_unknown_timeframe_is_bad_request(binance: CcxtExchange) -> None:
    with pytest.raises(errors.BadRequest):
        await binance.fetch_ohlcv("BTC/USDT", "7m")


async def test_unknown_symbol_is_bad_symbol(binance: CcxtExchange) -> None:
    with pytest.raises(errors.BadSymbol):
        await binance.fetch_ticker("NOPE/USDT")


async def test_fetch_balance(binance: CcxtExchange) -> None:
    balances = await binance.fetch_balance()
    assert balances["BTC"].free == Decimal("1.5")
    assert balances["USDT"].total == Decimal("100000")


async def test_order_round_trip_by_client_id(
    binance: CcxtExchange, standin: BinanceStandin
) -> None:
    placed = await binance.create_order(_limit("co-1", "40000"))
    assert placed.client_order_id == "co-1"
    assert placed.status is OrderStatus.OPEN
    assert placed.price == Decimal("40000") and placed.qty == Decimal("0.01")
    # the client id reached binance as newClientOrderId
    assert [o.client_order_id for o in standin.orders.values()] == ["co-1"]

    found = await binance.fetch_order("BTC/USDT", client_order_id="co-1")
    assert found.id == placed.id and found.status is OrderStatus.OPEN
    by_id = await binance.fetch_order("BTC/USDT", order_id=placed.id)
    assert by_id.client_order_id == "co-1"

    opened = await binance.fetch_open_orders("BTC/USDT")
    assert [o.client_order_id for o in opened] == ["co-1"]
    assert (await binance.fetch_balance())["USDT"].used == Decimal("400")

    canceled = await binance.cancel_order("BTC/USDT", client_order_id="co-1")
    assert canceled.status is OrderStatus.CANCELED
    assert canceled.client_order_id == "co-1"
    assert (await binance.fetch_order("BTC/USDT", client_order_id="co-1")).status is (
        OrderStatus.CANCELED
    )
    assert await binance.fetch_open_orders("BTC/USDT") == []


async def test_cancel_unknown_order_is_order_not_found(binance: CcxtExchange) -> None:
    with pytest.raises(errors.OrderNotFound):
        await binance.cancel_order("BTC/USDT", client_order_id="never-sent")
    with pytest.raises(errors.OrderNotFound):
        await binance.fetch_order("BTC/USDT", client_order_id="never-sent")


async def test_duplicate_client_id(binance: CcxtExchange, standin: BinanceStandin) -> None:
    await binance.create_order(_limit("dup-1", "40000"))
    with pytest.raises(errors.DuplicateClientOrderId) as info:
        await binance.create_order(_limit("dup-1", "40000"))
    assert info.value.code == "DUPLICATE_CLIENT_ORDER_ID"
    assert len(standin.orders) == 1


async def test_insufficient_funds(binance: CcxtExchange) -> None:
    with pytest.raises(errors.InsufficientFunds):
        await binance.create_order(_limit("big-1", "40000", qty="1000"))


async def test_fill_and_my_trades(binance: CcxtExchange) -> None:
    filled = await binance.create_order(_limit("take-1", "50001"))
    assert filled.status is OrderStatus.FILLED
    assert filled.filled_qty == Decimal("0.01")
    assert filled.avg_fill_price == Decimal("50001")
    fills = await binance.fetch_my_trades("BTC/USDT")
    assert len(fills) == 1
    f = fills[0]
    assert f.order_id == filled.id
    assert f.client_order_id == "take-1"
    assert (f.price, f.qty, f.side) == (Decimal("50001"), Decimal("0.01"), Side.BUY)
    assert f.fee == Decimal("0.50001") and f.fee_currency == "USDT"
    assert (await binance.fetch_balance())["BTC"].free == Decimal("1.51")


@pytest.mark.parametrize(
    ("api_key", "secret"),
    [("wrong-key", "standin-secret"), ("standin-key", "wrong-secret")],
    ids=["bad-key", "bad-signature"],
)
async def test_bad_credentials_are_authentication_error(
    standin: BinanceStandin, api_key: str, secret: str
) -> None:
    ex = make_adapter(standin, api_key=api_key, secret=secret)
    try:
        with pytest.raises(errors.AuthenticationError) as info:
            await ex.fetch_balance()
        assert info.value.code == "EXCHANGE_AUTH_FAILED"
        assert not info.value.retryable
    finally:
        await ex.close()


async def test_timeout_after_accept_is_retryable_and_reconcilable(
    standin: BinanceStandin,
) -> None:
    ex = make_adapter(standin, timeout_ms=300)
    try:
        await ex.load_markets()
        standin.order_response_delay = 1.0
        with pytest.raises(errors.NetworkError) as info:
            await ex.create_order(_limit("lost-1", "40000"))
        assert info.value.retryable
        standin.order_response_delay = 0.0
        # the venue did accept it: reconcile by client id, never send again
        found = await ex.fetch_order("BTC/USDT", client_order_id="lost-1")
        assert found.status is OrderStatus.OPEN
        assert len(standin.orders) == 1
        opened = await ex.fetch_open_orders("BTC/USDT")
        assert [o.client_order_id for o in opened] == ["lost-1"]
    finally:
        await ex.close()


async def test_client_id_search_fallback(binance: CcxtExchange, standin: BinanceStandin) -> None:
    """Venues whose fetch_order ignores clientOrderId: search open, then closed orders."""
    binance.capabilities = replace(binance.capabilities, fetch_order_by_client_id=False)
    await binance.create_order(_limit("srch-open", "40000"))
    filled = await binance.create_order(_limit("srch-done", "50001"))
    found = await binance.fetch_order("BTC/USDT", client_order_id="srch-open")
    assert found.status is OrderStatus.OPEN
    done = await binance.fetch_order("BTC/USDT", client_order_id="srch-done")
    assert done.id == filled.id and done.status is OrderStatus.FILLED
    assert ("GET", "/api/v3/allOrders") in standin.requests
    canceled = await binance.cancel_order("BTC/USDT", client_order_id="srch-open")
    assert canceled.status is OrderStatus.CANCELED and canceled.client_order_id == "srch-open"
    with pytest.raises(errors.OrderNotFound):
        await binance.fetch_order("BTC/USDT", client_order_id="nope")
