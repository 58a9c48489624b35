"""placeOrder / cancelOrder / cancelAllOrders / orders / fills through GraphQL on the sim venue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import (
    CANCEL,
    CANCEL_ALL,
    ORDERS,
    PLACE,
    fill_nodes,
    limit_buy,
    market_buy,
    order_nodes,
    paper_account,
    place,
)
from tests.support.polling import eventually

# Order mechanics without step-up; the step-up on placeOrder: test_place_order_step_up.py.
pytestmark = pytest.mark.paper_trading_without_step_up


@pytest.fixture
async def trader(gql: GraphQLClient) -> tuple[str, str]:
    token = await gql.register("trader@example.com")
    return token, await paper_account(gql, token)


async def test_limit_order_below_the_market_rests_open(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    order = await place(gql, token, limit_buy(account))
    assert order["status"] == "OPEN"
    assert Decimal(order["filledQty"]) == 0 and Decimal(order["remainingQty"]) == Decimal("0.001")
    assert order["clientOrderId"]  # generated when not given
    balances = (await gql.data("{ balances { currency used } }", token=token))["balances"]
    used = {b["currency"]: Decimal(b["used"]) for b in balances}
    assert used["USDT"] > Decimal("50")  # reserved for the order, with its fee


async def test_market_order_fills_and_its_fills_are_stored(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    order = await place(gql, token, market_buy(account))
    assert order["status"] == "FILLED"
    assert Decimal(order["filledQty"]) == Decimal("0.001")
    fills = await eventually(lambda: fill_nodes(gql, token), lambda f: len(f) > 0)
    assert {f["orderId"] for f in fills} == {order["id"]}
    assert sum(Decimal(f["qty"]) for f in fills) == Decimal("0.001")
    assert all(f["liquidity"] == "taker" and f["side"] == "BUY" for f in fills)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"qty": "0.0000123"}, "BAD_USER_INPUT", "qty"),  # off the qty step
        ({"qty": "0.000001"}, "BAD_USER_INPUT", "qty"),  # below the minimum
        ({"price": "50000.05"}, "BAD_USER_INPUT", "price"),  # off the tick
        ({"qty": "0.00001", "price": "100"}, "BAD_USER_INPUT", "qty"),  # below min notional
        ({"price": None}, "BAD_USER_INPUT", "price"),  # limit without a price
        ({"symbol": "NOPE/USDT"}, "NOT_FOUND", "symbol"),
        ({"qty": "1", "price": "90000"}, "INSUFFICIENT_FUNDS", "qty"),
        ({"clientOrderId": "has spaces"}, "BAD_USER_INPUT", "clientOrderId"),
        ({"accountId": "not-an-account"}, "NOT_FOUND", "accountId"),
    ],
)
async def test_invalid_orders_are_refused_with_a_code_and_nothing_is_stored(
    gql: GraphQLClient,
    trader: tuple[str, str],
    change: dict[str, Any],
    code: str,
    field: str,
) -> None:
    token, account = trader
    body = await gql.raw(PLACE, {"i": limit_buy(account, **change)}, token=token)
    error = body["errors"][0]["extensions"]
    assert (error["code"], error.get("field")) == (code, field)
    assert await order_nodes(gql, token) == []


async def test_same_client_order_id_returns_the_same_order(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    first = await place(gql, token, limit_buy(account, clientOrderId="my-key-1"))
    again = await place(gql, token, limit_buy(account, clientOrderId="my-key-1"))
    assert again["id"] == first["id"]
    assert len(await order_nodes(gql, token)) == 1


async def test_same_client_order_id_with_other_parameters_is_a_conflict(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    await place(gql, token, limit_buy(account, clientOrderId="my-key-2"))
    code = await gql.error_code(
        PLACE, {"i": limit_buy(account, clientOrderId="my-key-2", price="51000")}, token=token
    )
    assert code == "CONFLICT"
    assert len(await order_nodes(gql, token)) == 1


async def test_cancel_releases_the_reserved_funds(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    order = await place(gql, token, limit_buy(account))
    cancelled = (await gql.data(CANCEL, {"id": order["id"]}, token=token))["cancelOrder"]
    assert cancelled["status"] == "CANCELED"
    balances = (await gql.data("{ balances { currency free used } }", token=token))["balances"]
    usdt = next(b for b in balances if b["currency"] == "USDT")
    assert (Decimal(usdt["free"]), Decimal(usdt["used"])) == (Decimal("10000"), 0)


async def test_cancel_all_cancels_only_open_orders_of_the_symbol(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    btc = [await place(gql, token, limit_buy(account, price=p)) for p in ("50000", "50001")]
    eth = await place(gql, token, limit_buy(account, symbol="ETH/USDT", price="1000", qty="0.1"))
    filled = await place(gql, token, market_buy(account))
    data = await gql.data(CANCEL_ALL, {"a": account, "s": "BTC/USDT"}, token=token)
    assert {o["id"] for o in data["cancelAllOrders"]} == {o["id"] for o in btc}
    statuses = {o["id"]: o["status"] for o in await order_nodes(gql, token)}
    assert statuses[eth["id"]] == "OPEN"
    assert statuses[filled["id"]] == "FILLED"
    assert {statuses[o["id"]] for o in btc} == {"CANCELED"}


async def test_orders_are_paged_newest_first_and_filtered(
    gql: GraphQLClient, trader: tuple[str, str]
) -> None:
    token, account = trader
    placed = [await place(gql, token, limit_buy(account, price=str(50000 + i))) for i in range(5)]
    seen: list[str] = []
    after = None
    while True:
        page = (await gql.data(ORDERS, {"f": 2, "a": after}, token=token))["orders"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [o["id"] for o in reversed(placed)]
    await gql.data(CANCEL, {"id": placed[0]["id"]}, token=token)
    open_ = await order_nodes(gql, token, st=["OPEN"])
    assert {o["id"] for o in open_} == {o["id"] for o in placed[1:]}
    assert await order_nodes(gql, token, s="ETH/USDT") == []
    assert await gql.error_code(ORDERS, {"a": "garbage"}, token=token) == "BAD_USER_INPUT"
    assert await gql.error_code(ORDERS, {"f": 0}, token=token) == "BAD_USER_INPUT"


async def test_trading_needs_a_session(gql: GraphQLClient) -> None:
    assert await gql.error_code(PLACE, {"i": limit_buy("x")}) == "UNAUTHENTICATED"
    assert await gql.error_code(ORDERS) == "UNAUTHENTICATED"
