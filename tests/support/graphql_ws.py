"""graphql-transport-ws sockets to the app, in the test's own task."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport
from starlette.applications import Starlette


@asynccontextmanager
async def websocket(app: Starlette) -> AsyncIterator[AsyncWebSocketSession]:
    """A graphql-transport-ws socket to the app (the transport lives in the test's own task)."""
    async with (
        httpx.AsyncClient(transport=ASGIWebSocketTransport(app), base_url="http://t") as http,
        aconnect_ws("http://t/graphql", http, subprotocols=["graphql-transport-ws"]) as ws,
    ):
        yield ws


@asynccontextmanager
async def graphql_ws(
    app: Starlette, init: dict[str, Any] | None = None
) -> AsyncIterator[AsyncWebSocketSession]:
    async with websocket(app) as ws:
        await ws.send_json({"type": "connection_init", "payload": init or {}})
        ack = await ws.receive_json(timeout=15)  # generous: a loaded CI box
        assert ack["type"] == "connection_ack"
        yield ws


async def next_of(ws: AsyncWebSocketSession, op_id: str) -> dict[str, Any]:
    while True:
        message: dict[str, Any] = await ws.receive_json(timeout=15)  # generous: a loaded CI box
        if message.get("id") == op_id:
            return message
