"""Stop-limit orders through the API on the sim venue: validation codes, the waiting state,
triggering into a limit order, idempotency, reconciliation, the step-up binding and isolation."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.auth.actions import canonical_action, summarise_action
from engine.market.models import Side
from engine.market.sim.venue import SimVenue
from engine.trading.models import OrderRequest, OrderType
from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import (
    CANCEL,
    CANCEL_ALL,
    FILLS,
    ORDER_FIELDS,
    fill_nodes,
    order_nodes,
    paper_account,
)
from tests.support.app_services import services_of
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.faulty_exchange import FaultyExchange
from tests.support.polling import eventually

BTC = "BTC/USDT"
FIELDS = f"{ORDER_FIELDS} triggerPrice"
PLACE = (
    "mutation($i: PlaceOrderInput!, $s: StepUpAssertionInput) "
    f"{{ placeOrder(input: $i, stepUp: $s) {{ {FIELDS} }} }}"
)
ORDER = f"query($id: ID!) {{ order(id: $id) {{ {FIELDS} }} }}"
_sweeps = itertools.count(1)


def sim(app: Starlette) -> SimVenue:
    venue: SimVenue = services_of(app).venues.sim
    return venue


def last_price(app: Starlette) -> Decimal:
    return sim(app).ticker(BTC).last


def stop_buy(account: str, trigger: Decimal, **overrides: Any) -> dict[str, Any]:
    order = {
        "accountId": account,
        "symbol": BTC,
        "side": "BUY",
        "type": "STOP_LIMIT",
        "timeInForce": "GTC",
        "qty": "0.001",
        "price": str(trigger + 20),
        "triggerPrice": str(trigger),
    }
    return {**order, **overrides}


def trade_through(app: Starlette, price: Decimal) -> None:
    """Other sim accounts print a trade at `price` (a resting sell there, swept by a buy)."""
    venue = sim(app)
    venue.open_account("stop-seller", {"BTC": Decimal(100)})
    venue.open_account("stop-sweeper", {"USDT": Decimal(100_000_000)})
    n = next(_sweeps)
    venue.create_order(
        "stop-seller",
        OrderRequest(f"sell-{n}", BTC, Side.SELL, OrderType.LIMIT, Decimal("0.01"), price),
    )
    asks = venue.order_book(BTC, None).asks
    qty = sum((q for p, q in asks if p <= price), Decimal(0))
    venue.create_order(
        "stop-sweeper", OrderRequest(f"sweep-{n}", BTC, Side.BUY, OrderType.MARKET, qty)
    )


async def place(gql: GraphQLClient, token: str, order: dict[str, Any]) -> dict[str, Any]:
    placed: dict[str, Any] = (await gql.data(PLACE, {"i": order}, token))["placeOrder"]
    return placed


async def fetch(gql: GraphQLClient, token: str, order_id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(ORDER, {"id": order_id}, token))["order"]
    return found


@pytest.mark.paper_trading_without_step_up
async def test_a_stop_waits_untriggered_then_trades_when_its_trigger_trades(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("stop@example.com")
    account = await paper_account(gql, token)
    trigger = last_price(app) + 300

    placed = await place(gql, token, stop_buy(account, trigger))

    assert (placed["type"], placed["status"]) == ("STOP_LIMIT", "UNTRIGGERED")
    assert Decimal(placed["triggerPrice"]) == trigger
    assert Decimal(placed["price"]) == trigger + 20
    waiting = await order_nodes(gql, token, st=["UNTRIGGERED"])
    assert [o["id"] for o in waiting] == [placed["id"]]

    trade_through(app, trigger)

    done = await eventually(
        lambda: fetch(gql, token, placed["id"]), lambda o: o["status"] == "FILLED"
    )
    assert Decimal(done["avgFillPrice"]) <= trigger + 20
    fills = await fill_nodes(gql, token)
    assert sum(Decimal(f["qty"]) for f in fills) == Decimal("0.001")


@pytest.mark.paper_trading_without_step_up
@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"triggerPrice": None}, "STOP_TRIGGER_REQUIRED", "triggerPrice"),
        ({"triggerPrice": "OFF_TICK"}, "STOP_TRIGGER_OFF_TICK", "triggerPrice"),
        ({"triggerPrice": "BELOW_LAST"}, "STOP_TRIGGER_INVALID", "triggerPrice"),
        ({"triggerPrice": "-5"}, "BAD_USER_INPUT", "triggerPrice"),
        ({"price": None}, "BAD_USER_INPUT", "price"),
        ({"timeInForce": "POST_ONLY"}, "BAD_USER_INPUT", "timeInForce"),
        ({"type": "LIMIT"}, "BAD_USER_INPUT", "triggerPrice"),  # a trigger on a plain limit
    ],
)
async def test_bad_stops_get_distinct_codes_and_nothing_is_stored(
    app: Starlette, gql: GraphQLClient, change: dict[str, Any], code: str, field: str
) -> None:
    token = await gql.register("badstop@example.com")
    account = await paper_account(gql, token)
    last = last_price(app)
    order = stop_buy(account, last + 300, **change)
    if order.get("triggerPrice") == "OFF_TICK":
        order["triggerPrice"] = str(last + Decimal("300.05"))
    elif order.get("triggerPrice") == "BELOW_LAST":
        order["triggerPrice"] = str(last - 300)

    body = await gql.raw(PLACE, {"i": order}, token)

    error = body["errors"][0]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (code, field)
    assert await order_nodes(gql, token) == []
    assert sim(app).open_orders(account) == []


@pytest.mark.paper_trading_without_step_up
async def test_a_sell_stop_above_the_last_price_is_refused(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("sellstop@example.com")
    account = await paper_account(gql, token)
    last = last_price(app)
    order = stop_buy(account, last + 300, side="SELL")
    assert await gql.error_code(PLACE, {"i": order}, token) == "STOP_TRIGGER_INVALID"
    sim(app).deposit(account, "BTC", Decimal(1))
    below = stop_buy(account, last - 300, side="SELL", price=str(last - 400))
    placed = await place(gql, token, below)
    assert placed["status"] == "UNTRIGGERED"


@pytest.mark.paper_trading_without_step_up
async def test_a_retried_stop_is_one_order_and_a_changed_trigger_conflicts(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("retrystop@example.com")
    account = await paper_account(gql, token)
    order = stop_buy(account, last_price(app) + 300, clientOrderId="stop-retry")

    first = await place(gql, token, order)
    again = await place(gql, token, order)

    assert again["id"] == first["id"]
    moved = {**order, "triggerPrice": str(Decimal(order["triggerPrice"]) + 10)}
    assert await gql.error_code(PLACE, {"i": moved}, token) == "CONFLICT"
    venue_orders = [
        o
        for o in sim(app).desk.account(account).orders.values()
        if o.request.client_order_id == "stop-retry"
    ]
    assert len(venue_orders) == 1


@pytest.mark.paper_trading_without_step_up
async def test_a_stop_whose_answer_was_lost_reconciles_to_untriggered_never_resent(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("loststop@example.com")
    account = await paper_account(gql, token)
    services = services_of(app)
    services.feed.on_account_events = None  # only reconciliation may resolve it
    venue = FaultyExchange(services.venues.sim_account(account, {}))
    services.venues.attach_account(account, venue)
    venue.lose_responses = True
    order = stop_buy(account, last_price(app) + 300, clientOrderId="stop-lost")

    placed = await place(gql, token, order)
    assert placed["status"] == "UNKNOWN"
    again = await place(gql, token, order)
    assert (again["id"], venue.sent) == (placed["id"], 1)

    assert await services.reconciler.reconcile(grace=timedelta(0)) == 1
    resolved = await fetch(gql, token, placed["id"])
    assert resolved["status"] == "UNTRIGGERED"
    assert venue.sent == 1


@pytest.mark.paper_trading_without_step_up
async def test_cancel_and_cancel_all_take_untriggered_stops(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("cancelstop@example.com")
    account = await paper_account(gql, token)
    trigger = last_price(app) + 300
    one = await place(gql, token, stop_buy(account, trigger))
    two = await place(gql, token, stop_buy(account, trigger + 10))

    cancelled = (await gql.data(CANCEL, {"id": one["id"]}, token))["cancelOrder"]
    rest = (await gql.data(CANCEL_ALL, {"a": account, "s": BTC}, token))["cancelAllOrders"]

    assert cancelled["status"] == "CANCELED"
    assert [(o["id"], o["status"]) for o in rest] == [(two["id"], "CANCELED")]
    assert sim(app).balances(account)["USDT"].used == 0
    trade_through(app, trigger + 10)
    assert (await fetch(gql, token, two["id"]))["status"] == "CANCELED"


@pytest.mark.paper_trading_without_step_up
async def test_another_user_cannot_see_or_cancel_a_stop(app: Starlette, gql: GraphQLClient) -> None:
    alice = await gql.register("stop-alice@example.com")
    bob = await gql.register("stop-bob@example.com")
    account = await paper_account(gql, alice)
    placed = await place(gql, alice, stop_buy(account, last_price(app) + 300))

    assert await gql.error_code(ORDER, {"id": placed["id"]}, bob) == "NOT_FOUND"
    assert await gql.error_code(CANCEL, {"id": placed["id"]}, bob) == "NOT_FOUND"
    assert await order_nodes(gql, bob, st=["UNTRIGGERED"]) == []
    assert (await gql.data(FILLS, {}, bob))["fills"]["edges"] == []
    bob_all = (await gql.data(CANCEL_ALL, {}, bob))["cancelAllOrders"]
    assert bob_all == []
    assert (await fetch(gql, alice, placed["id"]))["status"] == "UNTRIGGERED"
    with_bobs_account = stop_buy(await paper_account(gql, bob), Decimal(1))
    with_bobs_account["accountId"] = account
    assert await gql.error_code(PLACE, {"i": with_bobs_account}, bob) == "NOT_FOUND"


def test_the_step_up_action_of_older_orders_is_unchanged() -> None:
    limit = {
        "kind": "placeOrder",
        "account": "a1",
        "venue": "sim",
        "symbol": BTC,
        "side": "buy",
        "type": "limit",
        "timeInForce": "gtc",
        "qty": Decimal("0.5"),
        "price": Decimal("64000"),
        "amount": None,
        "triggerPrice": None,
    }
    assert canonical_action(limit) == (
        b'{"account":"a1","kind":"placeOrder","price":"64000","qty":"0.5","side":"buy",'
        b'"symbol":"BTC/USDT","timeInForce":"gtc","type":"limit","venue":"sim"}'
    )
    stop = {**limit, "type": "stop_limit", "triggerPrice": Decimal("63500.0")}
    assert b'"triggerPrice":"63500"' in canonical_action(stop)
    assert summarise_action(stop) == (
        "Buy 0.5 BTC/USDT at 64,000 USDT when the price reaches 63,500 USDT on sim"
    )


async def test_the_step_up_binds_the_trigger_price(app: Starlette, gql: GraphQLClient) -> None:
    token = await gql.register("stepstop@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    account = await paper_account(gql, token)
    trigger = last_price(app) + 300
    order = stop_buy(account, trigger)
    action = {
        "kind": "placeOrder",
        "account": account,
        "venue": "sim",
        "symbol": BTC,
        "side": "buy",
        "type": "stop_limit",
        "timeInForce": "gtc",
        "qty": "0.001",
        "price": str(trigger + 20),
        "triggerPrice": str(trigger),
    }
    moved = {**action, "triggerPrice": str(trigger + 100)}
    wrong = await step_up(gql, token, device, moved)
    assert await gql.error_code(PLACE, {"i": order, "s": wrong}, token) == "STEP_UP_MISMATCH"
    without = {k: v for k, v in action.items() if k != "triggerPrice"}
    wrong = await step_up(gql, token, device, without)
    assert await gql.error_code(PLACE, {"i": order, "s": wrong}, token) == "STEP_UP_MISMATCH"
    assert await order_nodes(gql, token) == []

    proof = await step_up(gql, token, device, action)
    placed = (await gql.data(PLACE, {"i": order, "s": proof}, token))["placeOrder"]
    assert placed["status"] == "UNTRIGGERED"
