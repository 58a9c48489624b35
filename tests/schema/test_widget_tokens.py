"""createWidgetToken / widgetTokens / revokeWidgetToken: a full session manages its own tokens."""

from __future__ import annotations

from tests.conftest import GraphQLClient
from tests.widgets.helpers import CREATE, LIST, REVOKE, SNAPSHOT, widget_token


async def test_create_list_and_revoke(gql: GraphQLClient) -> None:
    full = await gql.register("w@example.com")
    created = (await gql.data(CREATE, {"l": "  Home screen  "}, full))["createWidgetToken"]
    assert created["token"].startswith("co_")
    assert created["widgetToken"]["label"] == "Home screen"
    assert created["widgetToken"]["expiresAt"] > created["widgetToken"]["createdAt"]
    other_token, other_id = await widget_token(gql, full, "Lock screen")
    listed = (await gql.data(LIST, token=full))["widgetTokens"]
    assert [t["label"] for t in listed] == ["Home screen", "Lock screen"]
    assert "token" not in listed[0]  # the secret is never shown again
    await gql.data(REVOKE, {"id": other_id}, full)
    assert [t["label"] for t in (await gql.data(LIST, token=full))["widgetTokens"]] == [
        "Home screen"
    ]
    assert await gql.error_code(REVOKE, {"id": other_id}, full) == "NOT_FOUND"  # only once
    assert await gql.error_code(SNAPSHOT, {"k": "bots", "s": "small"}, other_token) == (
        "UNAUTHENTICATED"
    )


async def test_another_user_can_neither_see_nor_revoke_my_tokens(gql: GraphQLClient) -> None:
    alice = await gql.register("alice@example.com")
    bob = await gql.register("bob@example.com")
    alice_widget, alice_id = await widget_token(gql, alice)
    assert (await gql.data(LIST, token=bob))["widgetTokens"] == []
    assert await gql.error_code(REVOKE, {"id": alice_id}, bob) == "NOT_FOUND"
    assert (await gql.data(SNAPSHOT, {"k": "bots", "s": "small"}, alice_widget))["widgetSnapshot"]


async def test_a_widget_token_cannot_manage_widget_tokens(gql: GraphQLClient) -> None:
    full = await gql.register("w@example.com")
    token, token_id = await widget_token(gql, full)
    assert await gql.error_code(CREATE, {"l": "More"}, token) == "FORBIDDEN"
    assert await gql.error_code(LIST, token=token) == "FORBIDDEN"
    assert await gql.error_code(REVOKE, {"id": token_id}, token) == "FORBIDDEN"


async def test_label_is_checked_and_tokens_need_a_session(gql: GraphQLClient) -> None:
    full = await gql.register("w@example.com")
    body = await gql.raw(CREATE, {"l": "   "}, full)
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "label"}
    assert await gql.error_code(CREATE, {"l": "x" * 61}, full) == "BAD_USER_INPUT"
    assert await gql.error_code(CREATE, {"l": "Home"}) == "UNAUTHENTICATED"
