"""Subscription results shared across subscribers: one execution and one encoding per frame."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from starlette.applications import Starlette
from strawberry.types import ExecutionResult

from schema.shared_results import SharedFrame, SharingExecutionContext, encode_message
from tests.support.graphql_ws import graphql_ws, next_of

resolved: dict[str, int] = {"shared": 0, "private": 0}


@strawberry.type
class Shared(SharedFrame):
    n: int

    @strawberry.field
    def doubled(self, by: int = 2) -> int:
        resolved["shared"] += 1
        return self.n * by


@strawberry.type
class Private:
    n: int

    @strawberry.field
    def doubled(self) -> int:
        resolved["private"] += 1
        return self.n * 2


SHARED_FRAMES = [Shared(n=1), Shared(n=2)]
PRIVATE_FRAMES = [Private(n=1), Private(n=2)]


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Subscription:
    @strawberry.subscription
    async def shared(self) -> AsyncGenerator[Shared, None]:
        for frame in SHARED_FRAMES:
            yield frame

    @strawberry.subscription
    async def private(self) -> AsyncGenerator[Private, None]:
        for frame in PRIVATE_FRAMES:
            yield frame


schema = strawberry.Schema(
    query=Query, subscription=Subscription, execution_context_class=SharingExecutionContext
)


async def collect(query: str, variables: dict[str, Any] | None = None) -> list[ExecutionResult]:
    stream = await schema.subscribe(query, variable_values=variables)
    assert not isinstance(stream, ExecutionResult)
    return [result async for result in stream]


async def test_a_shared_frame_is_executed_once_for_every_subscriber_of_one_document() -> None:
    resolved.update(shared=0, private=0)
    query = "subscription { shared { n doubled } }"
    runs = await asyncio.gather(*(collect(query) for _ in range(5)))
    for results in runs:
        assert [r.data for r in results] == [
            {"shared": {"n": 1, "doubled": 2}},
            {"shared": {"n": 2, "doubled": 4}},
        ]
    assert resolved["shared"] == 2  # two frames, five subscribers: executed once per frame


async def test_other_variables_or_documents_get_their_own_execution() -> None:
    resolved.update(shared=0)
    query = "subscription($by: Int!) { shared { doubled(by: $by) } }"
    by_two, by_three = await asyncio.gather(collect(query, {"by": 2}), collect(query, {"by": 3}))
    assert [r.data for r in by_two] == [{"shared": {"doubled": 2}}, {"shared": {"doubled": 4}}]
    assert [r.data for r in by_three] == [{"shared": {"doubled": 3}}, {"shared": {"doubled": 6}}]
    assert resolved["shared"] == 4


async def test_frames_that_are_not_shared_run_per_subscriber() -> None:
    resolved.update(private=0)
    query = "subscription { private { doubled } }"
    runs = await asyncio.gather(*(collect(query) for _ in range(3)))
    assert all(len(results) == 2 for results in runs)
    assert resolved["private"] == 6


async def test_a_shared_result_is_encoded_as_the_normal_message_with_each_id() -> None:
    (first, _) = await collect("subscription { shared { n doubled } }")
    for op_id in ("a", "b-2"):
        message = {"id": op_id, "type": "next", "payload": {"data": first.data}}
        text = encode_message(message)
        assert text is not None and json.loads(text) == message
    assert encode_message({"id": "x", "type": "next", "payload": {"data": {"other": 1}}}) is None
    with_errors = {"id": "x", "type": "next", "payload": {"data": first.data, "errors": []}}
    assert encode_message(with_errors) is None


BOOK = (
    'subscription($d: Int) { orderBook(symbol: "BTC/USDT", depth: $d, maxRate: 50)'
    " { seq bids { price qty } asks { price qty } } }"
)


async def test_order_book_subscribers_share_frames_and_depths_stay_apart(app: Starlette) -> None:
    async with graphql_ws(app) as one, graphql_ws(app) as two, graphql_ws(app) as deep:
        for ws, op_id, depth in ((one, "a", 5), (two, "b", 5), (deep, "c", 12)):
            payload = {"query": BOOK, "variables": {"d": depth}}
            await ws.send_json({"id": op_id, "type": "subscribe", "payload": payload})
        books: dict[str, dict[str, dict[str, Any]]] = {"a": {}, "b": {}, "c": {}}
        for _ in range(6):
            for ws, op_id in ((one, "a"), (two, "b"), (deep, "c")):
                book = (await next_of(ws, op_id))["payload"]["data"]["orderBook"]
                books[op_id][book["seq"]] = book
    common = set(books["a"]) & set(books["b"])
    assert common, "both subscribers saw at least one common sequence"
    for seq in common:
        assert books["a"][seq] == books["b"][seq]
        assert len(books["a"][seq]["bids"]) == 5
    assert all(len(book["bids"]) == 12 for book in books["c"].values())
