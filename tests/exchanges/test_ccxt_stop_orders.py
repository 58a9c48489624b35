"""Stop-limit orders through the CCXT adapter: sent as ccxt's unified `triggerPrice` where the
venue's capability map (ccxt `features`) has it, refused with a clear code elsewhere."""

from __future__ import annotations

from decimal import Decimal

import ccxt.pro as ccxtpro
import pytest

from engine.exchanges import errors
from engine.exchanges.ccxt_adapter import SUPPORTED_VENUES, CcxtExchange, capability_map, to_order
from engine.exchanges.protocol import supports_order_type
from engine.market.models import Side
from engine.trading.models import OrderRequest, OrderStatus, OrderType
from tests.support.standins.binance import BinanceStandin


def _stop(coid: str, side: Side, price: str, trigger: str, qty: str = "0.01") -> OrderRequest:
    return OrderRequest(
        client_order_id=coid,
        symbol="BTC/USDT",
        side=side,
        type=OrderType.STOP_LIMIT,
        qty=Decimal(qty),
        price=Decimal(price),
        trigger_price=Decimal(trigger),
    )


@pytest.mark.parametrize("venue", SUPPORTED_VENUES)
def test_stop_limit_capability_comes_from_ccxt_features(venue: str) -> None:
    features = getattr(ccxtpro, venue)().features["spot"]["createOrder"]
    caps = capability_map()[venue]
    assert ("stop_limit" in caps.order_types) == bool(features.get("triggerPrice"))


def test_known_stop_limit_venues() -> None:
    caps = capability_map()
    assert "stop_limit" in caps["binance"].order_types
    assert "stop_limit" in caps["okx"].order_types
    assert "stop_limit" not in caps["kraken"].order_types  # ccxt: spot triggerPrice False
    assert "stop_limit" not in caps["mexc"].order_types


async def test_unsupported_venue_refuses_before_sending() -> None:
    kraken = CcxtExchange("kraken", api_key="k", secret="c2VjcmV0")
    try:
        assert not supports_order_type(kraken, OrderType.STOP_LIMIT)
        assert supports_order_type(kraken, OrderType.LIMIT)
        with pytest.raises(errors.StopOrdersUnsupported) as caught:
            await kraken.create_order(_stop("k1", Side.BUY, "50100", "50050"))
        assert caught.value.code == "STOP_ORDERS_UNSUPPORTED"
        assert kraken.client.session is None  # nothing was sent
    finally:
        await kraken.close()


async def test_binance_stop_limit_round_trip(
    binance: CcxtExchange, standin: BinanceStandin
) -> None:
    await binance.load_markets()
    placed = await binance.create_order(_stop("stop-1", Side.BUY, "50110", "50100"))

    assert placed.type is OrderType.STOP_LIMIT
    assert placed.status is OrderStatus.UNTRIGGERED
    assert placed.trigger_price == Decimal("50100")
    assert placed.client_order_id == "stop-1"
    sent = next(iter(standin.orders.values()))
    assert (sent.type, sent.stop_price, sent.price) == (
        "STOP_LOSS_LIMIT",
        Decimal("50100"),
        Decimal("50110"),
    )
    # a retried send with the same client id never makes a second order
    with pytest.raises(errors.DuplicateClientOrderId):
        await binance.create_order(_stop("stop-1", Side.BUY, "50110", "50100"))
    assert len(standin.orders) == 1
    fetched = await binance.fetch_order("BTC/USDT", client_order_id="stop-1")
    assert fetched.status is OrderStatus.UNTRIGGERED

    assert standin.trade_at("BTCUSDT", "50100") == [sent.order_id]

    after = await binance.fetch_order("BTC/USDT", client_order_id="stop-1")
    assert after.status is OrderStatus.FILLED and after.filled_qty == Decimal("0.01")
    fills = await binance.fetch_my_trades("BTC/USDT")
    assert [f.client_order_id for f in fills] == ["stop-1"]


async def test_binance_refuses_a_stop_that_would_trigger_now(binance: CcxtExchange) -> None:
    await binance.load_markets()
    with pytest.raises(errors.InvalidOrder):
        await binance.create_order(_stop("stop-2", Side.SELL, "50200", "50300"))


async def test_cancel_untriggered_stop(binance: CcxtExchange) -> None:
    await binance.load_markets()
    await binance.create_order(_stop("stop-3", Side.SELL, "49900", "49950"))
    cancelled = await binance.cancel_order("BTC/USDT", client_order_id="stop-3")
    assert cancelled.status is OrderStatus.CANCELED
    assert cancelled.client_order_id == "stop-3"


def test_to_order_reads_trigger_and_waiting_state() -> None:
    raw = {
        "id": "1",
        "clientOrderId": "c",
        "symbol": "BTC/USDT",
        "side": "sell",
        "type": "stop_loss_limit",
        "status": "open",
        "price": 49000.0,
        "triggerPrice": 49500.0,
        "amount": 0.1,
        "filled": 0.0,
        "info": {"isWorking": False},
    }
    order = to_order(raw)
    assert order.type is OrderType.STOP_LIMIT and order.status is OrderStatus.UNTRIGGERED
    assert order.trigger_price == Decimal("49500.0")
    working = to_order({**raw, "info": {"isWorking": True}})
    assert working.status is OrderStatus.OPEN and working.type is OrderType.STOP_LIMIT
    plain = to_order({**raw, "type": "limit", "triggerPrice": None, "info": {}})
    assert plain.type is OrderType.LIMIT and plain.trigger_price is None
