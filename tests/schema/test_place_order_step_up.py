"""placeOrder needs a fresh passkey assertion bound to that exact order (or a trading grant):
a stolen session token alone places nothing. Paper trading requires it by default."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import PLACE, limit_buy, order_nodes, paper_account
from tests.support.authenticator import SoftwareAuthenticator

PLACE_WITH_STEP_UP = (
    "mutation($i: PlaceOrderInput!, $s: StepUpAssertionInput) "
    "{ placeOrder(input: $i, stepUp: $s) { id status qty price } }"
)
GRANT = (
    "mutation($i: TradingGrantInput!, $s: StepUpAssertionInput) "
    "{ createTradingGrant(input: $i, stepUp: $s) { id } }"
)


def action_of(order: dict[str, Any]) -> dict[str, Any]:
    """The ActionInput the app sends to stepUpChallenge for an order ticket."""
    return {
        "kind": "placeOrder",
        "account": order["accountId"],
        "venue": "sim",
        "symbol": order["symbol"],
        "side": order["side"].lower(),
        "type": order["type"].lower(),
        "timeInForce": order["timeInForce"].lower(),
        "qty": order["qty"],
        "price": order.get("price"),
    }


async def trader(gql: GraphQLClient, email: str) -> tuple[str, str, SoftwareAuthenticator]:
    token = await gql.register(email, PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    return token, await paper_account(gql, token), device


async def test_stolen_token_without_a_passkey_places_nothing(gql: GraphQLClient) -> None:
    token = await gql.register("victim@example.com", PASSWORD)
    account = await paper_account(gql, token)
    body = await gql.raw(PLACE, {"i": limit_buy(account)}, token)
    assert body["errors"][0]["extensions"]["code"] == "STEP_UP_REQUIRED"
    assert body["errors"][0]["extensions"]["enroll"] is True
    assert await order_nodes(gql, token) == []


async def test_order_with_a_matching_assertion_is_placed(gql: GraphQLClient) -> None:
    token, account, device = await trader(gql, "alice@example.com")
    order = limit_buy(account)
    assertion = await step_up(gql, token, device, action_of(order))
    placed = (await gql.data(PLACE_WITH_STEP_UP, {"i": order, "s": assertion}, token))["placeOrder"]
    assert placed["status"] == "OPEN"
    assert [o["id"] for o in await order_nodes(gql, token)] == [placed["id"]]


async def test_assertion_for_another_order_is_refused_and_nothing_is_stored(
    gql: GraphQLClient,
) -> None:
    token, account, device = await trader(gql, "bob@example.com")
    approved = limit_buy(account)
    for changed in ({"qty": "0.002"}, {"price": "49000"}, {"symbol": "ETH/USDT"}):
        assertion = await step_up(gql, token, device, action_of(approved))
        body = await gql.raw(
            PLACE_WITH_STEP_UP, {"i": {**approved, **changed}, "s": assertion}, token
        )
        assert body["errors"][0]["extensions"]["code"] == "STEP_UP_MISMATCH", changed
    assert await order_nodes(gql, token) == []


async def test_an_assertion_cannot_place_a_second_order(gql: GraphQLClient) -> None:
    token, account, device = await trader(gql, "carol@example.com")
    order = limit_buy(account)
    assertion = await step_up(gql, token, device, action_of(order))
    await gql.data(PLACE_WITH_STEP_UP, {"i": order, "s": assertion}, token)
    again = await gql.error_code(PLACE_WITH_STEP_UP, {"i": order, "s": assertion}, token)
    assert again == "STEP_UP_REPLAYED"
    assert len(await order_nodes(gql, token)) == 1


async def test_retry_with_the_same_client_order_id_returns_the_order_without_a_new_step_up(
    gql: GraphQLClient,
) -> None:
    token, account, device = await trader(gql, "dave@example.com")
    order = limit_buy(account, clientOrderId="ticket-42")
    assertion = await step_up(gql, token, device, action_of(order))
    first = (await gql.data(PLACE_WITH_STEP_UP, {"i": order, "s": assertion}, token))["placeOrder"]
    retry = (await gql.data(PLACE, {"i": order}, token))["placeOrder"]
    assert retry["id"] == first["id"]
    assert len(await order_nodes(gql, token)) == 1


async def test_a_trading_grant_covers_three_orders_then_asks_again(gql: GraphQLClient) -> None:
    token, account, device = await trader(gql, "erin@example.com")
    limits = {"accountId": account, "maxOrders": 3, "maxNotional": "1000", "minutes": 10}
    grant_action = {
        "kind": "createTradingGrant",
        "account": account,
        "maxOrders": 3,
        "maxNotional": "1000",
        "minutes": 10,
    }
    assertion = await step_up(gql, token, device, grant_action)
    await gql.data(GRANT, {"i": limits, "s": assertion}, token)
    for price in ("50000", "50100", "50200"):
        await gql.data(PLACE, {"i": limit_buy(account, price=price)}, token)
    fourth = await gql.error_code(PLACE, {"i": limit_buy(account, price="50300")}, token)
    assert fourth == "STEP_UP_GRANT_EXCEEDED"
    assert len(await order_nodes(gql, token)) == 3


async def test_invalid_order_is_refused_before_the_assertion_is_used(gql: GraphQLClient) -> None:
    token, account, device = await trader(gql, "fay@example.com")
    order = limit_buy(account, qty="0.00000001")  # below the minimum
    assertion = await step_up(gql, token, device, action_of(order))
    for _ in range(2):  # not REPLAYED the second time: the challenge was not consumed
        code = await gql.error_code(PLACE_WITH_STEP_UP, {"i": order, "s": assertion}, token)
        assert code == "BAD_USER_INPUT"
    assert await order_nodes(gql, token) == []
