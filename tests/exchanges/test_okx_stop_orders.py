"""Stop-limit orders on okx through the CCXT adapter, against the OKX v5 stand-in: okx keeps
them as `trigger` algo orders (trade/order-algo, keyed by `algoClOrdId`) until the last price
reaches the trigger, then places an ordinary limit order that carries the algo's client id.
Plus okx's private websocket (`/ws/v5/private`: login, `orders` channel)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import CcxtExchange, to_order
from engine.market.models import Side
from engine.trading.models import OrderRequest, OrderStatus, OrderType
from tests.exchanges.conftest import make_okx
from tests.support.polling import eventually
from tests.support.standins.okx import OkxStandin

BTC = "BTC/USDT"


def stop(coid: str, side: Side, price: str, trigger: str, qty: str = "0.01") -> OrderRequest:
    return OrderRequest(
        client_order_id=coid,
        symbol=BTC,
        side=side,
        type=OrderType.STOP_LIMIT,
        qty=Decimal(qty),
        price=Decimal(price),
        trigger_price=Decimal(trigger),
    )


async def test_stop_limit_is_placed_as_an_algo_order_and_waits(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await okx.load_markets()
    placed = await okx.create_order(stop("okx-stop-1", Side.BUY, "60110", "60100"))

    assert okx_standin.requests.count(("POST", "/api/v5/trade/order-algo")) == 1
    assert ("POST", "/api/v5/trade/order") not in okx_standin.requests
    [algo] = okx_standin.algos.values()
    assert (algo.algo_cl_ord_id, algo.trigger_px, algo.ord_px, algo.side) == (
        "okx-stop-1",
        Decimal("60100"),
        Decimal("60110"),
        "buy",
    )
    assert okx_standin.orders == {}  # nothing on the book until triggered
    assert placed.id == algo.algo_id
    assert (placed.type, placed.status, placed.client_order_id) == (
        OrderType.STOP_LIMIT,
        OrderStatus.UNTRIGGERED,
        "okx-stop-1",
    )
    assert (placed.trigger_price, placed.price, placed.filled_qty) == (
        Decimal("60100"),
        Decimal("60110"),
        Decimal(0),
    )
    # a retried send under the same client id never makes a second order
    with pytest.raises(errors.DuplicateClientOrderId):
        await okx.create_order(stop("okx-stop-1", Side.BUY, "60110", "60100"))
    assert len(okx_standin.algos) == 1


async def test_untriggered_stop_is_found_and_cancelled_by_client_id_after_a_restart(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await okx.load_markets()
    await okx.create_order(stop("okx-stop-2", Side.SELL, "59890", "59900"))
    # a fresh adapter (a restarted process) knows nothing about which ids are algo orders
    fresh = make_okx(okx_standin)
    try:
        found = await fresh.fetch_order(BTC, client_order_id="okx-stop-2")
        assert (found.status, found.type, found.trigger_price) == (
            OrderStatus.UNTRIGGERED,
            OrderType.STOP_LIMIT,
            Decimal("59900"),
        )
        cancelled = await fresh.cancel_order(BTC, client_order_id="okx-stop-2")
    finally:
        await fresh.close()
    assert (cancelled.status, cancelled.client_order_id) == (OrderStatus.CANCELED, "okx-stop-2")
    assert okx_standin.requests.count(("POST", "/api/v5/trade/cancel-algos")) == 1
    [algo] = okx_standin.algos.values()
    assert algo.state == "canceled"
    # the trigger price is reached later: a cancelled stop places nothing
    assert okx_standin.trade_at("BTC-USDT", "59000") == []
    assert okx_standin.orders == {}
    # an unknown client id is still a clear not-found
    with pytest.raises(errors.OrderNotFound):
        await okx.fetch_order(BTC, client_order_id="never-placed")


async def test_trigger_places_the_limit_order_which_fills(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await okx.load_markets()
    await okx.create_order(stop("okx-stop-3", Side.BUY, "60110", "60100"))
    assert okx_standin.trade_at("BTC-USDT", "60050") == []  # not reached yet
    assert (await okx.fetch_order(BTC, client_order_id="okx-stop-3")).status is (
        OrderStatus.UNTRIGGERED
    )

    [algo_id] = okx_standin.trade_at("BTC-USDT", "60100")
    [child] = okx_standin.orders.values()
    assert (child.algo_id, child.algo_cl_ord_id, child.state) == (algo_id, "okx-stop-3", "filled")

    # ccxt calls the triggered algo order "closed"; what counts is the order it placed
    after = await okx.fetch_order(BTC, client_order_id="okx-stop-3")
    assert (after.status, after.type, after.id) == (
        OrderStatus.FILLED,
        OrderType.STOP_LIMIT,
        child.ord_id,
    )
    assert (after.filled_qty, after.avg_fill_price, after.trigger_price) == (
        Decimal("0.01"),
        Decimal("60000.1"),  # the ask it crossed
        Decimal("60100"),
    )
    fills = await okx.fetch_my_trades(BTC)
    assert [(f.client_order_id, f.order_id, f.qty) for f in fills] == [
        ("okx-stop-3", child.ord_id, Decimal("0.01"))
    ]
    assert fills[0].fee > 0
    # cancelling a stop that already filled answers its final state, nothing is sent
    cancelled = await okx.cancel_order(BTC, client_order_id="okx-stop-3")
    assert cancelled.status is OrderStatus.FILLED
    assert ("POST", "/api/v5/trade/cancel-algos") not in okx_standin.requests


async def test_a_triggered_stop_resting_on_the_book_is_cancelled_there(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await okx.load_markets()
    # sell stop: trigger 59000, limit 59500 above the bid: rests once triggered
    await okx.create_order(stop("okx-stop-4", Side.SELL, "60050", "59000"))
    okx_standin.trade_at("BTC-USDT", "58990")
    resting = await okx.fetch_order(BTC, client_order_id="okx-stop-4")
    assert resting.status is OrderStatus.OPEN and resting.trigger_price == Decimal("59000")
    cancelled = await okx.cancel_order(BTC, client_order_id="okx-stop-4")
    assert cancelled.status is OrderStatus.CANCELED
    [child] = okx_standin.orders.values()
    assert child.state == "canceled"
    assert ("POST", "/api/v5/trade/cancel-order") in okx_standin.requests


def test_algo_states_map_without_the_ordid_heuristic() -> None:
    base = {
        "id": "9",
        "clientOrderId": None,
        "symbol": BTC,
        "side": "buy",
        "type": "trigger",
        "price": 60110.0,
        "triggerPrice": 60100.0,
        "amount": 0.01,
        "filled": None,
    }

    def algo(state: str, status: str, ord_id: str = "") -> OrderStatus:
        info = {"algoId": "9", "algoClOrdId": "c9", "ordType": "trigger", "state": state}
        order = to_order({**base, "status": status, "info": {**info, "ordId": ord_id}})
        assert order.client_order_id == "c9" and order.type is OrderType.STOP_LIMIT
        return order.status

    assert algo("live", "open") is OrderStatus.UNTRIGGERED
    assert algo("effective", "closed", "77") is OrderStatus.OPEN  # not a fill
    assert algo("canceled", "canceled") is OrderStatus.CANCELED
    assert algo("order_failed", "canceled") is OrderStatus.REJECTED
    # an ordinary okx order with an empty algoId is not an algo order
    plain = to_order(
        {
            **base,
            "type": "limit",
            "triggerPrice": None,
            "status": "open",
            "filled": 0.0,
            "info": {"algoId": "", "ordId": "5", "ordType": "limit", "state": "live"},
        }
    )
    assert (plain.status, plain.type) == (OrderStatus.OPEN, OrderType.LIMIT)


async def test_private_stream_login_orders_and_fills(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await okx.load_markets()
    assert {"watchOrders", "watchMyTrades"} <= okx.capabilities.watch
    orders_watch = asyncio.ensure_future(okx.watch_orders())
    trades_watch = asyncio.ensure_future(okx.watch_my_trades())
    await eventually(lambda: asyncio.sleep(0, len(okx_standin.order_subscribers)))
    assert len(okx_standin.logins) == 1  # one login for both streams

    await okx.create_order(stop("okx-stop-5", Side.BUY, "60110", "60100"))
    okx_standin.trade_at("BTC-USDT", "60100")
    assert await okx_standin.flush_order_events() == 1  # the fill of the order it placed
    [order] = await asyncio.wait_for(orders_watch, 3)
    [fill] = await asyncio.wait_for(trades_watch, 3)
    [child] = okx_standin.orders.values()
    assert (order.client_order_id, order.status, order.id) == (
        "okx-stop-5",
        OrderStatus.FILLED,
        child.ord_id,
    )
    rest = await okx.fetch_my_trades(BTC)
    assert (fill.trade_id, fill.client_order_id, fill.qty, fill.price) == (
        rest[0].trade_id,
        "okx-stop-5",
        Decimal("0.01"),
        Decimal("60000.1"),
    )
    assert fill.fee == rest[0].fee > 0  # okx streams fees negative, REST unified: same value


async def test_private_stream_refuses_a_wrong_passphrase(okx_standin: OkxStandin) -> None:
    wrong = make_okx(okx_standin)
    try:
        await wrong.load_markets()
        wrong.client.password = "not-it"  # the passphrase is wrong (or was changed)
        with pytest.raises(errors.AuthenticationError):
            await asyncio.wait_for(wrong.watch_orders(), 3)
    finally:
        await wrong.close()
    assert okx_standin.login_failures == 1 and okx_standin.order_subscribers == []


async def test_fills_of_a_triggered_stop_are_named_after_a_restart(
    okx: CcxtExchange, okx_standin: OkxStandin
) -> None:
    await okx.load_markets()
    await okx.create_order(stop("okx-stop-6", Side.BUY, "60110", "60100"))
    okx_standin.trade_at("BTC-USDT", "60100")
    # an order placed elsewhere without a client id (okx's web app), filled at once
    okx_standin._place(
        {"instId": "BTC-USDT", "side": "buy", "ordType": "limit", "sz": "0.01", "px": "60000.1"}
    )
    fresh = make_okx(okx_standin)  # knows no order ids yet
    try:
        fills = await fresh.fetch_my_trades(BTC)
        again = await fresh.fetch_my_trades(BTC)
    finally:
        await fresh.close()
    assert sorted(f.client_order_id for f in fills) == ["", "okx-stop-6"]
    assert [f.client_order_id for f in again] == [f.client_order_id for f in fills]
    # each unnamed order was read once, not on every call
    assert okx_standin.requests.count(("GET", "/api/v5/trade/order")) == 2


async def test_okx_public_streams_unsubscribe(okx: CcxtExchange, okx_standin: OkxStandin) -> None:
    await okx.load_markets()
    assert {"unWatchOrderBook", "unWatchTrades", "unWatchTicker"} <= okx.capabilities.unwatch
    watch = asyncio.ensure_future(okx.watch_trades(BTC))
    await eventually(lambda: asyncio.sleep(0, okx_standin.subscriptions))
    watch.cancel()
    assert await okx.unwatch("trades", BTC)
    assert okx_standin.subscriptions == []
    assert await okx_standin.push_trade("BTC-USDT", "60000", "0.1", "buy") == 0
