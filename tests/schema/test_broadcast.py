"""Snapshot subscriptions (orderBook) served by broadcast groups (schema/broadcast.py)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import pytest
import strawberry
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute

from schema.broadcast import Broadcasts, Group
from schema.shared_results import SnapshotFrame
from schema.view import GraphQLView
from tests.conftest import GraphQLClient
from tests.support.graphql_ws import graphql_ws, next_of
from tests.support.polling import eventually

BOOK = (
    "subscription($s: String!, $d: Int, $r: Float) { orderBook(symbol: $s, depth: $d, maxRate: $r)"
    " { symbol seq bids { price qty } asks { price qty } } }"
)
TOPIC = "book:sim:ETH/USDT"


def view_of(app: Starlette) -> GraphQLView:
    for route in app.routes:
        if isinstance(route, WebSocketRoute) and isinstance(route.endpoint, GraphQLView):
            return route.endpoint
    raise AssertionError("no GraphQL websocket route")


def broadcasts_of(app: Starlette) -> Broadcasts:
    return view_of(app).broadcasts


def only_group(app: Starlette) -> Group:
    groups = list(broadcasts_of(app).groups.values())
    assert len(groups) == 1, groups
    return groups[0]


def subscribe(op_id: str, variables: dict[str, Any], query: str = BOOK) -> dict[str, Any]:
    return {"id": op_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}


def topic_subscriptions(app: Starlette) -> int:
    """Bus subscriptions of this process to TOPIC alone (the orderBook resolver's; workers
    subscribe to several topics at once)."""
    subscriptions = app.state.services.bus._fanout._subscriptions.get(TOPIC, ())
    return sum(1 for s in subscriptions if tuple(s.topics) == (TOPIC,))


async def topic_subscriptions_now(app: Starlette) -> int:
    return topic_subscriptions(app)


async def members(app: Starlette) -> int:
    return sum(len(g.members) for g in broadcasts_of(app).groups.values())


class AsgiSocket:
    """A graphql-transport-ws client speaking ASGI to the app, with a socket buffer of
    `buffered` messages: while it does not read, the server's next send waits (as a full TCP
    socket makes uvicorn's send wait)."""

    def __init__(self, app: Starlette, buffered: int) -> None:
        self.app = app
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=buffered)
        self.sends_waiting = 0
        self.task: asyncio.Task[None] | None = None

    async def _receive(self) -> dict[str, Any]:
        return await self.inbox.get()

    async def _send(self, message: dict[str, Any]) -> None:
        self.sends_waiting += 1
        try:
            await self.outbox.put(message)
        finally:
            self.sends_waiting -= 1

    async def start(self) -> None:
        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "root_path": "",
            "query_string": b"",
            "headers": [(b"host", b"t"), (b"sec-websocket-protocol", b"graphql-transport-ws")],
            "subprotocols": ["graphql-transport-ws"],
            "client": ("127.0.0.1", 1),
            "server": ("t", 80),
            "state": {},
            "app": self.app,
        }
        self.inbox.put_nowait({"type": "websocket.connect"})
        self.task = asyncio.create_task(self.app(scope, self._receive, self._send))  # type: ignore[arg-type]
        accept = await self.read_raw()
        assert accept["type"] == "websocket.accept", accept
        self.write({"type": "connection_init", "payload": {}})
        assert (await self.read())["type"] == "connection_ack"

    def write(self, message: dict[str, Any]) -> None:
        self.inbox.put_nowait({"type": "websocket.receive", "text": json.dumps(message)})

    async def read_raw(self) -> dict[str, Any]:
        return await asyncio.wait_for(self.outbox.get(), 10)

    async def read(self) -> dict[str, Any]:
        raw = await self.read_raw()
        assert raw["type"] == "websocket.send", raw
        message: dict[str, Any] = json.loads(raw["text"])
        return message

    async def close(self) -> None:
        self.inbox.put_nowait({"type": "websocket.disconnect", "code": 1000})
        while self.task is not None and not self.task.done():  # let a waiting send finish
            with suppress(TimeoutError):
                await asyncio.wait_for(self.outbox.get(), 0.05)
        if self.task is not None:
            await self.task


@asynccontextmanager
async def asgi_socket(app: Starlette, buffered: int) -> AsyncIterator[AsgiSocket]:
    socket = AsgiSocket(app, buffered)
    await socket.start()
    try:
        yield socket
    finally:
        await socket.close()


