from __future__ import annotations

from decimal import Decimal

from tests.conftest import GraphQLClient

ACCOUNTS = "{ exchangeAccounts { id venue label } }"
BALANCES = "{ balances { accountId currency free used total } }"


async def test_new_user_gets_a_funded_paper_account(gql: GraphQLClient) -> None:
    token = await gql.register("paper@example.com")
    accounts = (await gql.data(ACCOUNTS, token=token))["exchangeAccounts"]
    assert [(a["venue"], a["label"]) for a in accounts] == [("sim", "Paper (sim)")]
    balances = (await gql.data(BALANCES, token=token))["balances"]
    usdt = [b for b in balances if b["currency"] == "USDT"]
    assert len(usdt) == 1
    assert Decimal(usdt[0]["total"]) == Decimal("10000")
    assert usdt[0]["accountId"] == accounts[0]["id"]


async def test_user_b_cannot_see_user_a_accounts_or_balances(gql: GraphQLClient) -> None:
    token_a = await gql.register("a@example.com")
    token_b = await gql.register("b@example.com")
    ids_a = {a["id"] for a in (await gql.data(ACCOUNTS, token=token_a))["exchangeAccounts"]}
    ids_b = {a["id"] for a in (await gql.data(ACCOUNTS, token=token_b))["exchangeAccounts"]}
    assert ids_a and ids_b and not ids_a & ids_b
    balances_b = (await gql.data(BALANCES, token=token_b))["balances"]
    assert {b["accountId"] for b in balances_b} == ids_b


async def test_private_queries_need_a_session(gql: GraphQLClient) -> None:
    assert await gql.error_code(ACCOUNTS) == "UNAUTHENTICATED"
    assert await gql.error_code(BALANCES) == "UNAUTHENTICATED"
