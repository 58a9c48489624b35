"""Query.portfolio reads the user's accounts and fills in one statement: the numbers are the
ones the separate reads give, and only the caller's own accounts and fills are in them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from starlette.applications import Starlette

from api.container import Services
from api.services.pnl import PortfolioSnapshot
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import PLACE, market_buy, paper_account
from tests.support.polling import eventually
from tests.support.sql import statements

pytestmark = pytest.mark.paper_trading_without_step_up

PORTFOLIO = (
    "{ portfolio { totalValue realisedPnl holdings { accountId currency total value } "
    "positions { accountId symbol qty avgCost feesPaid } } }"
)


def price_free(snapshot: PortfolioSnapshot) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What does not move with the market: balances and positions (marks and prices do)."""
    holdings = [
        (b.account_id, b.venue, b.label, b.currency, b.free, b.used)
        for b in (h.balance for h in snapshot.holdings)
    ]
    positions = [
        (p.account_id, p.venue, q.symbol, q.qty, q.avg_cost, q.realised, q.fees)
        for p, q in ((p, p.position) for p in snapshot.positions)
    ]
    return holdings, positions


async def buy(gql: GraphQLClient, token: str, account: str, symbol: str, qty: str) -> None:
    placed = await gql.data(PLACE, {"i": market_buy(account, symbol=symbol, qty=qty)}, token)
    assert placed["placeOrder"]["status"] == "FILLED", placed


async def test_one_statement_gives_the_separate_reads_numbers_and_only_the_users_own(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    alice_token = await gql.register("alice@example.com")
    bob_token = await gql.register("bob@example.com")
    alice = await services.accounts.find_by_email("alice@example.com")
    bob = await services.accounts.find_by_email("bob@example.com")
    assert alice is not None and bob is not None
    first = await paper_account(gql, alice_token)
    second = await services.portfolio.open_paper_account(
        alice.id, {"USDT": Decimal("5000"), "ETH": Decimal("1")}, label="Paper 2"
    )
    bobs = await paper_account(gql, bob_token)
    await buy(gql, alice_token, first, "BTC/USDT", "0.001")
    await buy(gql, alice_token, first, "BTC/USDT", "0.002")
    await buy(gql, alice_token, second.id, "ETH/USDT", "0.05")
    await buy(gql, bob_token, bobs, "SOL/USDT", "1")

    async def positions(user_id: str) -> int:
        return len(await services.pnl.positions(user_id))

    await eventually(lambda: positions(alice.id), lambda n: n == 2)
    await eventually(lambda: positions(bob.id), lambda n: n == 1)

    for user_id, own in ((alice.id, {first, second.id}), (bob.id, {bobs})):
        snapshot = await services.pnl.snapshot(user_id)
        separate = await services.pnl.snapshot(
            user_id, positions=await services.pnl.positions(user_id)
        )
        assert price_free(snapshot) == price_free(separate)
        assert {h.balance.account_id for h in snapshot.holdings} == own
        assert {p.account_id for p in snapshot.positions} <= own

    alice_view = (await gql.data(PORTFOLIO, token=alice_token))["portfolio"]
    by_symbol = {p["symbol"]: p for p in alice_view["positions"]}
    assert set(by_symbol) == {"BTC/USDT", "ETH/USDT"}
    assert Decimal(by_symbol["BTC/USDT"]["qty"]) == Decimal("0.003")
    assert by_symbol["ETH/USDT"]["accountId"] == second.id
    eth = [h for h in alice_view["holdings"] if h["currency"] == "ETH"]
    assert [h["accountId"] for h in eth] == [second.id]
    assert Decimal(eth[0]["total"]) == Decimal("1.05")
    total = Decimal(alice_view["totalValue"])
    assert total == sum(Decimal(h["value"]) for h in alice_view["holdings"])

    bob_view = (await gql.data(PORTFOLIO, token=bob_token))["portfolio"]
    assert [p["symbol"] for p in bob_view["positions"]] == ["SOL/USDT"]
    assert {h["accountId"] for h in bob_view["holdings"]} == {bobs}


async def test_a_signed_in_portfolio_request_costs_one_statement(
    app: Starlette, gql: GraphQLClient
) -> None:
    services: Services = app.state.services
    token = await gql.register("frugal@example.com")
    account = await paper_account(gql, token)
    await buy(gql, token, account, "BTC/USDT", "0.001")
    await eventually(
        lambda: gql.data(PORTFOLIO, token=token), lambda d: d["portfolio"]["positions"]
    )
    await eventually(lambda: _caching(services))
    with statements(services.db) as seen:
        await gql.data(PORTFOLIO, token=token)
    assert len(seen) == 1, seen


async def _caching(services: Services) -> bool:
    return services.accounts.caching
