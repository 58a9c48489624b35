"""The reconciler on a live venue (binance stand-in through real CCXT): an order whose answer
was lost is resolved by its client order id, and the account's trade history is read per symbol
(binance has no account-wide myTrades), so the account ends reconciled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from starlette.applications import Starlette

from api.settings import Settings
from tests.api.test_private_streams import ORDER, binance_trader
from tests.conftest import GraphQLClient
from tests.support.app_services import services_of
from tests.support.standins.binance import BinanceStandin, settings_override


@pytest.fixture
def settings(settings: Settings, standin: BinanceStandin) -> Settings:
    override = settings_override(standin.base_url)
    return settings.model_copy(
        update={"exchange_overrides": {"binance": override}, "exchange_timeout_seconds": 1.0}
    )


async def test_a_lost_answer_on_binance_is_reconciled_by_client_order_id(
    app: Starlette, gql: GraphQLClient, standin: BinanceStandin
) -> None:
    trader = await binance_trader(app, gql, "reconcile-live@example.com")
    standin.order_response_delay = 2.0  # accepted, then the answer is lost (timeout 1 s)
    placed = await trader.place(trader.order("BUY", "49000", clientOrderId="lost-rest-1"))
    assert placed["status"] == "UNKNOWN"
    standin.order_response_delay = 0.0

    services = services_of(app)
    assert await services.reconciler.reconcile(grace=timedelta(0)) == 1
    assert trader.account not in services.orders.unreconciled
    order = (await gql.data(ORDER, {"id": placed["id"]}, trader.token))["order"]
    assert order["status"] == "OPEN"
    assert standin.requests.count(("POST", "/api/v3/order")) == 1  # never sent again
    assert ("GET", "/api/v3/myTrades") in standin.requests
