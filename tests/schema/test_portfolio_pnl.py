"""Query.portfolio and Subscription.livePnl: holdings valued in USDT, positions from fills."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import PLACE, market_buy, paper_account
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually

PORTFOLIO_FIELDS = (
    "quote totalValue dayChange realisedPnl unrealisedPnl unpriced "
    "holdings { currency total price value } "
    "positions { accountId symbol qty avgCost mark realisedPnl unrealisedPnl feesPaid }"
)
PORTFOLIO = f"{{ portfolio {{ {PORTFOLIO_FIELDS} }} }}"
LIVE = f"subscription {{ livePnl(maxRate: 50) {{ {PORTFOLIO_FIELDS} }} }}"

pytestmark = pytest.mark.paper_trading_without_step_up


async def _portfolio(gql: GraphQLClient, token: str) -> dict[str, Any]:
    data: dict[str, Any] = (await gql.data(PORTFOLIO, token=token))["portfolio"]
    return data


async def test_a_new_account_is_worth_its_paper_funds(gql: GraphQLClient) -> None:
    token = await gql.register("fresh@example.com")
    portfolio = await _portfolio(gql, token)
    assert portfolio["quote"] == "USDT"
    assert Decimal(portfolio["totalValue"]) == Decimal("10000")
    assert Decimal(portfolio["dayChange"]) == 0
    assert portfolio["positions"] == [] and portfolio["unpriced"] == []


async def test_a_fill_becomes_a_position_valued_at_the_market(gql: GraphQLClient) -> None:
    token = await gql.register("holder@example.com")
    other = await gql.register("other@example.com")
    account = await paper_account(gql, token)
    placed = (await gql.data(PLACE, {"i": market_buy(account)}, token))["placeOrder"]
    assert placed["status"] == "FILLED"

    async def position() -> dict[str, Any] | None:
        found = (await _portfolio(gql, token))["positions"]
        return found[0] if found else None

    btc = await eventually(position)
    assert btc["symbol"] == "BTC/USDT" and btc["accountId"] == account
    assert Decimal(placed["avgFillPrice"]) == Decimal(btc["avgCost"])
    fee = Decimal(btc["feesPaid"])
    assert fee > 0
    portfolio = await _portfolio(gql, token)
    mark = Decimal(btc["mark"])
    qty = Decimal(btc["qty"])
    assert Decimal(btc["unrealisedPnl"]) == (mark - Decimal(btc["avgCost"])) * qty
    holdings = {h["currency"]: h for h in portfolio["holdings"]}
    assert Decimal(holdings["BTC"]["total"]) == qty
    total = Decimal(portfolio["totalValue"])
    assert total == sum(Decimal(h["value"]) for h in portfolio["holdings"])
    # Nothing appears or vanishes: funds = start + realised (fees) + unrealised.
    pnl = Decimal(portfolio["realisedPnl"]) + Decimal(portfolio["unrealisedPnl"])
    assert total == Decimal("10000") + pnl
    # Isolation: the other user's portfolio shows none of it.
    theirs = await _portfolio(gql, other)
    assert theirs["positions"] == [] and Decimal(theirs["totalValue"]) == Decimal("10000")


async def test_live_pnl_starts_now_and_follows_new_fills(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("live@example.com")
    account = await paper_account(gql, token)
    async with graphql_ws(app, {"authorization": f"Bearer {token}"}) as ws:
        await ws.send_json({"id": "p", "type": "subscribe", "payload": {"query": LIVE}})
        first = (await next_of(ws, "p"))["payload"]["data"]["livePnl"]
        assert first["positions"] == []
        await gql.data(PLACE, {"i": market_buy(account)}, token)
        for _ in range(200):
            frame = (await next_of(ws, "p"))["payload"]["data"]["livePnl"]
            if frame["positions"]:
                break
    assert frame["positions"][0]["symbol"] == "BTC/USDT"
    assert Decimal(frame["positions"][0]["qty"]) > 0


async def test_live_pnl_needs_a_session(app: Starlette) -> None:
    async with graphql_ws(app) as ws:
        await ws.send_json({"id": "p", "type": "subscribe", "payload": {"query": LIVE}})
        message = await next_of(ws, "p")
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
