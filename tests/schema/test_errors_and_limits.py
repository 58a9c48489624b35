from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from graphql import GraphQLError

from api.app import create_app
from api.errors import NotFound
from api.settings import Settings
from schema.errors import INTERNAL_MESSAGE, coded_error
from tests.conftest import GraphQLClient


async def test_malformed_query_is_a_parse_error_and_server_keeps_serving(
    gql: GraphQLClient,
) -> None:
    assert await gql.error_code("{ markets { symbol ") == "GRAPHQL_PARSE_FAILED"
    assert await gql.error_code("{ nosuchfield }") == "GRAPHQL_VALIDATION_FAILED"
    data = await gql.data("{ timeframes }")
    assert data["timeframes"]


async def test_too_many_aliases_are_refused(gql: GraphQLClient) -> None:
    query = "{ " + " ".join(f"a{i}: timeframes" for i in range(16)) + " }"
    body = await gql.raw(query)
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "alias" in body["errors"][0]["message"].lower()
    assert body.get("data") is None


async def test_too_many_tokens_are_refused(gql: GraphQLClient) -> None:
    query = "{ " + " ".join("timeframes" for _ in range(2100)) + " }"
    body = await gql.raw(query)
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert "token" in body["errors"][0]["message"].lower()


@pytest.fixture
async def shallow_gql(settings: Settings) -> AsyncIterator[GraphQLClient]:
    app = create_app(settings.model_copy(update={"graphql_max_depth": 1}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            yield GraphQLClient(http)


async def test_too_deep_query_is_refused(shallow_gql: GraphQLClient) -> None:
    body = await shallow_gql.raw(
        'mutation { login(email: "a@b.cd", password: "x") { user { id } } }'
    )
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "depth" in body["errors"][0]["message"].lower()
    shallow = await shallow_gql.data("{ markets { symbol } }")
    assert shallow["markets"]


def test_our_errors_keep_message_and_code() -> None:
    error = GraphQLError("x", original_error=NotFound("no such bot", field="botId"))
    coded = coded_error(error)
    assert coded.message == "no such bot"
    assert coded.extensions == {"field": "botId", "code": "NOT_FOUND"}


def test_unexpected_errors_are_masked_without_traceback() -> None:
    try:
        raise RuntimeError("secret detail /etc/passwd line 42")
    except RuntimeError as exc:
        error = GraphQLError("secret detail /etc/passwd line 42", original_error=exc)
    coded = coded_error(error)
    assert coded.message == INTERNAL_MESSAGE
    assert coded.extensions == {"code": "INTERNAL_SERVER_ERROR"}
    assert "passwd" not in str(coded.formatted)


ORDER = {"accountId": "a", "symbol": "BTC/USDT", "side": "BUY", "type": "MARKET", "qty": "1"}


@pytest.mark.parametrize(
    "order",
    [
        {**ORDER, "qty": "NaN"},  # the Decimal scalar refuses it
        {**ORDER, "qty": "lots"},
        {**ORDER, "symbol": 42},  # wrong type for String!
        {**ORDER, "colour": "red"},  # no such input field
    ],
)
async def test_variables_that_do_not_coerce_are_bad_user_input(
    gql: GraphQLClient, order: dict[str, object]
) -> None:
    token = await gql.register("coerce@example.com")
    query = "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }"
    body = await gql.raw(query, {"i": order}, token)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] != INTERNAL_MESSAGE and "$i" in error["message"]
