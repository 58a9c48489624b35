"""GraphQL documents and small helpers shared by the trading tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

ORDER_FIELDS = (
    "id accountId symbol clientOrderId side type timeInForce qty price filledQty remainingQty "
    "avgFillPrice feePaid status rejectReason"
)
PLACE = f"mutation($i: PlaceOrderInput!) {{ placeOrder(input: $i) {{ {ORDER_FIELDS} }} }}"
CANCEL = f"mutation($id: ID!) {{ cancelOrder(id: $id) {{ {ORDER_FIELDS} }} }}"
CANCEL_ALL = (
    f"mutation($a: ID, $s: String) {{ cancelAllOrders(accountId: $a, symbol: $s) "
    f"{{ {ORDER_FIELDS} }} }}"
)
ORDER = f"query($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS} }} }}"
ORDERS = (
    "query($st: [OrderStatus!], $s: String, $f: Int, $a: String) "
    "{ orders(status: $st, symbol: $s, first: $f, after: $a) "
    f"{{ edges {{ cursor node {{ {ORDER_FIELDS} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
)
FILLS = (
    "query($s: String, $f: Int, $a: String) { fills(symbol: $s, first: $f, after: $a) "
    "{ edges { cursor node { id orderId tradeId symbol side price qty fee feeCurrency "
    "liquidity } } pageInfo { hasNextPage endCursor } } }"
)


async def paper_account(gql: GraphQLClient, token: str) -> str:
    data = await gql.data("{ exchangeAccounts { id } }", token=token)
    account_id: str = data["exchangeAccounts"][0]["id"]
    return account_id


def limit_buy(account_id: str, **overrides: Any) -> dict[str, Any]:
    """A BTC buy far below the market: it rests, open."""
    order = {
        "accountId": account_id,
        "symbol": "BTC/USDT",
        "side": "BUY",
        "type": "LIMIT",
        "timeInForce": "GTC",
        "qty": "0.001",
        "price": "50000",
    }
    return {**order, **overrides}


def market_buy(account_id: str, **overrides: Any) -> dict[str, Any]:
    order = {
        "accountId": account_id,
        "symbol": "BTC/USDT",
        "side": "BUY",
        "type": "MARKET",
        "timeInForce": "IOC",
        "qty": "0.001",
    }
    return {**order, **overrides}


async def place(gql: GraphQLClient, token: str, order: dict[str, Any]) -> dict[str, Any]:
    placed: dict[str, Any] = (await gql.data(PLACE, {"i": order}, token=token))["placeOrder"]
    return placed


async def order_nodes(gql: GraphQLClient, token: str, **variables: Any) -> list[dict[str, Any]]:
    data = await gql.data(ORDERS, variables, token=token)
    return [edge["node"] for edge in data["orders"]["edges"]]


async def fill_nodes(gql: GraphQLClient, token: str, **variables: Any) -> list[dict[str, Any]]:
    data = await gql.data(FILLS, variables, token=token)
    return [edge["node"] for edge in data["fills"]["edges"]]
