"""The push delivery queue: sends each (notification, device) message, retries transient FCM
errors with exponential backoff, removes dead tokens and writes the delivery log.

Jobs live in memory with their action tokens (only digests are stored), so a push still queued
when the process stops is not re-sent after a restart; the notification stays in the inbox.
The clock and the sleep are injected: tests step time instead of waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from api.db.database import Database
from api.db.notification_tables import NotificationDelivery
from api.services.notifications.devices import DeviceRegistry
from notifications.messages import PushContent, build_message
from notifications.sender import PushSender, SendOutcome, SendResult

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Tick = Callable[[], Awaitable[object]]

MAX_ATTEMPTS = 6
BASE_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=5)
CONCURRENT_SENDS = 4
IDLE_WAIT_SECONDS = 0.25  # the longest the loop sleeps before looking at the clock again


def backoff(attempt: int, base: timedelta = BASE_DELAY, cap: timedelta = MAX_DELAY) -> timedelta:
    """Delay after failed attempt `attempt` (1-based): base, 2·base, 4·base ... capped."""
    return min(base * (2 ** (attempt - 1)), cap)


@dataclass(frozen=True, slots=True)
class DeliveryJob:
    notification_id: str
    device_id: str
    platform: str
    token: str
    content: PushContent
    attempt: int = 1


@dataclass(order=True)
class _Due:
    at: datetime
    seq: int
    job: DeliveryJob = field(compare=False)


class PushDelivery:
    def __init__(
        self,
        db: Database,
        sender: PushSender,
        devices: DeviceRegistry,
        clock: Clock,
        *,
        max_attempts: int = MAX_ATTEMPTS,
        base_delay: timedelta = BASE_DELAY,
        max_delay: timedelta = MAX_DELAY,
    ) -> None:
        self.db = db
        self.sender = sender
        self.devices = devices
        self.clock = clock
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._queue: list[_Due] = []
        self._seq = itertools.count()
        self._wake = asyncio.Event()

    # -- queue -------------------------------------------------------------------------------
    def enqueue(self, jobs: Iterable[DeliveryJob], at: datetime | None = None) -> None:
        due = at or self.clock()
        for job in jobs:
            heapq.heappush(self._queue, _Due(due, next(self._seq), job))
        self._wake.set()

    @property
    def queued(self) -> int:
        return len(self._queue)

    def next_due(self) -> datetime | None:
        return self._queue[0].at if self._queue else None

    # -- sending -----------------------------------------------------------------------------
    async def process_due(self) -> int:
        """Send every job due now (one attempt each); returns how many were attempted."""
        now = self.clock()
        due: list[DeliveryJob] = []
        while self._queue and self._queue[0].at <= now:
            due.append(heapq.heappop(self._queue).job)
        # firebase-admin blocks a thread per send: a few at a time, not one by one.
        for start in range(0, len(due), CONCURRENT_SENDS):
            await asyncio.gather(
                *(self._attempt(job) for job in due[start : start + CONCURRENT_SENDS])
            )
        return len(due)

    async def _attempt(self, job: DeliveryJob) -> None:
        now = self.clock()
        try:
            message = build_message(job.token, job.platform, job.content, now)
            result = await self.sender.send(message)
        except Exception as exc:  # a bug must not kill the queue; the log shows it
            log.exception("push to device %s failed unexpectedly", job.device_id)
            result = SendResult(SendOutcome.FAILED, error=f"{type(exc).__name__}: {exc}")
        entry = NotificationDelivery(
            notification_id=job.notification_id,
            device_id=job.device_id,
            platform=job.platform,
            attempt=job.attempt,
            status=result.outcome.value,
            message_id=result.message_id,
            error=(result.error or "")[:500] or None,
            at=now,
        )
        if result.outcome is SendOutcome.TOKEN_INVALID:
            entry.status = "token_removed"
            await self.devices.remove(job.device_id)
        elif result.outcome is SendOutcome.RETRY:
            if job.attempt < self.max_attempts:
                retry_at = now + backoff(job.attempt, self.base_delay, self.max_delay)
                entry.next_attempt_at = retry_at
                retry = DeliveryJob(
                    job.notification_id,
                    job.device_id,
                    job.platform,
                    job.token,
                    job.content,
                    job.attempt + 1,
                )
                self.enqueue([retry], at=retry_at)
            else:
                entry.status = "failed"
        async with self.db.session() as session:
            session.add(entry)
            await session.commit()

    # -- the loop ----------------------------------------------------------------------------
    async def run(self, on_tick: Tick | None = None) -> None:
        """Forever: `on_tick` (flushes coalesced bursts), send what is due, wait a little."""
        while True:
            try:
                if on_tick is not None:
                    await on_tick()
                await self.process_due()
            except Exception:  # keep delivering; the next tick retries
                log.exception("push delivery tick failed")
            self._wake.clear()
            wait = IDLE_WAIT_SECONDS
            next_due = self.next_due()
            if next_due is not None:
                wait = min(wait, max((next_due - self.clock()).total_seconds(), 0.0))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)

    async def close(self) -> None:
        await self.sender.close()
