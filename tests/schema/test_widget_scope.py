"""A widget token reads widget snapshots and nothing else: every field of the built schema is
walked with one (queries, mutations and subscriptions) and each must be refused."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    is_composite_type,
)
from httpx_ws import WebSocketDisconnect
from starlette.applications import Starlette

from api.errors import Forbidden
from api.services.accounts import Principal
from schema import build_schema
from schema.context import Context
from tests.conftest import GraphQLClient
from tests.support.graphql_ws import websocket
from tests.widgets.helpers import SNAPSHOT, widget_token

SCHEMA = build_schema()._schema  # the graphql-core schema Strawberry built
ALLOWED = {"widgetSnapshot"}
SCALAR_VALUES: dict[str, Any] = {
    "String": "x",
    "ID": "x",
    "Int": 1,
    "Float": 1.0,
    "Boolean": False,
    "Decimal": "1",
    "DateTime": "2026-01-01T00:00:00+00:00",
    "Date": "2026-01-01",
    "JSON": {},
}


def sample_value(type_: GraphQLInputType, depth: int = 0) -> Any:
    """A value of `type_` that passes variable coercion in the common cases."""
    if isinstance(type_, GraphQLNonNull):
        return sample_value(type_.of_type, depth)
    if isinstance(type_, GraphQLList):
        return [sample_value(type_.of_type, depth)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLScalarType):
        return SCALAR_VALUES.get(type_.name, "x")
    assert isinstance(type_, GraphQLInputObjectType)
    fields = type_.fields
    if getattr(type_, "is_one_of", False):
        name, field = next(iter(fields.items()))
        return {name: sample_value(field.type, depth + 1)}
    return {
        name: sample_value(field.type, depth + 1)
        for name, field in fields.items()
        if isinstance(field.type, GraphQLNonNull) and field.default_value is _undefined()
    }


def _undefined() -> Any:
    from graphql.pyutils import Undefined

    return Undefined


def operation(keyword: str, name: str, field: GraphQLField) -> tuple[str, dict[str, Any]]:
    """`keyword W($a0: T!, ...) { name(arg: $a0, ...) { __typename } }` and its variables."""
    definitions, arguments, variables = [], [], {}
    for i, (arg_name, arg) in enumerate(field.args.items()):
        if not isinstance(arg.type, GraphQLNonNull) or arg.default_value is not _undefined():
            continue
        definitions.append(f"$a{i}: {arg.type}")
        arguments.append(f"{arg_name}: $a{i}")
        variables[f"a{i}"] = sample_value(arg.type)
    header = f"{keyword} W({', '.join(definitions)})" if definitions else keyword
    call = f"{name}({', '.join(arguments)})" if arguments else name
    selection = " { __typename }" if is_composite_type(get_named_type(field.type)) else ""
    return f"{header} {{ {call}{selection} }}", variables


def root_fields(root: GraphQLObjectType | None) -> list[tuple[str, GraphQLField]]:
    assert root is not None
    return sorted(root.fields.items())


QUERIES = root_fields(SCHEMA.query_type)
MUTATIONS = root_fields(SCHEMA.mutation_type)
SUBSCRIPTIONS = root_fields(SCHEMA.subscription_type)


def test_the_walk_covers_the_whole_schema() -> None:
    assert len(QUERIES) >= 10 and len(MUTATIONS) >= 10 and len(SUBSCRIPTIONS) >= 2
    assert {"widgetSnapshot", "widgetTokens", "me", "balances"} <= {n for n, _ in QUERIES}


async def test_every_query_and_mutation_is_forbidden_to_a_widget_token(
    gql: GraphQLClient,
) -> None:
    full = await gql.register("owner@example.com")
    token, _ = await widget_token(gql, full)
    refused: list[str] = []
    for keyword, fields in (("query", QUERIES), ("mutation", MUTATIONS)):
        for name, field in fields:
            if name in ALLOWED:
                continue
            query, variables = operation(keyword, name, field)
            body = await gql.raw(query, variables, token)
            assert body.get("data") is None, (name, body)
            codes = [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
            assert codes == ["FORBIDDEN"], (name, query, body)
            refused.append(name)
    assert len(refused) == len(QUERIES) + len(MUTATIONS) - len(ALLOWED)
    # The same token still reads its snapshot, and the full session still works.
    assert (await gql.data(SNAPSHOT, {"k": "portfolio", "s": "small"}, token))["widgetSnapshot"]
    assert (await gql.data("{ me { email } }", token=full))["me"]["email"] == "owner@example.com"


async def test_queries_are_refused_because_of_the_scope_not_the_walk(gql: GraphQLClient) -> None:
    """A full session is never told FORBIDDEN by the same operations. (That the documents are
    valid is shown by the walk itself: an invalid one fails validation before the scope gate.)"""
    full = await gql.register("owner@example.com")
    for name, field in QUERIES:
        query, variables = operation("query", name, field)
        body = await gql.raw(query, variables, full)
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
        assert "FORBIDDEN" not in codes, (name, body)


async def test_widget_token_cannot_mix_snapshot_with_other_fields(gql: GraphQLClient) -> None:
    token, _ = await widget_token(gql, await gql.register("owner@example.com"))
    mixed = '{ widgetSnapshot(kind: "bots") { etag } me { email } }'
    hidden = "query { ...F } fragment F on Query { balances { currency } }"
    for query in (mixed, hidden):
        body = await gql.raw(query, token=token)
        assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    allowed = 'query { ... on Query { widgetSnapshot(kind: "bots") { etag } } __typename }'
    assert (await gql.data(allowed, token=token))["widgetSnapshot"]["etag"]


async def test_every_subscription_is_refused_to_a_widget_token(
    app: Starlette, gql: GraphQLClient
) -> None:
    token, _ = await widget_token(gql, await gql.register("owner@example.com"))
    for name, field in SUBSCRIPTIONS:
        query, variables = operation("subscription", name, field)
        async with websocket(app) as ws:
            init = {"authorization": f"Bearer {token}"}
            await ws.send_json({"type": "connection_init", "payload": init})
            subscribe = {"query": query, "variables": variables}
            await ws.send_json({"id": "1", "type": "subscribe", "payload": subscribe})
            with pytest.raises(WebSocketDisconnect) as closed:
                await ws.receive_json(timeout=5)
        assert closed.value.code == 4403, name


def test_require_user_refuses_a_widget_principal_and_widget_reader_accepts_it() -> None:
    context = Context(services=None, request=None, response=None)  # type: ignore[arg-type]
    context.principal = Principal(user_id="u", session_id="s", scope="widget")
    with pytest.raises(Forbidden):
        context.require_user()
    assert context.require_widget_reader().user_id == "u"
    context.principal = Principal(user_id="u", session_id="s", scope="full")
    assert context.require_user().scope == "full"
