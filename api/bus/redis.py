"""Redis bus: producers PUBLISH; one pub/sub connection per process feeds the local fan-out.

N local subscribers of a topic cost one Redis subscription. Redis pub/sub is at-most-once: while
the connection is down messages are lost, and subscribers resume with new ones after reconnecting.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.connection import ConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from api.bus.contract import BusHealth, BusUnavailable
from api.bus.envelope import encode_envelope
from api.bus.fanout import FanoutBus
from api.bus.redis_listener import RedisFailure, RedisListener, describe_error

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 2.0
SOCKET_TIMEOUT_S = 5.0
START_TIMEOUT_S = 3.0
SUBSCRIBE_WAIT_S = 5.0
HEALTH_PING_S = 1.0

_USERINFO_PASSWORD = re.compile(r"^([a-z][a-z0-9+.-]*://[^:/@]*):[^@/]*@", re.IGNORECASE)
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def redact_url(url: str) -> str:
    """`url` with any password (user info or `password=` query) replaced by ***."""
    return _QUERY_PASSWORD.sub(r"\1***", _USERINFO_PASSWORD.sub(r"\1:***@", url))


class RedisBus(FanoutBus):
    """The services backend: many API replicas and workers share topics through Redis."""

    backend = "redis"

    def __init__(self, url: str, *, namespace: str = "") -> None:
        super().__init__()
        self.url = redact_url(url)
        # Deployments (and test servers) sharing one Redis never hear each other's topics.
        self._prefix = f"{namespace}:" if namespace else ""
        timeouts: dict[str, Any] = {
            "socket_connect_timeout": CONNECT_TIMEOUT_S,
            "socket_timeout": SOCKET_TIMEOUT_S,
        }
        # One retry: the first command after a Redis restart meets a stale pooled socket.
        self._publish_pool = ConnectionPool.from_url(url, retry=Retry(NoBackoff(), 1), **timeouts)
        # The listener reconnects itself (with backoff); RESP2 so messages are plain replies.
        listen_connections = ConnectionPool.from_url(
            url, protocol=2, retry=Retry(NoBackoff(), 0), **timeouts
        )
        self._client = Redis(connection_pool=self._publish_pool)
        self._listener = RedisListener(
            listen_connections, self.url, self._fanout, prefix=self._prefix
        )

    async def start(self) -> None:
        """Connects and PINGs; BusUnavailable within ~3 s when Redis does not answer."""
        if self._state == "running":
            return
        self._ensure_not_closed()
        try:
            async with asyncio.timeout(START_TIMEOUT_S):
                await self._client.ping()
                await self._listener.open()
        except BaseException as exc:
            await self._release_connections()
            if isinstance(exc, RedisFailure):
                message = f"cannot connect to Redis at {self.url}: {describe_error(exc)}"
                raise BusUnavailable(message) from exc
            raise
        self._state = "running"

    async def close(self) -> None:
        if self._state == "closed":
            return
        self._close_subscriptions()
        await self._release_connections()

    async def publish(self, topic: str, data: dict[str, Any], *, key: str | None = None) -> None:
        self._ensure_running()
        payload = encode_envelope(key, data)
        try:
            await self._client.publish(self._prefix + topic, payload)
        except RedisFailure as exc:
            raise BusUnavailable(
                f"cannot publish to Redis at {self.url}: {describe_error(exc)}"
            ) from exc

    async def health(self) -> BusHealth:
        if self._state != "running":
            state = "not started" if self._state == "new" else "closed"
            return self._health(False, f"{state} ({self.url})")
        listener = self._listener
        if not listener.live:
            return self._health(
                False,
                f"degraded: reconnecting to {self.url} (failed attempts: "
                f"{listener.failed_attempts}; last error: {listener.last_error})",
            )
        try:
            async with asyncio.timeout(HEALTH_PING_S):
                await self._client.ping()
        except RedisFailure as exc:
            return self._health(
                False, f"degraded: PING to {self.url} failed: {describe_error(exc)}"
            )
        return self._health(
            True, f"connected to {self.url}; {len(self._fanout.topics())} topics subscribed"
        )

    async def _topics_added(self) -> None:
        try:
            async with asyncio.timeout(SUBSCRIBE_WAIT_S):
                await self._listener.wait_subscribed()
        except TimeoutError:
            log.warning("bus: Redis at %s did not confirm a subscription in time", self.url)

    def _topics_removed(self) -> None:
        self._listener.request_sync()

    def _health(self, ok: bool, detail: str) -> BusHealth:
        return BusHealth(ok=ok, backend=self.backend, detail=detail)

    def _ensure_not_closed(self) -> None:
        if self._state == "closed":
            raise BusUnavailable(f"the Redis bus for {self.url} is closed")

    async def _release_connections(self) -> None:
        await self._listener.close()
        await self._client.aclose(close_connection_pool=True)
