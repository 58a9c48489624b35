"""Samples the portfolio P&L and drawdown of every user with a P&L or drawdown alert and hands
them to the alert evaluator as level events.

Wakes on tickers of the evaluator's venue and on the watched users' order updates (fills move
P&L), conflated: each watched user is sampled at most once per `interval_s`, and only when
something moved since. P&L = realised + unrealised (api/services/pnl.py); drawdown = how far the
portfolio value is below its peak, the peak kept in `pnl_peaks` so a restart does not forget
it. A rule fires when the value enters its range (engine/alerts/levels.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from sqlalchemy.exc import IntegrityError

from api.bus import Bus, BusUnavailable
from api.db.alert_tables import PnlPeak
from api.db.database import Database
from api.db.models import utcnow
from api.services.market import MarketService, ticker_topic
from api.services.pnl import DEFAULT_QUOTE, PnlService
from api.workers.alert_evaluator import AlertEvaluator
from engine.alerts.levels import LevelSample, LevelSampler

log = logging.getLogger(__name__)

RETRY_S = 1.0


class PnlSampler:
    def __init__(
        self,
        evaluator: AlertEvaluator,
        pnl: PnlService,
        db: Database,
        bus: Bus,
        market: MarketService,
        *,
        interval_s: float = 1.0,
        quote: str = DEFAULT_QUOTE,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.evaluator = evaluator
        self.pnl = pnl
        self.db = db
        self.bus = bus
        self.market = market
        self.interval_s = interval_s
        self.quote = quote
        self.clock = clock
        self.levels = LevelSampler()
        self._dirty: set[str] = set()
        self._sampled: set[str] = set()
        self.samples = 0

    # -- sampling ------------------------------------------------------------------------
    def mark_all(self) -> None:
        self._dirty |= self.evaluator.level_users()

    def mark(self, user_id: str) -> None:
        self._dirty.add(user_id)

    async def sample(self, user_id: str) -> LevelSample:
        """One user's P&L, value and peak now, handed to the evaluator as level events."""
        snapshot = await self.pnl.snapshot(user_id, self.quote)
        value = snapshot.total_value
        peak = await self._peak(user_id, value)
        sample = LevelSample(
            pnl=float(snapshot.realised + snapshot.unrealised),
            value=float(value),
            peak=float(peak),
        )
        self.samples += 1
        for event in self.levels.events(user_id, self.clock().timestamp(), sample):
            await self.evaluator.on_event(event)
        return sample

    async def sample_dirty(self) -> int:
        """Sample every watched user that something moved for; returns how many."""
        watched = self.evaluator.level_users()
        for gone in self._sampled - watched:  # no alert left: start afresh when one comes
            self.levels.forget(gone)
        self._sampled &= watched
        due = sorted(self._dirty & watched)
        self._dirty.clear()
        for user_id in due:
            try:
                await self.sample(user_id)
                self._sampled.add(user_id)
            except Exception:
                log.exception("P&L sample of user %s failed", user_id)
        return len(due)

    async def _peak(self, user_id: str, value: Decimal) -> Decimal:
        """The stored peak, raised to `value` when that is a new high (one write per high)."""
        for _ in range(2):  # a replica may insert the first peak at the same time: re-read
            async with self.db.session() as session:
                row = await session.get(PnlPeak, user_id)
                if row is None:
                    session.add(PnlPeak(user_id=user_id, quote=self.quote, peak=value))
                elif row.quote != self.quote or value > row.peak:
                    row.quote, row.peak, row.updated_at = self.quote, value, self.clock()
                else:
                    return row.peak
                try:
                    await session.commit()
                except IntegrityError:
                    await session.rollback()
                    continue
                return value
        return value

    # -- the loop ------------------------------------------------------------------------
    async def topics(self, users: list[str]) -> list[str]:
        markets = await self.market.markets(self.evaluator.venue)
        topics = [ticker_topic(self.evaluator.venue, m.symbol) for m in markets]
        return topics + [f"orders:{user}" for user in users]

    async def run(self) -> None:
        while True:
            users = sorted(self.evaluator.level_users())
            topics = await self.topics(users)
            try:
                async with self.bus.subscribe(*topics, maxsize=1024) as subscription:
                    while True:
                        deadline = asyncio.get_running_loop().time() + self.interval_s
                        while (left := deadline - asyncio.get_running_loop().time()) > 0:
                            with contextlib.suppress(TimeoutError):
                                message = await asyncio.wait_for(subscription.get(), left)
                                user = message.topic.partition(":")[2]
                                if message.topic.startswith("orders:"):
                                    self.mark(user)
                                else:
                                    self.mark_all()
                        await self.sample_dirty()
                        if sorted(self.evaluator.level_users()) != users:
                            break  # who has a P&L alert changed: follow their fills too
            except BusUnavailable as exc:
                log.warning("P&L sampler: bus unavailable (%s), retrying", exc)
                await asyncio.sleep(RETRY_S)
