"""A live okx account end to end (OKX v5 stand-in on loopback, real ccxt): a stop-limit placed
through GraphQL waits as an okx algo order, its fill arrives on okx's private websocket
(`/ws/v5/private` login + `orders` channel) and is recorded once even when REST reconciliation
reads it again; cancelling an untriggered stop cancels the algo order. Only the owner sees it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.db.models import ExchangeAccount, FillRecord
from api.settings import Settings
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import ORDER_FIELDS, fill_nodes
from tests.support.app_services import services_of
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.polling import eventually
from tests.support.standins.okx import API_KEY, PASSPHRASE, SECRET, OkxStandin, settings_override

ADD = (
    "mutation($i: AddExchangeAccountInput!, $s: StepUpAssertionInput) "
    "{ addExchangeAccount(input: $i, stepUp: $s) { id } }"
)
PLACE = (
    "mutation($i: PlaceOrderInput!, $s: StepUpAssertionInput) "
    f"{{ placeOrder(input: $i, stepUp: $s) {{ {ORDER_FIELDS} triggerPrice }} }}"
)
ORDER = f"query($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"
CANCEL = f"mutation($id: ID!) {{ cancelOrder(id: $id) {{ {ORDER_FIELDS} }} }}"


@pytest.fixture
async def okx_standin() -> AsyncIterator[OkxStandin]:
    server = OkxStandin()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert server.unknown_requests == [], server.unknown_requests


@pytest.fixture
def settings(settings: Settings, okx_standin: OkxStandin) -> Settings:
    override = settings_override(okx_standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"okx": override}, "exchange_timeout_seconds": 2.0}
    )


async def okx_trader(gql: GraphQLClient, email: str) -> tuple[str, SoftwareAuthenticator, str]:
    token = await gql.register(email, PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    keys = {
        "venue": "okx",
        "label": "OKX",
        "apiKey": API_KEY,
        "secret": SECRET,
        "passphrase": PASSPHRASE,
    }
    proof = await step_up(gql, token, device, {"kind": "addExchangeAccount", "venue": "okx"})
    account: str = (await gql.data(ADD, {"i": keys, "s": proof}, token))["addExchangeAccount"]["id"]
    return token, device, account


async def place_stop(
    gql: GraphQLClient, token: str, device: SoftwareAuthenticator, account: str, **o: str
) -> dict[str, Any]:
    order = {
        "accountId": account,
        "symbol": "BTC/USDT",
        "side": o["side"],
        "type": "STOP_LIMIT",
        "timeInForce": "GTC",
        "qty": "0.01",
        "price": o["price"],
        "triggerPrice": o["trigger"],
    }
    action = {
        "kind": "placeOrder",
        "account": account,
        "venue": "okx",
        "symbol": "BTC/USDT",
        "side": o["side"].lower(),
        "type": "stop_limit",
        "timeInForce": "gtc",
        "qty": "0.01",
        "price": o["price"],
        "triggerPrice": o["trigger"],
    }
    proof = await step_up(gql, token, device, action)
    placed: dict[str, Any] = (await gql.data(PLACE, {"i": order, "s": proof}, token))["placeOrder"]
    return placed


async def status_of(gql: GraphQLClient, token: str, order_id: str) -> str:
    found: str = (await gql.data(ORDER, {"id": order_id}, token))["order"]["status"]
    return found


async def test_okx_stop_fills_through_the_private_stream_and_is_recorded_once(
    app: Starlette, gql: GraphQLClient, okx_standin: OkxStandin
) -> None:
    token, device, account = await okx_trader(gql, "okx-stream@example.com")
    services = services_of(app)
    await services.private_streams.sync()
    assert services.private_streams.active == {account: 2}  # watchOrders, watchMyTrades
    await eventually(lambda: _subscribers(okx_standin))
    assert len(okx_standin.logins) == 1

    placed = await place_stop(
        gql, token, device, account, side="BUY", price="60110", trigger="60100"
    )
    assert (placed["status"], Decimal(placed["triggerPrice"])) == ("UNTRIGGERED", Decimal("60100"))
    [algo] = okx_standin.algos.values()
    assert algo.algo_cl_ord_id == placed["clientOrderId"] and okx_standin.orders == {}

    okx_standin.trade_at("BTC-USDT", "60100")
    assert await okx_standin.flush_order_events() == 1
    assert await eventually(lambda: status_of(gql, token, placed["id"]), lambda s: s == "FILLED")
    [fill] = await eventually(lambda: fill_nodes(gql, token), lambda f: len(f) == 1)
    assert (fill["orderId"], Decimal(fill["qty"]), Decimal(fill["price"])) == (
        placed["id"],
        Decimal("0.01"),
        Decimal("60000.1"),
    )
    # REST reconciliation reads the same execution: nothing new is stored
    async with services.db.session() as session:
        row = await session.get(ExchangeAccount, account)
        assert row is not None
        exchange = services.venues.account_exchange(row)
    rest_fills = await exchange.fetch_my_trades("BTC/USDT")
    assert [f.trade_id for f in rest_fills] == [fill["tradeId"]]
    assert await services.private_streams.record(account, "okx", fills=rest_fills) == 0
    assert await services.reconciler.reconcile() == 0
    async with services.db.session() as session:
        stored = await session.exec(select(FillRecord).where(col(FillRecord.account_id) == account))
        assert len(stored.all()) == 1


async def test_cancelling_an_untriggered_okx_stop_cancels_the_algo_order(
    app: Starlette, gql: GraphQLClient, okx_standin: OkxStandin
) -> None:
    token, device, account = await okx_trader(gql, "okx-cancel@example.com")
    placed = await place_stop(
        gql, token, device, account, side="SELL", price="59890", trigger="59900"
    )
    other = await gql.register("okx-other@example.com")
    assert await gql.error_code(ORDER, {"id": placed["id"]}, other) == "NOT_FOUND"
    assert await gql.error_code(CANCEL, {"id": placed["id"]}, other) == "NOT_FOUND"
    assert [a.state for a in okx_standin.algos.values()] == ["live"]

    cancelled = (await gql.data(CANCEL, {"id": placed["id"]}, token))["cancelOrder"]

    assert cancelled["status"] == "CANCELED"
    assert [a.state for a in okx_standin.algos.values()] == ["canceled"]
    assert okx_standin.trade_at("BTC-USDT", "59000") == []  # nothing triggers any more
    assert okx_standin.orders == {}


async def _subscribers(standin: OkxStandin) -> int:
    return len(standin.order_subscribers)


async def test_a_lost_okx_stop_answer_is_resolved_without_resending(
    app: Starlette, gql: GraphQLClient, okx_standin: OkxStandin
) -> None:
    token, device, account = await okx_trader(gql, "okx-lost@example.com")
    okx_standin.order_response_delay = 3.0  # accepted, then the answer is lost (timeout 2 s)

    placed = await place_stop(
        gql, token, device, account, side="BUY", price="60110", trigger="60100"
    )

    assert placed["status"] == "UNKNOWN"
    okx_standin.order_response_delay = 0.0
    reconciler = services_of(app).reconciler
    assert await reconciler.reconcile() == 0  # within the grace period: left alone
    assert await reconciler.reconcile(grace=timedelta(seconds=-1)) == 1
    assert await status_of(gql, token, placed["id"]) == "UNTRIGGERED"
    # found by its client id among the algo orders: never sent twice
    assert okx_standin.requests.count(("POST", "/api/v5/trade/order-algo")) == 1
    assert [a.algo_cl_ord_id for a in okx_standin.algos.values()] == [placed["clientOrderId"]]
