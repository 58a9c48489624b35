"""Broadcast groups over real sockets (uvicorn on loopback, `websockets` clients): the group's
pass sends straight to members whose socket takes a write at once; a member whose socket backs
up falls back to its latest-frame slot, holds nobody back and never gets a backlog."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
import strawberry
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import WebSocketRoute
from websockets.asyncio.client import ClientConnection, connect

from schema.broadcast import Member
from schema.shared_results import SnapshotFrame
from schema.socket_transport import RecordWebSocketTransport
from schema.view import GraphQLView
from tests.schema.test_broadcast import only_group, subscribe
from tests.support.loopback_server import loopback_server

BOOK = 'subscription { orderBook(symbol: "ETH/USDT", depth: 5, maxRate: 100) { seq } }'


@asynccontextmanager
async def client(port: int, receive_buffer: int | None = None) -> AsyncIterator[ClientConnection]:
    """A graphql-transport-ws client, uncompressed (frames keep their size on the wire), with a
    small kernel receive buffer if asked (the socket backs up sooner when it stops reading)."""
    sock = socket.socket()
    if receive_buffer is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    async with connect(
        f"ws://127.0.0.1:{port}/graphql",
        sock=sock,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        compression=None,
        max_size=None,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 15))["type"] == "connection_ack"
        yield ws


async def next_payload(ws: ClientConnection, op: str) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 15))
        if message.get("id") == op:
            assert message["type"] == "next", message
            payload: dict[str, Any] = message["payload"]["data"]
            return payload


def member(app: Starlette, op: str) -> Member:
    return next(m for m in only_group(app).members.values() if m.operation.id == op)


async def test_the_served_app_sends_book_frames_from_the_group_pass(app: Starlette) -> None:
    async with loopback_server(app) as server, client(server.port) as a, client(server.port) as b:
        for op, ws in (("a", a), ("b", b)):
            await ws.send(json.dumps(subscribe(op, {}, BOOK)))
        seqs: dict[str, list[int]] = {"a": [], "b": []}
        for _ in range(8):
            for op, ws in (("a", a), ("b", b)):
                seqs[op].append(int((await next_payload(ws, op))["orderBook"]["seq"]))
        for op in ("a", "b"):
            assert seqs[op] == sorted(set(seqs[op])), seqs  # in order, no repeats
            # The server's transport was found (RecordWebSocketTransport is wired in), and
            # readers that keep up are sent to by the group's pass, not by their own tasks.
            assert member(app, op).transport is not None
            assert member(app, op).sent_by_group > 0


@strawberry.type
class Blob(SnapshotFrame):
    n: int
    pad: str


@strawberry.type
class BlobQuery:
    ok: bool = True


blobs: asyncio.Queue[int] = asyncio.Queue()
PAD = "x" * 16_384  # each frame ~16 KiB: a stalled reader's buffers fill in a few frames


@strawberry.type
class BlobSubscription:
    @strawberry.subscription
    async def blobs(self) -> AsyncGenerator[Blob, None]:
        n = 0
        while True:
            yield Blob(n=n, pad=PAD)
            n = await blobs.get()


@pytest.fixture
def blob_app() -> Starlette:
    while not blobs.empty():
        blobs.get_nowait()
    view = GraphQLView(strawberry.Schema(query=BlobQuery, subscription=BlobSubscription))
    application = Starlette(
        routes=[WebSocketRoute("/graphql", view)],
        middleware=[Middleware(RecordWebSocketTransport)],
    )
    application.state.services = None  # this schema needs none
    return application


BLOBS = "subscription { blobs { n pad } }"
FRAMES = 120


async def test_a_stalled_reader_falls_back_to_its_slot_holds_nobody_back_and_gets_no_backlog(
    blob_app: Starlette,
) -> None:
    async with (
        loopback_server(blob_app) as server,
        client(server.port) as fast,
        client(server.port, receive_buffer=4096) as slow,
    ):
        for op, ws in (("fast", fast), ("slow", slow)):
            await ws.send(json.dumps(subscribe(op, {}, BLOBS)))
            assert (await next_payload(ws, op))["blobs"]["n"] == 0
        stalled = member(blob_app, "slow")
        assert stalled.transport is not None
        # The server's side of the stalled socket gets a small kernel buffer too.
        stalled.transport.get_extra_info("socket").setsockopt(
            socket.SOL_SOCKET, socket.SO_SNDBUF, 4096
        )
        fast_seen = [0]
        for n in range(1, FRAMES + 1):  # `slow` reads nothing meanwhile
            await blobs.put(n)
            while fast_seen[-1] < n:  # the fast reader gets frame n while `slow` is stalled
                fast_seen.append((await next_payload(fast, "fast"))["blobs"]["n"])
        assert fast_seen == sorted(set(fast_seen)) and fast_seen[-1] == FRAMES
        assert member(blob_app, "fast").sent_by_group > 0
        # The stalled member's socket backed up: its frames went to its slot (its task's send
        # waits for the socket), where each newer frame replaced the one before.
        assert stalled.sent_by_task > 0
        # Now it reads: what the buffers held, then the newest frame — not 120 frames.
        slow_seen = [0]
        while slow_seen[-1] < FRAMES:
            slow_seen.append((await next_payload(slow, "slow"))["blobs"]["n"])
        assert slow_seen == sorted(set(slow_seen)), slow_seen  # never out of order
        assert len(slow_seen) < FRAMES // 2, slow_seen
