"""Copy trading's worker: finds leader fills not fanned out yet, fans each out once, and
submits the stored copy orders through the one order path.

Finding: fills of users with active followers, executed within `lookback`, with no fan-out
claim (copy_fanouts). Any number of replicas may run this; the claim makes each fill's fan-out
happen once. Submitting: the queued order ids go to `OrderService.submit_stored` with a few
concurrent submitters; an order older than `stale_after` is not sent any more (a copy that
late is no copy) and the reconciler closes it as never placed.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import exists
from sqlmodel import col, select

from api.db.models import FillRecord, Order, utcnow
from api.db.social_tables import CopyFanout, Follow
from api.errors import ApiError
from api.services.orders import OrderService
from api.services.social.fanout import CopyFanoutService, FanoutResult
from api.tasks import stop_tasks
from engine.exchanges.errors import ExchangeError
from engine.trading.models import OrderStatus

log = logging.getLogger(__name__)

INTERVAL_S = 0.25
LOOKBACK = timedelta(minutes=10)
STALE_AFTER = timedelta(seconds=20)
BATCH = 50


class CopyDispatcher:
    def __init__(
        self,
        fanout: CopyFanoutService,
        orders: OrderService,
        *,
        interval_s: float = INTERVAL_S,
        submitters: int = 4,
        lookback: timedelta = LOOKBACK,
        stale_after: timedelta = STALE_AFTER,
    ) -> None:
        self.fanout = fanout
        self.orders = orders
        self.interval_s = interval_s
        self.submitters = submitters
        self.lookback = lookback
        self.stale_after = stale_after

    async def pending_leader_fills(self) -> list[FillRecord]:
        """Recent fills of followed traders that no fan-out has claimed yet, oldest first
        (which follows a fill reaches, by their start time, the fan-out decides)."""
        followed = exists().where(col(Follow.leader_id) == FillRecord.user_id, col(Follow.active))
        claimed = exists().where(col(CopyFanout.leader_fill_id) == FillRecord.id)
        query = (
            select(FillRecord)
            .where(followed, ~claimed, col(FillRecord.executed_at) >= utcnow() - self.lookback)
            .order_by(col(FillRecord.executed_at))
            .limit(BATCH)
        )
        async with self.fanout.db.session() as session:
            return list((await session.exec(query)).all())

    async def dispatch_once(self) -> list[FanoutResult]:
        """Fan out every pending leader fill (the new orders are queued for submission)."""
        results = []
        for fill in await self.pending_leader_fills():
            try:
                result = await self.fanout.fan_out(fill)
            except Exception:  # one bad fill must not hold up the others; retried next round
                log.exception("fan-out of fill %s failed", fill.id)
                continue
            if not result.duplicate:
                log.info(
                    "copied fill %s: %d orders, %d skipped in %.3f s",
                    fill.id,
                    result.planned,
                    result.skipped,
                    result.total_s,
                )
            results.append(result)
        return results

    async def submit(self, order_id: str) -> Order | None:
        """Send one queued copy order; None when it was too late to send."""
        async with self.orders.db.session() as session:
            order = await session.get(Order, order_id)
        if order is None or order.status != OrderStatus.PENDING_SUBMIT.value:
            return order
        if utcnow() - order.created_at > self.stale_after:
            log.warning("copy order %s not sent: older than %s", order_id, self.stale_after)
            return None
        return await self.orders.submit_stored(order_id)

    async def submit_queued(self) -> int:
        """Send everything queued now (tests and single-shot use); returns how many."""
        sent = 0
        while (order_id := self.fanout.queue.get_nowait()) is not None:
            await self._submit_logged(order_id)
            sent += 1
        return sent

    async def _submit_logged(self, order_id: str) -> None:
        try:
            await self.submit(order_id)
        except (ApiError, ExchangeError) as exc:
            log.warning("copy order %s not submitted: %s", order_id, exc)
        except Exception:  # keep the submitter alive; the reconciler resolves the order
            log.exception("copy order %s failed", order_id)

    async def _submitter(self) -> None:
        while True:
            await self._submit_logged(await self.fanout.queue.get())

    async def run(self) -> None:
        submitters = [
            asyncio.create_task(self._submitter(), name=f"copy-submitter-{n}")
            for n in range(self.submitters)
        ]
        try:
            while True:
                try:
                    await self.dispatch_once()
                except Exception:  # the next round retries: unclaimed fills stay pending
                    log.exception("copy dispatch failed")
                await asyncio.sleep(self.interval_s)
        finally:
            await stop_tasks(submitters)
