"""One replica at a time: a leader lease in Redis for work that must run once per cluster.

With the Redis bus several API replicas run side by side; producers that fetch from outside and
publish (the news and whale feeds) must run in exactly one of them, or every event goes out N
times. `Leader` elects that one:

* **Take**: `SET {ns}:leader:{role} <replica name> NX PX <lease>`; a replica that did not get it
  stands by and tries again every `retry_s`.
* **Heartbeat**: the holder extends its lease every `heartbeat_s` (a third of the lease), only
  while the key still holds its own name (Lua compare-and-PEXPIRE).
* **Lost**: a heartbeat that finds the key gone or someone else's (a stall longer than the lease),
  or that cannot reach Redis, stops the work at once; the replica stands by again.
* **Once**: events keep their deterministic ids; `first_time(id)` (SET NX with a TTL) lets a new
  leader skip what the previous one already published (an RSS feed read again, a stalled leader
  that still finishes a message).
* **Release**: stopping the leader (task cancelled at shutdown) ends the work and deletes the key
  if it is still ours (compare-and-DEL), so a standby takes over on its next try. A replica that
  dies without releasing leaves the key to expire: a standby takes over within the lease time.

Embedded (in-process bus, no Redis): there is one process, which is always the leader — callers
get `None` from `leader_for` and run the work directly (`lead(None, work)`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

log = logging.getLogger(__name__)

DEFAULT_LEASE_S = 15.0

# Extend a lease only while it is still ours.
EXTEND_IF_OURS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
# Drop a lease only while it is still ours.
RELEASE_IF_OURS = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""

Work = Callable[[], Awaitable[None]]


def replica_name() -> str:
    """This replica's name: host, process and a random suffix (two leaders in one process, as in
    tests, still differ)."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class Leader:
    """The lease for one role (`news-feed`, `whale-feed` ...) in one namespace."""

    def __init__(
        self,
        redis: Redis,
        namespace: str,
        role: str,
        *,
        name: str | None = None,
        lease_s: float = DEFAULT_LEASE_S,
        heartbeat_s: float | None = None,
        retry_s: float | None = None,
        owns_client: bool = False,
    ) -> None:
        self.redis = redis
        prefix = f"{namespace}:" if namespace else ""
        self.key = f"{prefix}leader:{role}"
        self.role = role
        self.name = name or replica_name()
        self.lease_ms = max(1, int(lease_s * 1000))
        self.heartbeat_s = heartbeat_s if heartbeat_s is not None else lease_s / 3
        self.retry_s = retry_s if retry_s is not None else lease_s / 3
        # False only to model a crash in tests: the lease is then left to expire.
        self.release_on_stop = True
        self.leading = False
        self.terms = 0  # how many times this replica became the leader
        self._owns_client = owns_client

    @classmethod
    def from_url(
        cls,
        url: str,
        namespace: str,
        role: str,
        *,
        name: str | None = None,
        lease_s: float = DEFAULT_LEASE_S,
        heartbeat_s: float | None = None,
        retry_s: float | None = None,
    ) -> Leader:
        client = Redis.from_url(url, decode_responses=True, socket_timeout=5.0)
        return cls(
            client,
            namespace,
            role,
            name=name,
            lease_s=lease_s,
            heartbeat_s=heartbeat_s,
            retry_s=retry_s,
            owns_client=True,
        )

    # -- the lease -----------------------------------------------------------------------
    async def holder(self) -> str | None:
        value = await self.redis.get(self.key)
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)

    async def acquire(self) -> bool:
        """Take the lease if nobody holds it (or keep it if we do)."""
        if await self.redis.set(self.key, self.name, nx=True, px=self.lease_ms):
            return True
        return await self.renew()

    async def renew(self) -> bool:
        """Extend the lease; False when it is no longer ours."""
        return bool(await self.redis.eval(EXTEND_IF_OURS, 1, self.key, self.name, self.lease_ms))

    async def release(self) -> None:
        await self.redis.eval(RELEASE_IF_OURS, 1, self.key, self.name)

    async def first_time(self, event_id: str, ttl_s: float) -> bool:
        """Whether `event_id` goes out for the first time in the cluster (SET NX): a leader that
        took over does not publish again what its predecessor already did."""
        done = await self.redis.set(
            self._seen_key(event_id), self.name, nx=True, px=max(1, int(ttl_s * 1000))
        )
        return bool(done)

    async def forget(self, event_id: str) -> None:
        """Undo `first_time` (the publish failed: a later try may send it)."""
        await self.redis.delete(self._seen_key(event_id))

    def _seen_key(self, event_id: str) -> str:
        return f"{self.key}:seen:{event_id}"

    async def close(self) -> None:
        if self._owns_client:
            await self.redis.aclose()

    # -- running work as the leader ------------------------------------------------------
    async def run(self, work: Work) -> None:
        """Run `work` whenever this replica holds the lease, until cancelled; `work` is
        cancelled as soon as the lease is lost and started afresh on the next term."""
        try:
            while True:
                if await self._try(self.acquire):
                    await self._lead(work)
                await asyncio.sleep(self.retry_s)
        finally:
            self.leading = False
            if self.release_on_stop:
                with contextlib.suppress(Exception):
                    await self.release()
            with contextlib.suppress(Exception):
                await self.close()

    async def _lead(self, work: Work) -> None:
        self.leading = True
        self.terms += 1
        log.info("%s: %s leads", self.role, self.name)
        task = asyncio.ensure_future(work())
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=self.heartbeat_s)
                if done:  # the work ended on its own (or failed): hand the role on
                    if not task.cancelled() and task.exception() is not None:
                        log.error("%s failed", self.role, exc_info=task.exception())
                    with contextlib.suppress(Exception):
                        await self.release()
                    return
                if not await self._try(self.renew):
                    log.warning("%s: %s lost the lease; stopping", self.role, self.name)
                    return
        finally:
            self.leading = False
            while not task.done():  # cancel until it has ended (see api/tasks.py)
                task.cancel()
                await asyncio.wait({task}, timeout=0.1)

    async def _try(self, step: Callable[[], Awaitable[bool]]) -> bool:
        """A lease step; Redis unreachable counts as not holding the lease."""
        try:
            return await step()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("%s: lease step failed: %s", self.role, exc)
            return False


def leader_for(
    redis_url: str | None, namespace: str, role: str, *, lease_s: float = DEFAULT_LEASE_S
) -> Leader | None:
    """The leader lease for `role` with the Redis bus; None (always the leader) without it."""
    if not redis_url:
        return None
    return Leader.from_url(redis_url, namespace, role, lease_s=lease_s)


async def lead(leader: Leader | None, work: Work) -> None:
    """Run `work` once per cluster: under `leader`'s lease, or directly when there is none."""
    if leader is None:
        await work()
    else:
        await leader.run(work)
