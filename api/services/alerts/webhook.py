"""Optional per-alert webhook: the trigger as JSON, signed with HMAC-SHA256.

Header `X-CO-Signature: t=<unix seconds>,v1=<hex>` where hex = HMAC-SHA256(secret,
f"{t}.{body}"); receivers recompute it with the alert's `webhookSecret` and reject old `t`."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

SIGNATURE_HEADER = "X-CO-Signature"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes) -> bool:
    """What a receiver does (used by our tests and shown in docs/alerts.md)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        expected = sign(secret, int(parts["t"]), body)
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(expected, header)


class WebhookSender:
    def __init__(
        self, client: httpx.AsyncClient | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        self._client = client
        self.clock = clock

    async def send(self, url: str, secret: str, payload: dict[str, Any]) -> int:
        """POST the payload; the HTTP status (raises httpx.HTTPError when unreachable)."""
        body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(secret, int(self.clock()), body),
        }
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=5.0)
        response = await self._client.post(url, content=body, headers=headers)
        return response.status_code

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
