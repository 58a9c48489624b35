"""placeOrder sized by quote amount ("buy 100 USDT of BTC"): the base qty is worked out on the
server, rounded down to the lot step; replays compare the quote amount; the step-up binds it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import GraphQLClient
from tests.schema.passkey_helpers import PASSWORD, enrol, step_up
from tests.schema.trading_helpers import ORDER_FIELDS, paper_account
from tests.support.authenticator import SoftwareAuthenticator

PLACE = (
    "mutation($i: PlaceOrderInput!, $s: StepUpAssertionInput) "
    f"{{ placeOrder(input: $i, stepUp: $s) {{ {ORDER_FIELDS} quoteQty }} }}"
)


def by_quote(account: str, amount: str, **overrides: Any) -> dict[str, Any]:
    order = {
        "accountId": account,
        "symbol": "BTC/USDT",
        "side": "BUY",
        "type": "LIMIT",
        "timeInForce": "GTC",
        "quoteQty": amount,
        "price": "50000",
    }
    return {**order, **overrides}


@pytest.mark.paper_trading_without_step_up
async def test_a_limit_order_sized_by_quote_gets_the_base_qty_at_its_price(
    gql: GraphQLClient,
) -> None:
    token = await gql.register("quote@example.com")
    account = await paper_account(gql, token)
    placed = (await gql.data(PLACE, {"i": by_quote(account, "100")}, token))["placeOrder"]
    assert placed["status"] == "OPEN"
    assert Decimal(placed["qty"]) == Decimal("0.002")
    assert Decimal(placed["quoteQty"]) == Decimal("100")
    odd = (await gql.data(PLACE, {"i": by_quote(account, "77.777")}, token))["placeOrder"]
    assert Decimal(odd["qty"]) == Decimal("0.00155"), "rounded down to the lot step"
    assert Decimal(odd["qty"]) * Decimal("50000") <= Decimal("77.777")


@pytest.mark.paper_trading_without_step_up
async def test_a_market_order_sized_by_quote_spends_about_that_much(gql: GraphQLClient) -> None:
    token = await gql.register("mquote@example.com")
    account = await paper_account(gql, token)
    order = by_quote(account, "250", type="MARKET", timeInForce="IOC", price=None)
    placed = (await gql.data(PLACE, {"i": order}, token))["placeOrder"]
    assert placed["status"] == "FILLED"
    spent = Decimal(placed["filledQty"]) * Decimal(placed["avgFillPrice"])
    assert Decimal("240") < spent <= Decimal("250") * Decimal("1.01")


@pytest.mark.paper_trading_without_step_up
async def test_replays_compare_the_quote_amount(gql: GraphQLClient) -> None:
    token = await gql.register("qreplay@example.com")
    account = await paper_account(gql, token)
    order = by_quote(account, "100", clientOrderId="q-1")
    first = (await gql.data(PLACE, {"i": order}, token))["placeOrder"]
    again = (await gql.data(PLACE, {"i": order}, token))["placeOrder"]
    assert again["id"] == first["id"]
    changed = {**order, "quoteQty": "120"}
    assert await gql.error_code(PLACE, {"i": changed}, token) == "CONFLICT"
    as_qty = {**order, "quoteQty": None, "qty": first["qty"]}
    assert await gql.error_code(PLACE, {"i": as_qty}, token) == "CONFLICT"


@pytest.mark.paper_trading_without_step_up
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"qty": "0.002"}, "qty"),  # both
        ({"quoteQty": None}, "qty"),  # neither
        ({"quoteQty": "0.1"}, "quoteQty"),  # buys less than the minimum
        ({"quoteQty": "-5"}, "quoteQty"),
    ],
)
async def test_bad_quote_sizes_are_refused_and_nothing_is_stored(
    gql: GraphQLClient, changes: dict[str, Any], field: str
) -> None:
    token = await gql.register("qbad@example.com")
    account = await paper_account(gql, token)
    body = await gql.raw(PLACE, {"i": by_quote(account, "100", **changes)}, token)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == field
    orders = await gql.data("{ orders { edges { node { id } } } }", token=token)
    assert orders["orders"]["edges"] == []


async def test_the_step_up_binds_the_quote_amount(gql: GraphQLClient) -> None:
    token = await gql.register("qstep@example.com", PASSWORD)
    device = SoftwareAuthenticator()
    await enrol(gql, token, device, password=PASSWORD)
    account = await paper_account(gql, token)
    order = by_quote(account, "100")
    action = {
        "kind": "placeOrder",
        "account": account,
        "venue": "sim",
        "symbol": "BTC/USDT",
        "side": "buy",
        "type": "limit",
        "timeInForce": "gtc",
        "amount": "100",
        "price": "50000",
    }
    challenge = await gql.data(
        "mutation($a: ActionInput!) { stepUpChallenge(action: $a) { summary } }",
        {"a": action},
        token,
    )
    assert (
        challenge["stepUpChallenge"]["summary"] == "Buy BTC/USDT for 100 USDT at 50,000 USDT on sim"
    )
    as_qty = {**action, "amount": None, "qty": "0.002"}
    wrong = await step_up(gql, token, device, as_qty)
    assert await gql.error_code(PLACE, {"i": order, "s": wrong}, token) == "STEP_UP_MISMATCH"
    proof = await step_up(gql, token, device, action)
    placed = (await gql.data(PLACE, {"i": order, "s": proof}, token))["placeOrder"]
    assert Decimal(placed["quoteQty"]) == Decimal("100") and placed["status"] == "OPEN"
