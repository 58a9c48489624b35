"""Bots in separate worker processes: assignment over a Redis Stream with a consumer group.

Enabled with `CO_BOT_WORKERS=streams` (needs `CO_REDIS_URL`); run workers with
`cryptoorchestrator bot-worker`. The server's `BotRunner` then hands every bot on a non-local
venue to the workers instead of running it itself; bots on the simulated venue stay in the
server (the sim venue lives in that process).

* **Assign**: the server XADDs `{bot_id, resume}` to the stream `{ns}:bots:assign`. The group
  `bot-workers` gives each entry to one worker (XREADGROUP). A worker that runs the bot keeps
  the entry pending — not acknowledged — for as long as it runs it: the pending entry *is* the
  assignment.
* **Exactly one**: before launching, the worker takes the bot's lease `{ns}:bots:lease:{id}`
  (SET NX PX, value = the worker's name). An entry for a bot whose lease another live worker
  holds is a duplicate (a second start, a resume at server start-up) and is acknowledged.
* **Heartbeat**: every `heartbeat_s` the worker re-claims its own entries (XCLAIM JUSTID,
  which resets their idle time) and extends its leases; a lease that expired while the worker
  was slow (a bot's start loads markets and reconciles) is taken again when nobody else holds
  it — only then does the worker give the bot up.
* **Listening**: a worker registers itself in the group at start (XGROUP CREATECONSUMER: it
  shows in XINFO CONSUMERS before it gets a bot) and makes the group again if it was deleted.
  Before launching a bot it attaches the bot's exchange account when the account was added
  after the worker started (`prepare`, wired by the CLI).
* **Dead worker**: its leases expire and its entries go idle; any other worker's XAUTOCLAIM
  (min idle = two lease times) takes them over and resumes the bots (`resume=True`: the runtime
  reconciles open orders; no order is placed twice — see api/services/bots/runtime.py).
* **Stop / pause**: the server sets `{ns}:bots:halt:{id}` and waits until the owner released
  the lease; the owner ends the bot between two steps, acknowledges the entry and drops the
  lease. A bot whose state in the database is no longer `running` (stopped, paused, error) is
  released the same way. Limits changed in the database are picked up on each heartbeat.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError
from sqlmodel import col, select

from api.db.bot_tables import Bot
from api.db.database import Database
from api.services.bots.records import bot_limits
from api.workers.leader import DEFAULT_LEASE_S, EXTEND_IF_OURS, RELEASE_IF_OURS
from engine.bots.lifecycle import BotState

if TYPE_CHECKING:  # the runner imports this module
    from api.workers.bot_runner import BotRunner

log = logging.getLogger(__name__)

GROUP = "bot-workers"
HALT_WAIT_S = 10.0
PREPARE_FAILED = "the bot worker could not connect the bot's exchange account; see its log"


def worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


class BotDispatch:
    """The stream, the group and the per-bot keys (shared by the server and the workers)."""

    def __init__(self, redis: Redis, namespace: str, lease_s: float = DEFAULT_LEASE_S) -> None:
        self.redis = redis
        prefix = f"{namespace}:" if namespace else ""
        self.stream = f"{prefix}bots:assign"
        self._lease = f"{prefix}bots:lease:"
        self._halt = f"{prefix}bots:halt:"
        self.lease_ms = int(lease_s * 1000)
        self._group_ready = False

    @classmethod
    def from_url(cls, url: str, namespace: str, lease_s: float = DEFAULT_LEASE_S) -> BotDispatch:
        return cls(Redis.from_url(url, decode_responses=True), namespace, lease_s)

    async def close(self) -> None:
        await self.redis.aclose()

    async def ensure_group(self) -> None:
        if self._group_ready:
            return
        try:
            await self.redis.xgroup_create(self.stream, GROUP, id="0", mkstream=True)
        except Exception as exc:  # BUSYGROUP: another process made it first
            if "BUSYGROUP" not in str(exc):
                raise
        self._group_ready = True

    def group_lost(self, exc: ResponseError) -> bool:
        """True (and the group is made again on next use) when `exc` says the stream or its
        group is gone (deleted, or Redis restarted without persistence)."""
        if "NOGROUP" not in str(exc):
            return False
        self._group_ready = False
        return True

    def lease_key(self, bot_id: str) -> str:
        return self._lease + bot_id

    def halt_key(self, bot_id: str) -> str:
        return self._halt + bot_id

    # -- server side ---------------------------------------------------------------------
    async def assign(self, bot_id: str, *, resume: bool) -> str | None:
        """Queue `bot_id` for a worker (None: a worker holds its lease already)."""
        await self.ensure_group()
        if await self.owner(bot_id) is not None:
            return None
        await self.redis.delete(self.halt_key(bot_id))
        entry = await self.redis.xadd(
            self.stream, {"bot_id": bot_id, "resume": "1" if resume else "0"}
        )
        return str(entry)

    async def owner(self, bot_id: str) -> str | None:
        value = await self.redis.get(self.lease_key(bot_id))
        return None if value is None else str(value)

    async def halt(self, bot_id: str, wait_s: float = HALT_WAIT_S) -> bool:
        """Ask the owner to end the bot; True once no worker holds it (within `wait_s`)."""
        await self.redis.set(self.halt_key(bot_id), "1", px=max(self.lease_ms * 4, 60_000))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_s
        while await self.owner(bot_id) is not None:
            if loop.time() >= deadline:
                log.warning("bot %s: its worker did not release it within %ss", bot_id, wait_s)
                return False
            await asyncio.sleep(0.05)
        return True

    # -- worker side ---------------------------------------------------------------------
    async def take_lease(self, bot_id: str, name: str) -> bool:
        if await self.redis.set(self.lease_key(bot_id), name, nx=True, px=self.lease_ms):
            return True
        return await self.owner(bot_id) == name

    async def extend_lease(self, bot_id: str, name: str) -> bool:
        done = await self.redis.eval(EXTEND_IF_OURS, 1, self.lease_key(bot_id), name, self.lease_ms)
        return bool(done)

    async def release(self, bot_id: str, name: str, entry: str) -> None:
        await self.redis.xack(self.stream, GROUP, entry)
        await self.redis.eval(RELEASE_IF_OURS, 1, self.lease_key(bot_id), name)

    async def halt_requested(self, bot_id: str) -> bool:
        return bool(await self.redis.exists(self.halt_key(bot_id)))


class BotWorker:
    """One worker: takes assignments, runs them on its own `BotRunner`, heartbeats, reclaims
    the bots of workers that went silent."""

    def __init__(
        self,
        dispatch: BotDispatch,
        runner: BotRunner,
        db: Database,
        name: str | None = None,
        *,
        heartbeat_s: float | None = None,
        block_ms: int = 500,
        prepare: Callable[[Bot], Awaitable[None]] | None = None,
    ) -> None:
        self.dispatch = dispatch
        self.runner = runner
        self.db = db
        # Called before a bot is launched here (the CLI attaches its exchange account, which
        # may have been added after this process started); raising fails the bot.
        self.prepare = prepare
        self.name = name or worker_name()
        self.heartbeat_s = heartbeat_s or dispatch.lease_ms / 3000
        self.block_ms = block_ms
        self.entries: dict[str, str] = {}  # bot id -> its stream entry id (pending, ours)

    @property
    def bot_ids(self) -> set[str]:
        return set(self.entries)

    async def run(self) -> None:
        self.runner.active = True
        await self.register()
        log.info("bot worker %s listens on %s", self.name, self.dispatch.stream)
        loop = asyncio.get_running_loop()
        next_beat = loop.time()
        try:
            while True:
                try:
                    await self.read_new()
                    if loop.time() >= next_beat:
                        next_beat = loop.time() + self.heartbeat_s
                        await self.heartbeat()
                        await self.reclaim()
                except ResponseError as exc:
                    if not self.dispatch.group_lost(exc):
                        raise
                    log.warning(
                        "bot worker %s: the assignment group is gone; recreating", self.name
                    )
                    await self.register()
        finally:
            # Stopping the worker ends its tasks but keeps the entries pending and the leases
            # until they expire: another worker resumes the bots (like a crash, but tidy).
            await self.runner.halt_all()

    async def register(self) -> None:
        """Make the group and this consumer (XGROUP CREATECONSUMER): a worker shows in
        XINFO CONSUMERS as soon as it listens, before it got any bot."""
        d = self.dispatch
        await d.ensure_group()
        await d.redis.xgroup_createconsumer(d.stream, GROUP, self.name)

    async def read_new(self) -> int:
        d = self.dispatch
        await d.ensure_group()
        replies: Any = await d.redis.xreadgroup(
            GROUP, self.name, {d.stream: ">"}, count=16, block=self.block_ms
        )
        taken = 0
        for _, entries in replies or []:
            for entry_id, fields in entries:
                taken += await self._take(entry_id, fields, reclaimed=False)
        return taken

    async def reclaim(self) -> int:
        """Take over entries idle for two lease times (their worker stopped heartbeating: the
        entry and the lease are refreshed together, so its lease has surely expired; a lease
        still held then belongs to another live worker and the entry is a duplicate)."""
        d = self.dispatch
        reply: Any = await d.redis.xautoclaim(
            d.stream, GROUP, self.name, min_idle_time=2 * d.lease_ms, start_id="0-0", count=16
        )
        taken = 0
        for entry_id, fields in reply[1]:
            if fields:  # None: the entry was deleted meanwhile
                taken += await self._take(entry_id, fields, reclaimed=True)
        return taken

    async def heartbeat(self) -> None:
        """Keep our entries and leases fresh; release bots that should no longer run here."""
        d = self.dispatch
        if self.entries:
            await d.redis.xclaim(
                d.stream, GROUP, self.name, 0, list(self.entries.values()), justid=True
            )
        rows = await self._bots(list(self.entries))
        for bot_id, entry_id in list(self.entries.items()):
            bot = rows.get(bot_id)
            ended = bot_id not in self.runner.running_ids
            unwanted = bot is None or bot.state != BotState.RUNNING.value
            if ended or unwanted or await d.halt_requested(bot_id):
                await self._release(bot_id, entry_id)
                continue
            if not await self.keep_lease(bot_id):  # another worker holds it now
                log.warning("bot %s: lease lost, stopping it here", bot_id)
                await self.runner.halt(bot_id)
                del self.entries[bot_id]
                continue
            if bot is not None:
                self.runner.update_limits(bot_id, bot_limits(bot))

    async def _take(self, entry_id: str, fields: dict[str, str], *, reclaimed: bool) -> int:
        d = self.dispatch
        bot_id = fields.get("bot_id", "")
        if bot_id in self.entries:
            if self.entries[bot_id] != entry_id:
                await d.redis.xack(d.stream, GROUP, entry_id)  # a duplicate of ours
            return 0
        if not await d.take_lease(bot_id, self.name):
            await d.redis.xack(d.stream, GROUP, entry_id)  # another live worker runs it
            return 0
        bot = (await self._bots([bot_id])).get(bot_id)
        if bot is None or bot.state != BotState.RUNNING.value or await d.halt_requested(bot_id):
            await d.release(bot_id, self.name, entry_id)
            return 0
        resume = reclaimed or fields.get("resume") == "1"
        if self.prepare is not None:
            try:
                await self.prepare(bot)
            except Exception:
                log.exception("bot %s: cannot be prepared in worker %s", bot_id, self.name)
                await self.runner.fail(bot, PREPARE_FAILED)
                await d.release(bot_id, self.name, entry_id)
                return 0
        if not await self.runner.launch(bot, resume=resume, local=True):
            await d.release(bot_id, self.name, entry_id)
            return 0
        self.entries[bot_id] = entry_id
        if not await self.keep_lease(bot_id):  # the launch outlasted the lease: taken
            log.warning("bot %s: lease lost while starting it, stopping it here", bot_id)
            await self.runner.halt(bot_id)
            del self.entries[bot_id]
            return 0
        log.info("worker %s runs bot %s (resume=%s)", self.name, bot_id, resume)
        return 1

    async def keep_lease(self, bot_id: str) -> bool:
        """Extend our lease; one that expired meanwhile (a slow start, a stalled loop) is
        taken again when nobody else took it and no halt was asked for (the server's halt
        may have seen it free already). False: give the bot up."""
        d = self.dispatch
        if await d.extend_lease(bot_id, self.name):
            return True
        if await d.halt_requested(bot_id):
            return False
        return await d.take_lease(bot_id, self.name)

    async def _release(self, bot_id: str, entry_id: str) -> None:
        await self.runner.halt(bot_id)
        await self.dispatch.release(bot_id, self.name, entry_id)
        self.entries.pop(bot_id, None)

    async def _bots(self, ids: Sequence[str]) -> dict[str, Bot]:
        if not ids:
            return {}
        async with self.db.session() as session:
            rows = await session.exec(select(Bot).where(col(Bot.id).in_(list(ids))))
            return {b.id: b for b in rows.all()}
