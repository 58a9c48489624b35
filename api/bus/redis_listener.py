"""The process's single Redis pub/sub connection, kept subscribed to the local topics."""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

from redis.asyncio.connection import AbstractConnection, ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from api.bus.envelope import decode_envelope
from api.bus.fanout import Fanout
from api.tasks import stop_tasks

log = logging.getLogger(__name__)

BACKOFF_START_S = 0.1
BACKOFF_CAP_S = 2.0
KEEPALIVE_S = 5.0  # PING an idle pub/sub connection this often; no reply for 1.5x: reconnect

RedisFailure = (RedisError, OSError)  # OSError covers the builtin ConnectionError and TimeoutError


def describe_error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class RedisListener:
    """The process's single pub/sub connection; its reader task feeds the local fan-out.

    Redis subscriptions follow the local topics. A lost connection is reopened with capped
    exponential backoff and every topic that still has local subscribers is subscribed again.

    Only two tasks touch the connection: the reader (reads, keepalive PINGs, resubscribing after a
    reconnect) and the syncer (SUBSCRIBE/UNSUBSCRIBE when local topics change), writing under one
    lock. Subscribers never do I/O on it themselves, so cancelling a subscriber cannot leave the
    connection half-written. Redis answers in order: a PONG proves that everything sent before its
    PING is in effect.
    """

    def __init__(
        self, connections: ConnectionPool, url: str, fanout: Fanout, *, prefix: str = ""
    ) -> None:
        self._connections = connections  # used as a factory configured from the URL, not a pool
        self._url = url
        self._prefix = prefix  # Redis channel = prefix + topic
        self._fanout = fanout
        self._conn: AbstractConnection | None = None
        self._subscribed: set[str] = set()  # topics SUBSCRIBEd on self._conn
        self._pongs: deque[asyncio.Future[None]] = deque()
        self._resubscribed: asyncio.Future[None] | None = None
        self._write_lock = asyncio.Lock()
        self._sync_requested = asyncio.Event()
        self._sync_waiters: list[asyncio.Future[None]] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._closing = False
        self._reconnecting = False
        self.live = False  # connected and every local topic subscribed
        self.failed_attempts = 0
        self.last_error = ""

    async def open(self) -> None:
        self._closing = False
        conn = await self._connect()
        resubscribed = await self._adopt(conn)
        self._tasks = [
            asyncio.create_task(self._read_forever(conn), name="bus-redis-reader"),
            asyncio.create_task(self._sync_forever(), name="bus-redis-syncer"),
        ]
        await resubscribed
        if not self.live:
            raise RedisConnectionError(self.last_error or "pub/sub connection lost")

    async def close(self) -> None:
        self._closing = True
        await stop_tasks(self._tasks)
        self._tasks = []
        conn, self._conn = self._conn, None
        self.live = False
        _resolve_all(self._pongs)
        _resolve_all(self._sync_waiters)
        if conn is not None:
            await conn.disconnect(nowait=True)

    async def wait_subscribed(self) -> None:
        """Returns once Redis subscriptions cover the local topics, or at once while
        disconnected (reconnecting subscribes every local topic anyway)."""
        if self._conn is None or self._closing:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._sync_waiters.append(waiter)
        self._sync_requested.set()
        await waiter

    def request_sync(self) -> None:
        """Update Redis subscriptions in the background (leaving never waits on Redis)."""
        self._sync_requested.set()

    async def _sync_forever(self) -> None:
        while not self._closing:
            await self._sync_requested.wait()
            self._sync_requested.clear()
            waiters, self._sync_waiters = self._sync_waiters, []
            try:
                confirmed = await self._sync(confirm=bool(waiters))
            except Exception:
                log.exception("bus: unexpected error updating Redis subscriptions")
                confirmed = None
            if confirmed is None:
                _resolve_all(waiters)
            else:
                confirmed.add_done_callback(functools.partial(_resolve_after, waiters))

    async def _sync(self, *, confirm: bool) -> asyncio.Future[None] | None:
        async with self._write_lock:
            conn = self._conn
            if conn is None:
                return None
            try:
                return await self._sync_locked(conn, confirm=confirm)
            except RedisFailure as exc:
                # The reader sees the same broken connection and reconnects.
                log.debug(
                    "bus: subscription update to %s failed: %s", self._url, describe_error(exc)
                )
                return None

    async def _sync_locked(
        self, conn: AbstractConnection, *, confirm: bool
    ) -> asyncio.Future[None] | None:
        wanted = self._fanout.topics()
        added, removed = wanted - self._subscribed, self._subscribed - wanted
        commands: list[tuple[str, ...]] = []
        if removed:
            commands.append(("UNSUBSCRIBE", *sorted(self._prefix + t for t in removed)))
        if added:
            commands.append(("SUBSCRIBE", *sorted(self._prefix + t for t in added)))
        if confirm:
            commands.append(("PING",))
        self._subscribed = wanted
        return await self._send(conn, commands, expect_pong=confirm)

    async def _send(
        self, conn: AbstractConnection, commands: Sequence[tuple[str, ...]], *, expect_pong: bool
    ) -> asyncio.Future[None] | None:
        if not commands:
            return None
        if not conn.is_connected:
            # redis-py would silently open a fresh, unsubscribed socket: leave that to the reader.
            raise RedisConnectionError("pub/sub connection is closed")
        pong = None
        if expect_pong:
            pong = asyncio.get_running_loop().create_future()
            self._pongs.append(pong)  # before sending: the reply may be read before we resume
        await conn.send_packed_command(conn.pack_commands(commands), check_health=False)
        return pong

    async def _connect(self) -> AbstractConnection:
        conn = self._connections.make_connection()
        try:
            await conn.connect()
        except BaseException:
            await conn.disconnect(nowait=True)
            raise
        return conn

    async def _adopt(self, conn: AbstractConnection) -> asyncio.Future[None]:
        """Make `conn` the pub/sub connection and subscribe every local topic on it."""
        async with self._write_lock:
            self._conn, self._subscribed = conn, set()
            try:
                resubscribed = await self._sync_locked(conn, confirm=True)
            except BaseException:
                self._conn = None
                raise
        assert resubscribed is not None
        self._resubscribed = resubscribed
        return resubscribed

    async def _read_forever(self, conn: AbstractConnection) -> None:
        while True:
            try:
                await self._pump(conn)
            except Exception as exc:
                if not isinstance(exc, RedisFailure):
                    log.exception("bus: unexpected error reading from Redis at %s", self._url)
                self._lost(exc)
            await conn.disconnect(nowait=True)
            conn = await self._reopen()

    async def _pump(self, conn: AbstractConnection) -> None:
        loop = asyncio.get_running_loop()
        last_reply = loop.time()
        while True:
            reply = await conn.read_response(timeout=KEEPALIVE_S)
            if reply is None:  # idle: a silent network partition shows up as a missing PONG
                if loop.time() - last_reply > 1.5 * KEEPALIVE_S:
                    raise RedisConnectionError("no reply to keepalive PING")
                async with self._write_lock:
                    await self._send(conn, [("PING",)], expect_pong=True)
                continue
            last_reply = loop.time()
            self._handle(reply)

    def _handle(self, reply: Any) -> None:
        if isinstance(reply, list) and reply:
            if reply[0] == b"message":
                self._dispatch(reply[1], reply[2])
            elif reply[0] == b"pong":
                self._pong()
        elif reply == b"PONG":  # PING outside subscribed mode (no topics yet)
            self._pong()
        # (un)subscribe confirmations need no bookkeeping: PING orders them.

    def _dispatch(self, channel: bytes, payload: bytes) -> None:
        topic = channel.decode()
        if not topic.startswith(self._prefix):
            return
        topic = topic[len(self._prefix) :]
        try:
            key, data = decode_envelope(payload)
        except ValueError as exc:
            log.warning("bus: ignoring a message on %r that is not a bus envelope: %s", topic, exc)
            return
        self._fanout.dispatch(topic, key, data)

    def _pong(self) -> None:
        if not self._pongs:
            return
        pong = self._pongs.popleft()
        if not pong.done():
            pong.set_result(None)
        if pong is self._resubscribed:
            if self._reconnecting:
                log.info("bus: reconnected to Redis at %s", self._url)
            self.live, self.failed_attempts, self._resubscribed = True, 0, None
            self._reconnecting = False

    def _lost(self, exc: BaseException) -> None:
        self._conn = None
        self.live = False
        self._reconnecting = True
        self.last_error = describe_error(exc)
        _resolve_all(self._pongs)
        log.warning("bus: lost Redis at %s (%s); reconnecting", self._url, self.last_error)

    async def _reopen(self) -> AbstractConnection:
        delay = BACKOFF_START_S
        while True:
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))  # jitter: replicas spread out
            delay = min(delay * 2, BACKOFF_CAP_S)
            try:
                conn = await self._connect()
            except RedisFailure as exc:
                self._failed(exc)
                continue
            try:
                await self._adopt(conn)
            except BaseException as exc:
                await conn.disconnect(nowait=True)
                if not isinstance(exc, RedisFailure):
                    raise
                self._failed(exc)
                continue
            return conn

    def _failed(self, exc: BaseException) -> None:
        self.failed_attempts += 1
        self.last_error = describe_error(exc)


def _resolve_all(futures: Iterable[asyncio.Future[None]]) -> None:
    """Wake waiters without an exception: nobody has to retrieve one, and they carry on."""
    for future in futures:
        if not future.done():
            future.set_result(None)
    if isinstance(futures, (list, deque)):
        futures.clear()


def _resolve_after(waiters: list[asyncio.Future[None]], _done: asyncio.Future[None]) -> None:
    _resolve_all(waiters)
