"""GET /widgets/{kind}?size= over the running app."""

from __future__ import annotations

import json

import httpx
import jsonschema
import pytest

from tests.conftest import GraphQLClient
from tests.widgets.helpers import REVOKE, SNAPSHOT, bearer, widget_token
from widgets.kinds import KINDS, MAX_PAYLOAD_BYTES, SIZES
from widgets.schema_files import payload_schema


@pytest.mark.parametrize("kind", KINDS)
async def test_every_kind_and_size_is_served_small_and_valid(
    client: httpx.AsyncClient, gql: GraphQLClient, kind: str
) -> None:
    token, _ = await widget_token(gql, await gql.register("w@example.com"))
    for size in SIZES:
        response = await client.get(
            f"/widgets/{kind}", params={"size": size}, headers=bearer(token)
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert response.headers["cache-control"] == "private, max-age=30"
        assert len(response.content) <= MAX_PAYLOAD_BYTES
        payload = response.json()
        jsonschema.validate(payload, payload_schema(kind))
        assert (payload["v"], payload["k"], payload["s"]) == (1, kind, size[0])


async def test_etag_hit_answers_304_without_a_body(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    token, _ = await widget_token(gql, await gql.register("w@example.com"))
    first = await client.get("/widgets/portfolio?size=small", headers=bearer(token))
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    hit = await client.get(
        "/widgets/portfolio?size=small", headers=bearer(token) | {"If-None-Match": etag}
    )
    assert hit.status_code == 304 and hit.content == b""
    assert hit.headers["etag"] == etag and hit.headers["cache-control"].startswith("private")
    miss = await client.get(
        "/widgets/portfolio?size=small", headers=bearer(token) | {"If-None-Match": '"stale"'}
    )
    assert miss.status_code == 200 and miss.content == first.content


async def test_graphql_widget_snapshot_is_the_same_json(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("w@example.com")
    token, _ = await widget_token(gql, full)
    http = await client.get("/widgets/watchlist?size=large", headers=bearer(token))
    via_widget = await gql.data(SNAPSHOT, {"k": "watchlist", "s": "large"}, token)
    via_full = await gql.data(SNAPSHOT, {"k": "watchlist", "s": "large"}, full)
    for data in (via_widget, via_full):
        assert data["widgetSnapshot"] == {"etag": http.headers["etag"], "payload": http.json()}
    assert json.loads(http.content)["w"][0]["y"] == "BTC/USDT"


async def test_full_session_token_reads_the_same_snapshot(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("w@example.com")
    token, _ = await widget_token(gql, full)
    by_widget = await client.get("/widgets/bots", headers=bearer(token))
    by_full = await client.get("/widgets/bots", headers=bearer(full))
    assert by_full.status_code == 200 and by_full.content == by_widget.content
    assert by_full.json()["s"] == "m"  # medium when no size is given


@pytest.mark.parametrize(
    ("path", "field"),
    [("/widgets/orders", "kind"), ("/widgets/portfolio?size=huge", "size")],
)
async def test_unknown_kind_or_size_is_404_with_a_json_error(
    client: httpx.AsyncClient, gql: GraphQLClient, path: str, field: str
) -> None:
    token, _ = await widget_token(gql, await gql.register("w@example.com"))
    response = await client.get(path, headers=bearer(token))
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "NOT_FOUND" and field in error["message"]
    code = await gql.error_code(
        "query($k: String!, $s: String!) { widgetSnapshot(kind: $k, size: $s) { etag } }",
        {
            "k": "orders" if field == "kind" else "portfolio",
            "s": "huge" if field == "size" else "small",
        },
        token,
    )
    assert code == "BAD_USER_INPUT"


async def test_missing_wrong_and_revoked_tokens_are_401_alike(
    client: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    full = await gql.register("w@example.com")
    token, token_id = await widget_token(gql, full)
    assert (await client.get("/widgets/portfolio", headers=bearer(token))).status_code == 200
    assert await gql.data(REVOKE, {"id": token_id}, full) == {"revokeWidgetToken": True}
    missing = await client.get("/widgets/portfolio")
    unknown = await client.get("/widgets/portfolio", headers=bearer("co_not-a-real-token"))
    revoked = await client.get("/widgets/portfolio", headers=bearer(token))
    assert missing.status_code == unknown.status_code == revoked.status_code == 401
    assert missing.json()["error"]["code"] == "UNAUTHENTICATED"
    # Nothing tells an unknown token from a revoked one (or whose it was).
    assert unknown.content == revoked.content
    assert "www-authenticate" in revoked.headers


async def test_a_revoked_token_stops_on_graphql_too(gql: GraphQLClient) -> None:
    full = await gql.register("w@example.com")
    token, token_id = await widget_token(gql, full)
    await gql.data(SNAPSHOT, {"k": "portfolio", "s": "small"}, token)
    await gql.data(REVOKE, {"id": token_id}, full)
    code = await gql.error_code(SNAPSHOT, {"k": "portfolio", "s": "small"}, token)
    assert code == "UNAUTHENTICATED"
