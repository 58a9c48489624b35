"""Which asyncio transport carries a websocket connection, so that a broadcast can tell whether a
send to it completes at once (schema/broadcast.py).

ASGI hides the socket. Under uvicorn the server's own `send` callable is a bound method of its
websocket protocol object, which holds the connection's transport; an outermost middleware sees
that `send` before any middleware wraps it and keeps the transport in the connection's scope.
Under another server (or an in-process test transport) nothing is recorded and broadcasts take
their always-correct path (each member's own task sends).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from starlette.types import ASGIApp, Receive, Scope, Send

SCOPE_KEY = "cryptoorchestrator.websocket_transport"


class RecordWebSocketTransport:
    """ASGI middleware (outermost): records a websocket connection's transport in its scope."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            transport = getattr(getattr(send, "__self__", None), "transport", None)
            if isinstance(transport, asyncio.WriteTransport):
                scope[SCOPE_KEY] = transport
        await self.app(scope, receive, send)


def transport_of(scope: Mapping[str, object] | None) -> asyncio.WriteTransport | None:
    transport = scope.get(SCOPE_KEY) if scope is not None else None
    return transport if isinstance(transport, asyncio.WriteTransport) else None


def sends_at_once(transport: asyncio.WriteTransport) -> bool:
    """Whether a write now goes out without waiting: the buffer is at or under its low-water
    mark, so the server's protocol is not paused (asyncio resumes a paused protocol only once
    the buffer drains to that mark) and its send does not wait to be resumed."""
    if transport.is_closing():
        return False
    low, _high = transport.get_write_buffer_limits()
    return transport.get_write_buffer_size() <= low
