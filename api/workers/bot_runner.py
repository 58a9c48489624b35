"""Runs every running bot as an asyncio task in this server process.

`run()` (started by start_services with the other workers) resumes each bot whose stored state
is `running` and keeps the tasks until the service stops; stopping the service ends the tasks
but leaves the bots `running` in the database, so the next start resumes them (like a crash).
A bot whose strategy raises goes to `error` (its open orders cancelled); the others go on.

With a `BotDispatch` (CO_BOT_WORKERS=streams, Redis configured), bots on venues outside
`local_venues` (default: the sim venue, which lives in this process) are not run here but
assigned to `cryptoorchestrator bot-worker` processes over a Redis Stream consumer group, and
halted through them: api/workers/bot_worker.py.

With `feeds` (the process's `LiveBookFeeds`), a bot on a live venue holds its symbol's book,
trades and ticker feeds while it runs: the venue's market data reaches the bot's bus topics
even when no app watches that symbol (a worker process has no other subscriber). The sim
venue's feed runs in the API process for every symbol.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from contextlib import AsyncExitStack

from sqlmodel import col, select

from api.db.bot_tables import Bot
from api.db.models import utcnow
from api.services.bots.records import add_event, publish_bot
from api.services.bots.runtime import BotRuntime, RuntimeDeps, StrategyFailed
from api.services.venues import SIM
from api.tasks import stop_tasks
from api.workers.bot_worker import BotDispatch
from api.workers.live_feeds import STREAMS, LiveBookFeeds
from engine.bots.lifecycle import BotState
from engine.market.models import Market
from engine.risk.limits import RiskLimits

log = logging.getLogger(__name__)

INTERNAL_FAILURE = "the bot stopped on an internal error; see the server log"


class BotRunner:
    def __init__(
        self,
        deps: RuntimeDeps,
        dispatch: BotDispatch | None = None,
        local_venues: Iterable[str] = ("sim",),
        feeds: LiveBookFeeds | None = None,
    ) -> None:
        self.deps = deps
        self.dispatch = dispatch
        self.feeds = feeds
        self.local_venues = frozenset(local_venues)
        self.active = False
        self._bots: dict[str, tuple[BotRuntime, asyncio.Task[None]]] = {}
        self._remote: set[str] = set()  # bots handed to the workers by this runner

    @property
    def running_ids(self) -> set[str]:
        return set(self._bots)

    async def run(self) -> None:
        self.active = True
        try:
            await self.resume_all()
            await asyncio.Event().wait()
        finally:
            self.active = False
            await self.halt_all()

    def runtime(self, bot_id: str) -> BotRuntime | None:
        """The running bot's runtime in this process (None when it does not run here)."""
        entry = self._bots.get(bot_id)
        return entry[0] if entry else None

    async def resume_all(self) -> int:
        async with self.deps.db.session() as session:
            bots = (
                await session.exec(select(Bot).where(col(Bot.state) == BotState.RUNNING.value))
            ).all()
        for bot in bots:
            await self.launch(bot, resume=True)
        return len(bots)

    async def market(self, venue: str, symbol: str) -> Market | None:
        markets = await self.deps.venues.public(venue).load_markets()
        return markets.get(symbol)

    def runs_remotely(self, bot: Bot) -> bool:
        return self.dispatch is not None and bot.venue not in self.local_venues

    async def launch(self, bot: Bot, *, resume: bool, local: bool = False) -> bool:
        """Start `bot`'s task (no-op when it runs already or this runner is not active); with
        a dispatch, a bot on a remote venue is assigned to the workers instead (`local`: run
        it here whatever the venue — what a worker does)."""
        if not self.active or bot.id in self._bots:
            return False
        if not local and self.dispatch is not None and self.runs_remotely(bot):
            self._remote.add(bot.id)
            await self.dispatch.assign(bot.id, resume=resume)
            return True
        market = await self.market(bot.venue, bot.symbol)
        if market is None:
            await self.fail(bot, f"unknown symbol {bot.symbol} on {bot.venue}")
            return False
        runtime = BotRuntime(self.deps, bot, market, resume=resume)
        task = asyncio.create_task(self._guard(runtime), name=f"bot-{bot.id}")
        self._bots[bot.id] = (runtime, task)
        return True

    async def halt(self, bot_id: str) -> Bot | None:
        """End a bot's task between two steps (never in the middle of sending an order).
        Returns the runtime's view of the bot row (None when it was not running here)."""
        if self.dispatch is not None and bot_id not in self._bots:
            # Run by a worker (assigned by this or another server): wait until it let go.
            self._remote.discard(bot_id)
            if await self.dispatch.owner(bot_id) is not None:
                await self.dispatch.halt(bot_id)
            return None
        entry = self._bots.pop(bot_id, None)
        if entry is None:
            return None
        runtime, task = entry
        if task is asyncio.current_task():
            return runtime.bot
        async with runtime.lock:
            task.cancel()
        await stop_tasks([task])
        return runtime.bot

    async def halt_all(self) -> None:
        for bot_id in list(self._bots):
            await self.halt(bot_id)

    def update_limits(self, bot_id: str, limits: RiskLimits) -> None:
        entry = self._bots.get(bot_id)
        if entry is not None:
            entry[0].limits = limits

    async def _guard(self, runtime: BotRuntime) -> None:
        bot = runtime.bot
        try:
            async with AsyncExitStack() as feeds:
                if self.feeds is not None and bot.venue != SIM:
                    for stream in STREAMS:
                        await feeds.enter_async_context(
                            self.feeds.watching(bot.venue, bot.symbol, stream)
                        )
                await runtime.run()
        except asyncio.CancelledError:
            raise
        except StrategyFailed as exc:
            log.info("bot %s: strategy failed: %s", bot.id, exc)
            await self._fail_running(runtime, str(exc))
        except Exception:
            log.exception("bot %s failed", bot.id)
            await self._fail_running(runtime, INTERNAL_FAILURE)
        finally:
            entry = self._bots.get(bot.id)
            if entry is not None and entry[0] is runtime:
                del self._bots[bot.id]

    async def _fail_running(self, runtime: BotRuntime, message: str) -> None:
        live = runtime.open_rows()
        try:
            await runtime.cancel_rows(live, reason="the bot failed")
        except Exception:  # reducing risk is best effort here; the kill switch still works
            log.exception("bot %s: cancelling orders after a failure failed", runtime.bot.id)
        await self.fail(runtime.bot, message)

    async def fail(self, bot: Bot, message: str) -> None:
        async with self.deps.db.session() as session:
            row = await session.get(Bot, bot.id)
            if row is None:
                return
            row.state = BotState.ERROR.value
            row.error = message
            row.stopped_at = row.updated_at = utcnow()
            add_event(session, row, "error", message)
            await session.commit()
        bot.state, bot.error = row.state, row.error
        await publish_bot(self.deps.bus, row, "error", message)
