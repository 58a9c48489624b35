"""Widget-token helpers over the real GraphQL API."""

from __future__ import annotations

from tests.conftest import GraphQLClient

CREATE = (
    "mutation($l: String!) { createWidgetToken(label: $l) "
    "{ token widgetToken { id label createdAt expiresAt } } }"
)
REVOKE = "mutation($id: ID!) { revokeWidgetToken(id: $id) }"
LIST = "{ widgetTokens { id label } }"
SNAPSHOT = "query($k: String!, $s: String!) { widgetSnapshot(kind: $k, size: $s) { etag payload } }"


async def widget_token(gql: GraphQLClient, full_token: str, label: str = "Home") -> tuple[str, str]:
    """(secret, id) of a new widget token."""
    created = (await gql.data(CREATE, {"l": label}, full_token))["createWidgetToken"]
    return created["token"], created["widgetToken"]["id"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
