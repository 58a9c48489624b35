"""Copy trading through GraphQL: followTrader (step-up), a leader's buy copied end to end on
the sim venue, updateFollow / unfollowTrader, bad input codes and isolation."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import (
    fill_nodes,
    market_buy,
    order_nodes,
    paper_account,
    place,
)
from tests.support.authenticator import SoftwareAuthenticator
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually

# The leader's own orders skip their step-up here; following a trader always needs one.
pytestmark = pytest.mark.paper_trading_without_step_up

FOLLOW_FIELDS = (
    "id traderId accountId allocation sizing ratio fixedAmount maxPerTrade slippageGuardPct "
    "copyOpenPositions stopLossPct active copyPnl"
)
FOLLOW = (
    "mutation($i: FollowTraderInput!, $s: StepUpAssertionInput) "
    f"{{ followTrader(input: $i, stepUp: $s) {{ {FOLLOW_FIELDS} }} }}"
)
UPDATE = (
    "mutation($i: UpdateFollowInput!, $s: StepUpAssertionInput) "
    f"{{ updateFollow(input: $i, stepUp: $s) {{ {FOLLOW_FIELDS} }} }}"
)
UNFOLLOW = (
    "mutation($t: ID!, $c: Boolean) { unfollowTrader(traderId: $t, closePositions: $c) "
    "{ traderId closingOrders { id side qty status } } }"
)
FOLLOWING = f"{{ following {{ {FOLLOW_FIELDS} }} }}"
COPY_TRADES = (
    "query($t: ID) { copyTrades(traderId: $t) "
    "{ id traderId leaderFillId symbol side orderId skipReason detail } }"
)


class Person:
    def __init__(self, token: str, user_id: str, account: str, device: SoftwareAuthenticator):
        self.token, self.id, self.account, self.device = token, user_id, account, device


async def person(gql: GraphQLClient, name: str) -> Person:
    token = await gql.register(f"{name}@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    me = (await gql.data("{ me { id } }", token=token))["me"]
    return Person(token, me["id"], await paper_account(gql, token), device)


def terms(follower: Person, leader: Person, **overrides: Any) -> dict[str, Any]:
    return {"traderId": leader.id, "accountId": follower.account, "allocation": "2000",
            **overrides}  # fmt: skip


async def follow(
    gql: GraphQLClient, follower: Person, leader: Person, **overrides: Any
) -> dict[str, Any]:
    input = terms(follower, leader, **overrides)
    action = {"kind": "followTrader", "traderId": leader.id, "amount": input["allocation"]}
    assertion = await step_up(gql, follower.token, follower.device, action)
    data = await gql.data(FOLLOW, {"i": input, "s": assertion}, follower.token)
    followed: dict[str, Any] = data["followTrader"]
    return followed


@pytest.fixture
async def leader(gql: GraphQLClient) -> Person:
    return await person(gql, "leader")


@pytest.fixture
async def follower(gql: GraphQLClient) -> Person:
    return await person(gql, "follower")


async def test_leader_buy_is_copied_with_the_follower_sized_order(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    followed = await follow(gql, follower, leader)
    assert followed["active"] and followed["sizing"] == "PROPORTIONAL"

    bought = await place(gql, leader.token, market_buy(leader.account, qty="0.01"))
    assert bought["status"] == "FILLED"

    copies = await eventually(
        lambda: order_nodes(gql, follower.token),
        lambda orders: bool(orders) and orders[0]["status"] == "FILLED",
        within_s=15,
    )
    leader_fills = await fill_nodes(gql, leader.token)
    notional = sum(Decimal(f["price"]) * Decimal(f["qty"]) for f in leader_fills)
    price = Decimal(bought["avgFillPrice"])
    # The leader put notional/10,000 of the account into BTC; the follower copies that share
    # of a 2,000 USDT allocation, rounded down to the 0.00001 step (equity net of the fee).
    expected = notional / Decimal(10000) * Decimal(2000) / price
    [copy] = copies
    assert copy["side"] == "BUY"
    assert expected - Decimal("0.00002") <= Decimal(copy["qty"]) <= expected
    assert Decimal(copy["filledQty"]) == Decimal(copy["qty"])
    trades = (await gql.data(COPY_TRADES, {"t": leader.id}, follower.token))["copyTrades"]
    assert [(t["orderId"], t["skipReason"]) for t in trades] == [(copy["id"], None)]
    assert trades[0]["leaderFillId"]


async def test_follow_needs_a_step_up_bound_to_trader_and_allocation(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    code = await gql.error_code(FOLLOW, {"i": terms(follower, leader)}, follower.token)
    assert code == "STEP_UP_REQUIRED"
    smaller = {"kind": "followTrader", "traderId": leader.id, "amount": "10"}
    assertion = await step_up(gql, follower.token, follower.device, smaller)
    body = await gql.raw(FOLLOW, {"i": terms(follower, leader), "s": assertion}, follower.token)
    assert body["errors"][0]["extensions"]["code"].startswith("STEP_UP")
    assert (await gql.data(FOLLOWING, token=follower.token))["following"] == []


async def test_bad_follows_get_clear_codes(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    token = follower.token
    own = terms(follower, follower)
    assert await gql.error_code(FOLLOW, {"i": own}, token) == "CANNOT_FOLLOW_SELF"
    ghost = {**terms(follower, leader), "traderId": "0" * 32}
    assert await gql.error_code(FOLLOW, {"i": ghost}, token) == "UNKNOWN_TRADER"
    rich = terms(follower, leader, allocation="10000.01")  # paper accounts hold 10,000 USDT
    assert await gql.error_code(FOLLOW, {"i": rich}, token) == "ALLOCATION_ABOVE_FREE_BALANCE"
    for absurd in ({"ratio": "1000"}, {"allocation": "-5"}, {"slippageGuardPct": "90"},
                   {"sizing": "FIXED"}, {"stopLossPct": "0"}):  # fmt: skip
        body = await gql.raw(FOLLOW, {"i": terms(follower, leader, **absurd)}, token)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", absurd
    await follow(gql, follower, leader)
    assert await gql.error_code(FOLLOW, {"i": terms(follower, leader)}, token) == (
        "ALREADY_FOLLOWING"
    )


async def test_raising_the_allocation_needs_a_step_up_lowering_does_not(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    await follow(gql, follower, leader)
    lower = {"traderId": leader.id, "allocation": "500", "maxPerTrade": "100"}
    updated = (await gql.data(UPDATE, {"i": lower}, follower.token))["updateFollow"]
    assert Decimal(updated["allocation"]) == 500 and Decimal(updated["maxPerTrade"]) == 100

    higher = {"traderId": leader.id, "allocation": "3000"}
    assert await gql.error_code(UPDATE, {"i": higher}, follower.token) == "STEP_UP_REQUIRED"
    action = {"kind": "increaseAllocation", "traderId": leader.id, "amount": "3000"}
    assertion = await step_up(gql, follower.token, follower.device, action)
    raised = await gql.data(UPDATE, {"i": higher, "s": assertion}, follower.token)
    assert Decimal(raised["updateFollow"]["allocation"]) == 3000
    assert Decimal(raised["updateFollow"]["maxPerTrade"]) == 100  # untouched


async def test_unfollow_with_close_positions_sells_what_the_copies_bought(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    await follow(gql, follower, leader)
    await place(gql, leader.token, market_buy(leader.account, qty="0.01"))
    [copy] = await eventually(
        lambda: order_nodes(gql, follower.token),
        lambda orders: bool(orders) and orders[0]["status"] == "FILLED",
        within_s=15,
    )

    data = await gql.data(UNFOLLOW, {"t": leader.id, "c": True}, follower.token)

    [closing] = data["unfollowTrader"]["closingOrders"]
    assert closing["side"] == "SELL" and closing["qty"] == copy["filledQty"]
    following = (await gql.data(FOLLOWING, token=follower.token))["following"]
    assert [f["active"] for f in following] == [False]
    again = await gql.error_code(UNFOLLOW, {"t": leader.id}, follower.token)
    assert again == "NOT_FOLLOWING"


async def test_nobody_reads_or_changes_another_users_follows(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    await follow(gql, follower, leader)
    other = await person(gql, "mallory")
    assert (await gql.data(FOLLOWING, token=other.token))["following"] == []
    trades = await gql.data(COPY_TRADES, {"t": leader.id}, other.token)
    assert trades["copyTrades"] == []
    # Acting on the follower's relationship or account from another session fails.
    assert await gql.error_code(UNFOLLOW, {"t": leader.id}, other.token) == "NOT_FOLLOWING"
    lower = {"traderId": leader.id, "allocation": "1"}
    assert await gql.error_code(UPDATE, {"i": lower}, other.token) == "NOT_FOLLOWING"
    theirs = {"traderId": leader.id, "accountId": follower.account, "allocation": "10"}
    assert await gql.error_code(FOLLOW, {"i": theirs}, other.token) == "NOT_FOUND"
    assert await gql.error_code(FOLLOWING) == "UNAUTHENTICATED"
    mine = (await gql.data(FOLLOWING, token=follower.token))["following"]
    assert [(f["traderId"], f["active"]) for f in mine] == [(leader.id, True)]


async def test_copy_open_positions_buys_into_what_the_leader_holds_now(
    gql: GraphQLClient, leader: Person, follower: Person
) -> None:
    await place(gql, leader.token, market_buy(leader.account, qty="0.01"))
    followed = await follow(gql, follower, leader, copyOpenPositions=True)
    assert followed["copyOpenPositions"] is True

    [opened] = await order_nodes(gql, follower.token)
    assert (opened["symbol"], opened["side"], opened["status"]) == ("BTC/USDT", "BUY", "FILLED")
    # 0.01 BTC of a ~10,000 USDT account, copied into a 2,000 USDT allocation: ~0.002 BTC.
    assert Decimal("0.00195") <= Decimal(opened["qty"]) <= Decimal("0.002")


async def test_a_skipped_copy_is_pushed_to_the_follower_with_its_reason(
    gql: GraphQLClient, app: Starlette, leader: Person, follower: Person
) -> None:
    await follow(gql, follower, leader, allocation="100", fixedAmount="1", sizing="FIXED")
    async with graphql_ws(app, {"authorization": f"Bearer {follower.token}"}) as ws:
        query = "subscription { copySkipped { traderId symbol side skipReason } }"
        await ws.send_json({"id": "c", "type": "subscribe", "payload": {"query": query}})
        await asyncio.sleep(0.2)  # the subscription is registered on the bus
        await place(gql, leader.token, market_buy(leader.account, qty="0.01"))
        message = await next_of(ws, "c")
    skipped = message["payload"]["data"]["copySkipped"]
    # 1 USDT per trade is under the venue's 5 USDT minimum order value.
    assert skipped == {"traderId": leader.id, "symbol": "BTC/USDT", "side": "buy",
                       "skipReason": "below_min_notional"}  # fmt: skip
    trades = (await gql.data(COPY_TRADES, {"t": leader.id}, follower.token))["copyTrades"]
    assert [(t["orderId"], t["skipReason"]) for t in trades] == [(None, "below_min_notional")]
