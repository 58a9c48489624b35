"""Nothing is lost and nothing is placed twice: lost responses, crashes, replays, restarts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlmodel import col, select
from starlette.applications import Starlette

from api.app import create_app
from api.container import Services
from api.db.models import BalanceRecord, FillRecord, Order
from api.services.orders import PlaceOrder
from api.services.venues import SIM
from api.settings import Settings
from engine.market.models import Side
from engine.market.sim.events import AccountEvents
from engine.trading.models import OrderType
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import (
    CANCEL,
    ORDER,
    PLACE,
    fill_nodes,
    limit_buy,
    market_buy,
    order_nodes,
    paper_account,
    place,
)
from tests.support.app_services import services_of
from tests.support.faulty_exchange import Crash, FaultyExchange
from tests.support.polling import eventually

# Order mechanics without step-up; the step-up on placeOrder: test_place_order_step_up.py.
pytestmark = pytest.mark.paper_trading_without_step_up


def faulty(services: Services, account_id: str) -> FaultyExchange:
    exchange = FaultyExchange(services.venues.sim_account(account_id, {}))
    services.venues.attach_account(account_id, exchange)
    return exchange


def venue_orders_with(services: Services, account_id: str, client_order_id: str) -> list[Any]:
    """Every order the sim venue holds for this account and client order id."""
    account = services.venues.sim.desk.account(account_id)
    return [o for o in account.orders.values() if o.request.client_order_id == client_order_id]


@pytest.fixture
async def trader(gql: GraphQLClient) -> tuple[str, str]:
    token = await gql.register("recovery@example.com")
    return token, await paper_account(gql, token)


async def test_timeout_after_accept_leaves_unknown_then_reconciles_to_one_order(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    services.feed.on_account_events = None  # the venue's order stream missed it too
    venue = faulty(services, account)
    venue.lose_responses = True
    order = await place(gql, token, limit_buy(account, clientOrderId="lost-1"))
    assert order["status"] == "UNKNOWN"
    assert venue.sent == 1

    # The caller retries with the same key: the order in doubt comes back, nothing is sent.
    again = await place(gql, token, limit_buy(account, clientOrderId="lost-1"))
    assert (again["id"], again["status"]) == (order["id"], "UNKNOWN")
    assert venue.sent == 1

    assert await services.reconciler.reconcile() == 0  # within the grace period: left alone
    assert await services.reconciler.reconcile(grace=_no_grace()) == 1
    resolved = (await gql.data(ORDER, {"id": order["id"]}, token=token))["order"]
    assert resolved["status"] == "OPEN"
    assert len(venue_orders_with(services, account, "lost-1")) == 1


async def test_lost_response_of_a_filled_order_recovers_its_fills(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    services.feed.on_account_events = None  # fills must come from reconciliation alone
    venue = faulty(services, account)
    venue.lose_responses = True
    order = await place(gql, token, market_buy(account, clientOrderId="lost-2"))
    assert order["status"] == "UNKNOWN"
    await services.reconciler.reconcile(grace=_no_grace())
    resolved = (await gql.data(ORDER, {"id": order["id"]}, token=token))["order"]
    assert (resolved["status"], Decimal(resolved["filledQty"])) == ("FILLED", Decimal("0.001"))
    fills = await fill_nodes(gql, token)
    assert sum(Decimal(f["qty"]) for f in fills) == Decimal("0.001")
    assert len(venue_orders_with(services, account, "lost-2")) == 1


async def test_an_account_that_cannot_be_reconciled_cannot_place_orders(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    services.feed.on_account_events = None
    venue = faulty(services, account)
    venue.lose_responses = True
    doubtful = await place(gql, token, limit_buy(account, clientOrderId="doubt-2"))
    venue.lose_responses = False
    venue.unreachable_lookups = True
    await services.reconciler.reconcile(grace=_no_grace())
    code = await gql.error_code(PLACE, {"i": limit_buy(account)}, token=token)
    assert code == "ACCOUNT_NOT_RECONCILED"
    cancelled = (await gql.data(CANCEL, {"id": doubtful["id"]}, token=token))["cancelOrder"]
    assert cancelled["status"] == "CANCELED"  # reducing exposure stays possible

    venue.unreachable_lookups = False
    await services.reconciler.reconcile(grace=_no_grace())
    assert (await place(gql, token, limit_buy(account)))["status"] == "OPEN"


async def test_crash_between_commit_and_submit_is_rejected_and_never_sent(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    venue = faulty(services, account)
    venue.crash_before_send = True
    principal = await services.accounts.authenticate(token)
    request = PlaceOrder(
        account_id=account,
        symbol="BTC/USDT",
        side=Side.BUY,
        type=OrderType.LIMIT,
        qty=Decimal("0.001"),
        price=Decimal("50000"),
        client_order_id="crash-1",
    )
    with pytest.raises(Crash):
        await services.orders.place_order(principal, request)
    [stored] = await order_nodes(gql, token)
    assert stored["status"] == "PENDING_SUBMIT"
    # Not at the venue and maybe still on its way: cancelling cannot decide it.
    assert await gql.error_code(CANCEL, {"id": stored["id"]}, token=token) == "CONFLICT"

    venue.crash_before_send = False
    await services.reconciler.reconcile(grace=_no_grace())
    resolved = (await gql.data(ORDER, {"id": stored["id"]}, token=token))["order"]
    assert resolved["status"] == "REJECTED"
    assert "never placed" in resolved["rejectReason"]
    assert venue.sent == 0 and venue_orders_with(services, account, "crash-1") == []
    # A retry with the same key returns the rejected order rather than placing a new one.
    again = await place(gql, token, limit_buy(account, clientOrderId="crash-1"))
    assert (again["id"], again["status"]) == (stored["id"], "REJECTED")
    assert venue.sent == 0


async def test_an_order_in_doubt_can_be_cancelled_at_the_venue(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    services.feed.on_account_events = None
    venue = faulty(services, account)
    venue.lose_responses = True
    order = await place(gql, token, limit_buy(account, clientOrderId="doubt-1"))
    assert order["status"] == "UNKNOWN"
    cancelled = (await gql.data(CANCEL, {"id": order["id"]}, token=token))["cancelOrder"]
    assert cancelled["status"] == "CANCELED"
    [at_venue] = venue_orders_with(services, account, "doubt-1")
    assert at_venue.status.value == "canceled"


async def test_concurrent_places_with_one_client_order_id_send_one_order(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    venue = faulty(services, account)
    order = limit_buy(account, clientOrderId="twice-1")
    results = await asyncio.gather(*(place(gql, token, order) for _ in range(3)))
    assert len({r["id"] for r in results}) == 1
    assert venue.sent == 1
    assert len(venue_orders_with(services, account, "twice-1")) == 1
    assert len(await order_nodes(gql, token)) == 1


async def test_replaying_the_same_fill_changes_nothing(
    app: Starlette, gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    services = services_of(app)
    order = await place(gql, token, market_buy(account))
    await eventually(lambda: fill_nodes(gql, token), lambda f: len(f) > 0)
    exchange = services.venues.sim_account(account, {})
    venue_fills = await exchange.fetch_my_trades()
    venue_order = await exchange.fetch_order("BTC/USDT", client_order_id=order["clientOrderId"])
    before = await _rows(services)
    for _ in range(2):
        await services.orders.recorder.record_venue_events(
            SIM, {account: AccountEvents(orders=[venue_order], fills=venue_fills)}
        )
    assert await _rows(services) == before


async def test_orders_fills_and_balances_survive_a_restart(settings: Settings) -> None:
    async with running(settings) as gql:
        token = await gql.register("restart@example.com")
        account = await paper_account(gql, token)
        filled = await place(gql, token, market_buy(account))
        resting = await place(gql, token, limit_buy(account))
        fills = await eventually(lambda: fill_nodes(gql, token), lambda f: len(f) > 0)
        balances = await _balances(gql, token)
    assert balances["BTC"] == Decimal("0.001")

    async with running(settings) as gql:
        token = (
            await gql.data(
                'mutation { login(email: "restart@example.com", '
                'password: "correct horse battery") { token } }'
            )
        )["login"]["token"]
        statuses = {o["id"]: o["status"] for o in await order_nodes(gql, token)}
        assert statuses[filled["id"]] == "FILLED"
        # The in-memory venue lost its book: the reconciler cancelled the resting order and
        # its reserved funds are free again.
        assert statuses[resting["id"]] == "CANCELED"
        assert await fill_nodes(gql, token) == fills
        assert await _balances(gql, token) == balances


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[GraphQLClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield GraphQLClient(http)


async def _balances(gql: GraphQLClient, token: str) -> dict[str, Decimal]:
    data = await gql.data("{ balances { currency total } }", token=token)
    return {b["currency"]: Decimal(b["total"]) for b in data["balances"]}


async def _rows(services: Services) -> tuple[Any, ...]:
    async with services.db.session() as session:
        orders = (await session.exec(select(Order).order_by(col(Order.id)))).all()
        fills = (await session.exec(select(FillRecord).order_by(col(FillRecord.id)))).all()
        balances = (await session.exec(select(BalanceRecord).order_by(col(BalanceRecord.id)))).all()
    return (
        [(o.id, o.status, o.filled_qty, o.fee_paid, o.updated_at) for o in orders],
        [(f.id, f.trade_id, f.qty) for f in fills],
        [(b.currency, b.free, b.used) for b in balances],
    )


def _no_grace() -> timedelta:
    return timedelta(0)
