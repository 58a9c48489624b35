"""Private order and fill streams of a live account (binance stand-in, real ccxt.pro over its
websocket API): recorded through the reconciliation recorder, each fill once whichever of the
stream and REST sees it first, only for the account's owner."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.db.models import ExchangeAccount, FillRecord, Order
from api.settings import Settings
from api.workers.private_streams import streams_of
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import ORDER_FIELDS, fill_nodes
from tests.support.app_services import services_of
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.polling import eventually
from tests.support.standins.binance import API_KEY, SECRET, BinanceStandin, settings_override

ADD = (
    "mutation($i: AddExchangeAccountInput!, $s: StepUpAssertionInput) "
    "{ addExchangeAccount(input: $i, stepUp: $s) { id } }"
)
PLACE = (
    "mutation($i: PlaceOrderInput!, $s: StepUpAssertionInput) "
    f"{{ placeOrder(input: $i, stepUp: $s) {{ {ORDER_FIELDS} triggerPrice }} }}"
)
ORDER = f"query($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "exchange_timeout_seconds": 1.0}
    )


class Trader:
    def __init__(self, gql: GraphQLClient, token: str, device: SoftwareAuthenticator) -> None:
        self.gql, self.token, self.device = gql, token, device
        self.account = ""

    async def place(self, order: dict[str, Any]) -> dict[str, Any]:
        action = {
            "kind": "placeOrder",
            "account": self.account,
            "venue": "binance",
            "symbol": order["symbol"],
            "side": order["side"].lower(),
            "type": order["type"].lower(),
            "timeInForce": "gtc",
            "qty": order["qty"],
            "price": order.get("price"),
            "triggerPrice": order.get("triggerPrice"),
        }
        proof = await step_up(self.gql, self.token, self.device, action)
        body = await self.gql.data(PLACE, {"i": order, "s": proof}, self.token)
        placed: dict[str, Any] = body["placeOrder"]
        return placed

    def order(self, side: str, price: str, **extra: str) -> dict[str, Any]:
        base = {
            "accountId": self.account,
            "symbol": "BTC/USDT",
            "side": side,
            "type": "LIMIT",
            "timeInForce": "GTC",
            "qty": "0.01",
            "price": price,
        }
        return {**base, **extra}


async def binance_trader(app: Starlette, gql: GraphQLClient, email: str) -> Trader:
    token = await gql.register(email, PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    trader = Trader(gql, token, device)
    keys = {"venue": "binance", "label": "Binance", "apiKey": API_KEY, "secret": SECRET}
    proof = await step_up(gql, token, device, {"kind": "addExchangeAccount", "venue": "binance"})
    trader.account = (await gql.data(ADD, {"i": keys, "s": proof}, token))["addExchangeAccount"][
        "id"
    ]
    return trader


async def start_streams(app: Starlette, standin: BinanceStandin, account: str) -> None:
    streams = services_of(app).private_streams
    await streams.sync()
    assert streams.active == {account: 2}  # watchOrders and watchMyTrades

    async def subscribed() -> int:
        return len(standin.user_streams)

    await eventually(subscribed)
    assert standin.ws_api_methods[0] == "userDataStream.subscribe.signature"


async def fill_rows(app: Starlette, account: str) -> list[FillRecord]:
    async with services_of(app).db.session() as session:
        rows = await session.exec(select(FillRecord).where(col(FillRecord.account_id) == account))
        return list(rows.all())


def test_binance_streams_orders_and_fills_per_its_capability_map() -> None:
    from engine.exchanges.ccxt_adapter import CcxtExchange

    assert streams_of(CcxtExchange("binance")) == ["watchOrders", "watchMyTrades"]
    assert streams_of(CcxtExchange("coinbase")) == ["watchOrders"]  # ccxt: no watchMyTrades
    assert streams_of(object()) == []


async def test_a_streamed_fill_is_recorded_once_even_when_rest_reads_it_again(
    app: Starlette, gql: GraphQLClient, standin: BinanceStandin
) -> None:
    trader = await binance_trader(app, gql, "streams@example.com")
    await start_streams(app, standin, trader.account)

    placed = await trader.place(trader.order("BUY", "50001"))  # crosses: fills at once
    assert placed["status"] == "FILLED"

    fills = await eventually(lambda: fill_nodes(gql, trader.token), lambda f: len(f) == 1)
    [fill] = fills
    assert (fill["orderId"], Decimal(fill["qty"]), Decimal(fill["price"])) == (
        placed["id"],
        Decimal("0.01"),
        Decimal("50001"),
    )
    # REST reads the same execution: nothing new is stored
    services = services_of(app)
    async with services.db.session() as session:
        account = await session.get(ExchangeAccount, trader.account)
    assert account is not None
    rest_fills = await services.venues.account_exchange(account).fetch_my_trades("BTC/USDT")
    assert [f.trade_id for f in rest_fills] == [fill["tradeId"]]
    changed = await services.private_streams.record(trader.account, "binance", fills=rest_fills)
    assert changed == 0
    assert len(await fill_rows(app, trader.account)) == 1
    assert await services.reconciler.reconcile() == 0


async def test_the_stream_resolves_an_order_whose_answer_was_lost_without_resending(
    app: Starlette, gql: GraphQLClient, standin: BinanceStandin
) -> None:
    trader = await binance_trader(app, gql, "lost-stream@example.com")
    await start_streams(app, standin, trader.account)
    standin.order_response_delay = 2.0  # accepted, then the answer is lost (timeout 1 s)

    placed = await trader.place(trader.order("BUY", "49000", clientOrderId="lost-live-1"))
    # the REST answer never came: UNKNOWN, unless the stream already said OPEN meanwhile
    assert placed["status"] in {"UNKNOWN", "OPEN"}

    async def status() -> str:
        found: str = (await gql.data(ORDER, {"id": placed["id"]}, trader.token))["order"]["status"]
        return found

    assert await eventually(status, lambda s: s == "OPEN") == "OPEN"
    sent = [o for o in standin.orders.values() if o.client_order_id == "lost-live-1"]
    assert len(sent) == 1
    assert standin.requests.count(("POST", "/api/v3/order")) == 1


async def test_a_live_stop_limit_waits_then_fills_through_the_stream(
    app: Starlette, gql: GraphQLClient, standin: BinanceStandin
) -> None:
    trader = await binance_trader(app, gql, "live-stop@example.com")
    await start_streams(app, standin, trader.account)
    stop = trader.order("BUY", "50110", type="STOP_LIMIT", triggerPrice="50100")

    placed = await trader.place(stop)

    assert (placed["status"], Decimal(placed["triggerPrice"])) == ("UNTRIGGERED", Decimal("50100"))
    assert next(iter(standin.orders.values())).type == "STOP_LOSS_LIMIT"
    standin.trade_at("BTCUSDT", "50100")
    assert await standin.flush_reports() >= 2  # working, then the fill

    async def status() -> str:
        found: str = (await gql.data(ORDER, {"id": placed["id"]}, trader.token))["order"]["status"]
        return found

    assert await eventually(status, lambda s: s == "FILLED") == "FILLED"
    assert len(await eventually(lambda: fill_nodes(gql, trader.token))) == 1


async def test_another_user_sees_nothing_of_the_streamed_orders_and_fills(
    app: Starlette, gql: GraphQLClient, standin: BinanceStandin
) -> None:
    trader = await binance_trader(app, gql, "stream-owner@example.com")
    await start_streams(app, standin, trader.account)
    placed = await trader.place(trader.order("BUY", "50001"))
    await eventually(lambda: fill_nodes(gql, trader.token))
    other = await gql.register("stream-other@example.com")

    assert await fill_nodes(gql, other) == []
    assert await gql.error_code(ORDER, {"id": placed["id"]}, other) == "NOT_FOUND"
    async with services_of(app).db.session() as session:
        rows = (await session.exec(select(Order))).all()
    assert {o.user_id for o in rows} == {placed_user(rows, placed["id"])}
    await asyncio.sleep(0)


def placed_user(rows: Any, order_id: str) -> str:
    return str(next(o.user_id for o in rows if o.id == order_id))
