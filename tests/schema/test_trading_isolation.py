"""User B can never read, cancel or watch user A's orders and fills."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import (
    CANCEL,
    CANCEL_ALL,
    ORDER,
    fill_nodes,
    limit_buy,
    market_buy,
    order_nodes,
    paper_account,
    place,
)
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually

# Order mechanics without step-up; the step-up on placeOrder: test_place_order_step_up.py.
pytestmark = pytest.mark.paper_trading_without_step_up


UPDATES = "subscription { orderUpdates { id status accountId } }"


async def _two_traders(gql: GraphQLClient) -> tuple[tuple[str, str], tuple[str, str]]:
    token_a = await gql.register("alice@example.com")
    token_b = await gql.register("bob@example.com")
    return (token_a, await paper_account(gql, token_a)), (
        token_b,
        await paper_account(gql, token_b),
    )


async def test_user_b_cannot_read_or_cancel_user_a_orders(gql: GraphQLClient) -> None:
    (token_a, account_a), (token_b, _) = await _two_traders(gql)
    order = await place(gql, token_a, limit_buy(account_a))
    await place(gql, token_a, market_buy(account_a))
    await eventually(lambda: fill_nodes(gql, token_a), lambda f: len(f) > 0)

    assert await gql.error_code(ORDER, {"id": order["id"]}, token=token_b) == "NOT_FOUND"
    assert await gql.error_code(CANCEL, {"id": order["id"]}, token=token_b) == "NOT_FOUND"
    assert await gql.error_code(CANCEL_ALL, {"a": account_a}, token=token_b) == "NOT_FOUND"
    assert (await gql.data(CANCEL_ALL, {}, token=token_b))["cancelAllOrders"] == []
    assert await order_nodes(gql, token_b) == []
    assert await fill_nodes(gql, token_b) == []

    still = (await gql.data(ORDER, {"id": order["id"]}, token=token_a))["order"]
    assert still["status"] == "OPEN"


async def _subscribe(ws: Any, op_id: str) -> None:
    await ws.send_json({"id": op_id, "type": "subscribe", "payload": {"query": UPDATES}})


async def test_order_updates_reach_only_their_owner(app: Starlette, gql: GraphQLClient) -> None:
    (token_a, account_a), (token_b, account_b) = await _two_traders(gql)
    async with (
        graphql_ws(app, {"authorization": f"Bearer {token_a}"}) as ws_a,
        graphql_ws(app, {"authorization": f"Bearer {token_b}"}) as ws_b,
    ):
        await _subscribe(ws_a, "a")
        await _subscribe(ws_b, "b")
        await _until_subscribed(gql, token_a, account_a, ws_a, "a")
        await _until_subscribed(gql, token_b, account_b, ws_b, "b")
        # Both streams are live now. A trades first, then B: nothing of A's reaches B first.
        order_a = await place(gql, token_a, limit_buy(account_a))
        order_b = await place(gql, token_b, limit_buy(account_b))
        assert order_a["id"] in {u["id"] for u in await _updates_until(ws_a, "a", order_a["id"])}
        updates_b = await _updates_until(ws_b, "b", order_b["id"])
        assert {u["accountId"] for u in updates_b} == {account_b}


async def _updates_until(ws: Any, op_id: str, order_id: str) -> list[dict[str, Any]]:
    """Updates received up to and including one for `order_id` (earlier orders may repeat)."""
    updates: list[dict[str, Any]] = []
    while not updates or updates[-1]["id"] != order_id:
        frame = await next_of(ws, op_id)
        assert frame["type"] == "next", frame
        updates.append(frame["payload"]["data"]["orderUpdates"])
    return updates


async def _until_subscribed(
    gql: GraphQLClient, token: str, account: str, ws: Any, op_id: str
) -> None:
    """Place orders until one's update arrives: the subscription is attached from then on."""
    for _ in range(20):
        placed = await place(gql, token, limit_buy(account))
        try:
            while True:
                message = await ws.receive_json(timeout=0.25)
                if message.get("id") == op_id:
                    update = message["payload"]["data"]["orderUpdates"]
                    if update["id"] == placed["id"]:
                        return
        except TimeoutError:
            continue
    raise AssertionError("the subscription never delivered an update")


async def test_order_updates_need_a_session(app: Starlette) -> None:
    async with graphql_ws(app) as ws:
        await _subscribe(ws, "x")
        frame = await next_of(ws, "x")
        errors = frame["payload"] if frame["type"] == "error" else frame["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