async def test_subscribers_of_one_book_share_one_group_and_get_identical_frames(
    app: Starlette,
) -> None:
    variables = {"s": "ETH/USDT", "d": 5, "r": 50.0}
    assert topic_subscriptions(app) == 0
    async with (
        graphql_ws(app) as a,
        graphql_ws(app) as b,
        graphql_ws(app) as c,
    ):
        sockets = {"a-op": a, "b-op": b, "c-op": c}
        firsts = {}
        for op, ws in sockets.items():
            await ws.send_json(subscribe(op, variables))
            firsts[op] = (await next_of(ws, op))["payload"]["data"]["orderBook"]
        group = only_group(app)
        assert len(group.members) == 3
        for first in firsts.values():  # full state first: the whole top 5 of both sides
            assert len(first["bids"]) == len(first["asks"]) == 5 and first["symbol"] == "ETH/USDT"
        by_seq: dict[str, dict[str, Any]] = {}
        for op, ws in sockets.items():
            seqs = [int(firsts[op]["seq"])]
            for _ in range(6):
                message = await next_of(ws, op)
                assert message["id"] == op and message["type"] == "next"
                book = message["payload"]["data"]["orderBook"]
                seqs.append(int(book["seq"]))
                assert by_seq.setdefault(book["seq"], book) == book  # same seq, same frame
            assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs), seqs
        assert topic_subscriptions(app) == 1  # one bus subscription for the group
    await eventually(lambda: members(app), lambda n: n == 0)
    await eventually(lambda: topic_subscriptions_now(app), lambda n: n == 0)
    assert broadcasts_of(app).groups == {}


async def test_slow_socket_holds_nobody_back_and_gets_the_latest_frame_not_a_backlog(
    app: Starlette,
) -> None:
    variables = {"s": "ETH/USDT", "d": 5, "r": 100.0}
    async with graphql_ws(app) as fast, asgi_socket(app, buffered=1) as slow:
        await fast.send_json(subscribe("f", variables))
        await next_of(fast, "f")
        slow.write(subscribe("s", variables))
        # The slow socket's buffer fills and the server's next send to it waits...
        await eventually(lambda: asyncio.sleep(0, slow.sends_waiting), lambda n: n == 1)
        group = only_group(app)
        waited_at = group.frames
        # ...while the fast one gets frames made well after that.
        while group.frames < waited_at + 5:
            await next_of(fast, "f")
        target = int(json.loads(group.last)["data"]["orderBook"]["seq"])
        seq = 0
        while seq < target:
            seq = int((await next_of(fast, "f"))["payload"]["data"]["orderBook"]["seq"])
        # It now reads: what was buffered, the send that waited, then the group's latest
        # frame — not the frames it missed.
        got = [await slow.read() for _ in range(3)]
        assert [m["id"] for m in got] == ["s"] * 3
        seqs = [int(m["payload"]["data"]["orderBook"]["seq"]) for m in got]
        assert seqs[0] < seqs[1] < target <= seqs[2], (seqs, target)


async def test_variables_pick_the_group_and_complete_or_disconnect_leave_it(
    app: Starlette,
) -> None:
    five = {"s": "ETH/USDT", "d": 5, "r": 50.0}
    ten = {"s": "ETH/USDT", "d": 10, "r": 50.0}
    assert topic_subscriptions(app) == 0
    async with graphql_ws(app) as a, graphql_ws(app) as b:
        await a.send_json(subscribe("x", five))
        await a.send_json(subscribe("y", ten))
        await b.send_json(subscribe("z", five))
        x = (await next_of(a, "x"))["payload"]["data"]["orderBook"]
        y = (await next_of(a, "y"))["payload"]["data"]["orderBook"]
        await next_of(b, "z")
        assert len(x["bids"]) == 5 and len(y["bids"]) == 10
        groups = broadcasts_of(app).groups
        assert sorted(len(g.members) for g in groups.values()) == [1, 2]
        assert topic_subscriptions(app) == 2  # one per group
        # `complete` leaves the group; the other member keeps its frames.
        await a.send_json({"id": "x", "type": "complete"})
        await eventually(lambda: members(app), lambda n: n == 2)
        assert sorted(len(g.members) for g in groups.values()) == [1, 1]
        await next_of(b, "z")
        await next_of(b, "z")
    # Disconnects leave: the groups stop and the bus topic (and the feed) is released.
    await eventually(lambda: members(app), lambda n: n == 0)
    await eventually(lambda: topic_subscriptions_now(app), lambda n: n == 0)
    await broadcasts_of(app).drain()
    assert broadcasts_of(app).groups == {}


