"""No N+1: reading a page of orders or fills, or the portfolio, costs the same number of SQL
statements whether the user has 2 orders or 12."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import FILLS, ORDERS, PLACE, limit_buy, market_buy, paper_account
from tests.support.polling import eventually
from tests.support.sql import statements

pytestmark = pytest.mark.paper_trading_without_step_up

PORTFOLIO = "{ portfolio { totalValue positions { symbol qty } holdings { currency total } } }"


async def statements_for(app: Starlette, gql: GraphQLClient, query: str, token: str) -> int:
    with statements(app.state.services.db) as seen:
        await gql.data(query, {"f": 50}, token)
    return len(seen)


async def place(gql: GraphQLClient, token: str, account: str, n: int) -> None:
    for i in range(n):
        await gql.data(PLACE, {"i": limit_buy(account, price=str(40000 + i))}, token)
        await gql.data(PLACE, {"i": market_buy(account)}, token)


async def test_pages_and_portfolio_cost_a_constant_number_of_statements(
    app: Starlette, gql: GraphQLClient
) -> None:
    token = await gql.register("counting@example.com")
    account = await paper_account(gql, token)

    async def fills() -> int:
        data = await gql.data(FILLS, {"f": 50}, token)
        return len(data["fills"]["edges"])

    await place(gql, token, account, 1)
    await eventually(fills, lambda n: n >= 1)
    small = [await statements_for(app, gql, q, token) for q in (ORDERS, FILLS, PORTFOLIO)]
    await place(gql, token, account, 5)
    await eventually(fills, lambda n: n >= 6)
    large = [await statements_for(app, gql, q, token) for q in (ORDERS, FILLS, PORTFOLIO)]
    assert large == small, f"statements grew with rows: {small} -> {large}"
    assert all(n <= 6 for n in large), large
