"""Loopback helpers the benches share: a free port, waiting for a server to come up."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_port(port: int, within_s: float = 60) -> None:
    """Block until something accepts TCP connections on 127.0.0.1:`port`."""
    deadline = time.time() + within_s
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"port {port} did not open")


async def wait_up(url: str, within_s: float = 60) -> None:
    """Wait until `url` answers HTTP at all (any status)."""
    deadline = time.monotonic() + within_s
    async with httpx.AsyncClient() as client:
        while True:
            try:
                await client.get(url)
                return
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not come up") from None
                await asyncio.sleep(0.2)