async def test_bad_input_is_answered_per_subscriber_while_a_group_streams(app: Starlette) -> None:
    good = {"s": "ETH/USDT", "d": 5, "r": 50.0}
    async with graphql_ws(app) as a, graphql_ws(app) as b:
        await a.send_json(subscribe("g", good))
        await next_of(a, "g")
        await b.send_json(subscribe("bad", {"s": "ETH/USDT", "d": 5, "r": 0.0}))
        message = await next_of(b, "bad")
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert len(only_group(app).members) == 1


LIVE_PNL = "subscription { livePnl(maxRate: 50) { totalValue } }"
ORDER_UPDATES = "subscription { orderUpdates { id status } }"


async def test_viewer_dependent_subscriptions_never_use_a_group(
    app: Starlette, gql: GraphQLClient
) -> None:
    view = view_of(app)
    schema = view.schema
    assert view.broadcasts.broadcastable(schema, BOOK, None)
    assert not view.broadcasts.broadcastable(schema, LIVE_PNL, None)
    assert not view.broadcasts.broadcastable(schema, ORDER_UPDATES, None)
    ann, bob = await gql.register("ann@example.com"), await gql.register("bob@example.com")
    async with (
        graphql_ws(app, {"authorization": f"Bearer {ann}"}) as a,
        graphql_ws(app, {"authorization": f"Bearer {bob}"}) as b,
    ):
        for ws in (a, b):  # the same document for two users: two private streams
            await ws.send_json({"id": "p", "type": "subscribe", "payload": {"query": LIVE_PNL}})
            await ws.send_json(
                {"id": "o", "type": "subscribe", "payload": {"query": ORDER_UPDATES}}
            )
            assert (await next_of(ws, "p"))["type"] == "next"
        assert view.broadcasts.groups == {}


@strawberry.type
class Snap(SnapshotFrame):
    n: int

    @strawberry.field
    def checked(self) -> int | None:
        if self.n == 2:
            raise ValueError("frame 2 is bad")
        return self.n


@strawberry.type
class SnapQuery:
    ok: bool = True


snap_gates: list[asyncio.Event] = []


@strawberry.type
class SnapSubscription:
    @strawberry.subscription
    async def snaps(self, fail: bool = False) -> AsyncGenerator[Snap, None]:
        yield Snap(n=1)
        await snap_gates[0].wait()
        yield Snap(n=2)
        await snap_gates[1].wait()
        yield Snap(n=3)
        if fail:
            raise RuntimeError("the feed broke")
        await asyncio.Event().wait()  # otherwise the stream stays open


@pytest.fixture
def snap_app() -> Starlette:
    snap_gates[:] = [asyncio.Event(), asyncio.Event()]
    view = GraphQLView(strawberry.Schema(query=SnapQuery, subscription=SnapSubscription))
    application = Starlette(routes=[WebSocketRoute("/graphql", view)])
    application.state.services = None  # this schema needs none
    return application


SNAPS = "subscription($f: Boolean!) { snaps(fail: $f) { n checked } }"


async def test_an_error_in_a_frame_reaches_every_member_and_a_failing_stream_completes_them(
    snap_app: Starlette,
) -> None:
    async with graphql_ws(snap_app) as a, graphql_ws(snap_app) as b:
        for op, ws in (("a", a), ("b", b)):
            await ws.send_json(subscribe(op, {"f": True}, SNAPS))
            first = await next_of(ws, op)
            assert first["payload"] == {"data": {"snaps": {"n": 1, "checked": 1}}}
        assert len(only_group(snap_app).members) == 2
        snap_gates[0].set()
        for op, ws in (("a", a), ("b", b)):  # a frame with an error: to every member, as is
            payload = (await next_of(ws, op))["payload"]
            assert payload["data"] == {"snaps": {"n": 2, "checked": None}}
            assert payload["errors"][0]["message"] == "frame 2 is bad"
            assert payload["errors"][0]["path"] == ["snaps", "checked"]
        assert len(only_group(snap_app).members) == 2  # the group lives on
        snap_gates[1].set()
        for op, ws in (("a", a), ("b", b)):
            # The stream fails: its error (as Strawberry reports it), then `complete`. Frame 3
            # came just before; a member's slot may have skipped it for the newer message.
            seen = []
            while (message := await next_of(ws, op))["type"] != "complete":
                seen.append(message["payload"])
            assert seen[-1]["data"] is None
            assert seen[-1]["errors"][0]["message"] == "the feed broke"
            assert all(p == {"data": {"snaps": {"n": 3, "checked": 3}}} for p in seen[:-1])
    assert broadcasts_of(snap_app).groups == {}
