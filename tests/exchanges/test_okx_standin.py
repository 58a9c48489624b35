"""The CCXT adapter's round trip against an OKX v5 stand-in on loopback: REST (signed with
OKX's headers and passphrase) and the public websocket (books with seqId chaining, trades)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import CcxtExchange
from engine.market.models import Side
from engine.trading.models import OrderRequest, OrderStatus, OrderType, TimeInForce
from tests.exchanges.conftest import make_okx
from tests.support.polling import eventually
from tests.support.standins.okx import PASSPHRASE, SECRET, OkxStandin


def limit(client_id: str, price: str, qty: str = "0.01", side: Side = Side.BUY) -> OrderRequest:
    return OrderRequest(
        client_order_id=client_id,
        symbol="BTC/USDT",
        side=side,
        type=OrderType.LIMIT,
        qty=Decimal(qty),
        price=Decimal(price),
        time_in_force=TimeInForce.GTC,
    )


async def test_markets_ticker_and_balance(okx: CcxtExchange) -> None:
    markets = await okx.load_markets()
    assert set(markets) == {"BTC/USDT", "ETH/USDT"}
    btc = markets["BTC/USDT"]
    assert (btc.price_tick, btc.qty_step, btc.min_qty) == (
        Decimal("0.1"),
        Decimal("0.00000001"),
        Decimal("0.00001"),
    )
    ticker = await okx.fetch_ticker("BTC/USDT")
    assert (ticker.bid, ticker.ask) == (Decimal("60000"), Decimal("60000.1"))
    balances = await okx.fetch_balance()
    assert balances["USDT"].free == Decimal("200000") and balances["BTC"].total == Decimal("2")


async def test_order_round_trip_by_client_id(okx: CcxtExchange, okx_standin: OkxStandin) -> None:
    placed = await okx.create_order(limit("okx1", "50000"))
    assert placed.client_order_id == "okx1"
    assert [o.cl_ord_id for o in okx_standin.orders.values()] == ["okx1"]
    found = await okx.fetch_order("BTC/USDT", client_order_id="okx1")
    assert found.id == placed.id and found.status is OrderStatus.OPEN
    assert found.price == Decimal("50000") and found.qty == Decimal("0.01")
    assert [o.client_order_id for o in await okx.fetch_open_orders("BTC/USDT")] == ["okx1"]
    assert (await okx.fetch_balance())["USDT"].used == Decimal("500")
    canceled = await okx.cancel_order("BTC/USDT", client_order_id="okx1")
    assert canceled.client_order_id == "okx1"
    after = await okx.fetch_order("BTC/USDT", client_order_id="okx1")
    assert after.status is OrderStatus.CANCELED
    assert await okx.fetch_open_orders("BTC/USDT") == []


async def test_fill_and_my_trades(okx: CcxtExchange) -> None:
    placed = await okx.create_order(limit("okx-take", "60000.1"))
    filled = await okx.fetch_order("BTC/USDT", order_id=placed.id)
    assert filled.status is OrderStatus.FILLED
    assert filled.filled_qty == Decimal("0.01") and filled.avg_fill_price == Decimal("60000.1")
    fills = await okx.fetch_my_trades("BTC/USDT")
    assert len(fills) == 1
    fill = fills[0]
    assert (fill.price, fill.qty, fill.side) == (Decimal("60000.1"), Decimal("0.01"), Side.BUY)
    assert fill.order_id == placed.id and fill.client_order_id == "okx-take"
    assert fill.fee == Decimal("0.600001") and fill.fee_currency == "USDT"


async def test_rejections_map_to_clear_errors(okx: CcxtExchange, okx_standin: OkxStandin) -> None:
    with pytest.raises(errors.InsufficientFunds):
        await okx.create_order(limit("okx-big", "50000", qty="100"))
    await okx.create_order(limit("okx-dup", "50000"))
    with pytest.raises(errors.ExchangeError) as duplicate:
        await okx.create_order(limit("okx-dup", "50000"))
    assert not duplicate.value.retryable
    assert [o.cl_ord_id for o in okx_standin.orders.values()] == ["okx-dup"]
    with pytest.raises(errors.OrderNotFound):
        await okx.fetch_order("BTC/USDT", client_order_id="never-sent")


@pytest.mark.parametrize(
    ("secret", "passphrase"),
    [("wrong-secret", PASSPHRASE), (SECRET, "wrong-passphrase")],
    ids=["bad-signature", "bad-passphrase"],
)
async def test_bad_credentials_are_authentication_errors(
    okx_standin: OkxStandin, secret: str, passphrase: str
) -> None:
    ex = make_okx(okx_standin, secret=secret, passphrase=passphrase)
    try:
        with pytest.raises(errors.AuthenticationError) as info:
            await ex.fetch_balance()
        assert info.value.code == "EXCHANGE_AUTH_FAILED"
    finally:
        await ex.close()


async def test_watch_order_book_snapshot_then_updates(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    first = await asyncio.wait_for(okx.watch_order_book("BTC/USDT", depth=5), 3)
    assert first.bids[0] == (Decimal("60000"), Decimal("0.5"))
    assert first.seq == okx_standin.seq_ids["BTC-USDT"]
    watch = asyncio.ensure_future(okx.watch_order_book("BTC/USDT", depth=5))
    await asyncio.sleep(0.05)
    sent = await okx_standin.push_book_update(
        "BTC-USDT", bids=[("60000.05", "3")], asks=[("60000.1", "0")]
    )
    assert sent == 1
    book = await asyncio.wait_for(watch, 3)
    assert book.seq == okx_standin.seq_ids["BTC-USDT"]
    assert book.bids[0] == (Decimal("60000.05"), Decimal("3"))
    assert book.asks[0] == (Decimal("60000.2"), Decimal("1.4"))


async def test_a_sequence_gap_raises_then_resyncs_from_a_fresh_snapshot(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await asyncio.wait_for(okx.watch_order_book("BTC/USDT"), 3)
    snapshots = okx_standin.snapshots_sent
    watch = asyncio.ensure_future(okx.watch_order_book("BTC/USDT"))
    await asyncio.sleep(0.05)
    await okx_standin.push_book_update("BTC-USDT", bids=[("59999.9", "9")], gap=2)
    with pytest.raises(errors.NetworkError) as info:
        await asyncio.wait_for(watch, 3)
    assert info.value.retryable
    book = await asyncio.wait_for(okx.watch_order_book("BTC/USDT"), 3)
    assert okx_standin.snapshots_sent == snapshots + 1
    assert book.seq == okx_standin.seq_ids["BTC-USDT"]
    assert (Decimal("59999.9"), Decimal("9")) in book.bids


async def test_watch_trades(okx: CcxtExchange, okx_standin: OkxStandin) -> None:
    await okx.load_markets()
    watch = asyncio.ensure_future(okx.watch_trades("BTC/USDT"))
    await eventually(lambda: asyncio.sleep(0, okx_standin.subscriptions))  # SUBSCRIBE landed
    assert await okx_standin.push_trade("BTC-USDT", "60000.1", "0.25", "sell") == 1
    trades = await asyncio.wait_for(watch, 3)
    assert [(t.symbol, t.price, t.qty, t.taker_side) for t in trades] == [
        ("BTC/USDT", Decimal("60000.1"), Decimal("0.25"), Side.SELL)
    ]
