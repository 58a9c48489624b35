"""The push delivery worker: sends each queued (notification, device) message of the durable
outbox (`push_outbox`), retries transient FCM errors with exponential backoff, removes dead
tokens and writes the delivery log.

Rows are inserted by the notification service in the transaction that decides to push, so
nothing queued is lost on a crash. A worker **claims** due rows: one transaction selects them
(`FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent workers take different rows; SQLite has a
single writer) and moves each one's `next_attempt_at` a lease ahead with `attempts + 1`, by a
conditional UPDATE on the attempts it read — so two workers (or replicas) never both claim one
attempt. The outcome is recorded the same way (only while the claim is still ours). A row whose
worker died mid-send becomes due again when its lease ends; rows never claimed, or waiting for a
retry, are taken at once by the next worker that starts. The clock and the sleep are injected:
tests step time instead of waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, func, update
from sqlmodel import col, select

from api.db.database import Database
from api.db.notification_tables import NotificationDelivery, PushOutbox
from api.services.notifications.devices import DeviceRegistry
from notifications.messages import build_message, content_from_json
from notifications.sender import PushSender, SendOutcome, SendResult

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Tick = Callable[[], Awaitable[object]]

MAX_ATTEMPTS = 6
BASE_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=5)
# How long a claimed row is ours: longer than one send can take (firebase-admin's own HTTP
# retries included); a worker that died mid-send leaves its rows due again after it.
LEASE = timedelta(minutes=2)
CLAIM_BATCH = 64
CONCURRENT_SENDS = 4
IDLE_WAIT_SECONDS = 0.25  # the longest the loop sleeps before looking at the clock again

QUEUED, SENT, FAILED, TOKEN_REMOVED = "queued", "sent", "failed", "token_removed"


def backoff(attempt: int, base: timedelta = BASE_DELAY, cap: timedelta = MAX_DELAY) -> timedelta:
    """Delay after failed attempt `attempt` (1-based): base, 2·base, 4·base ... capped."""
    return min(base * (2 ** (attempt - 1)), cap)


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
        lease: timedelta = LEASE,
    ) -> None:
        self.db = db
        self.sender = sender
        self.devices = devices
        self.clock = clock
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.lease = lease
        self._wake = asyncio.Event()

    # -- queue -------------------------------------------------------------------------------
    def wake(self) -> None:
        """Rows were queued (committed): look now rather than at the next idle tick."""
        self._wake.set()

    async def queued(self) -> int:
        """Rows not finished yet (due, waiting for a retry, or being sent)."""
        async with self.db.session() as session:
            count = await session.exec(
                select(func.count()).select_from(PushOutbox).where(col(PushOutbox.status) == QUEUED)
            )
            return int(count.one())

    async def claim(self, limit: int = CLAIM_BATCH) -> list[PushOutbox]:
        """Due rows, each claimed for one attempt (attempts + 1, leased until now + lease)."""
        now = self.clock()
        query = (
            select(PushOutbox)
            .where(col(PushOutbox.status) == QUEUED, col(PushOutbox.next_attempt_at) <= now)
            .order_by(col(PushOutbox.next_attempt_at), col(PushOutbox.id))
            .limit(limit)
        )
        if self.db.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed: list[PushOutbox] = []
        async with self.db.session() as session:
            rows = list((await session.exec(query)).all())
            connection = await session.connection()
            for row in rows:
                result = await connection.execute(
                    update(PushOutbox)
                    .where(*_as_last_seen(row))
                    .values(attempts=row.attempts + 1, next_attempt_at=now + self.lease)
                )
                if result.rowcount == 1:
                    claimed.append(row)
            await session.commit()
        for row in claimed:  # what the database now holds (the session's copies are stale)
            row.attempts += 1
            row.next_attempt_at = now + self.lease
        return claimed

    # -- sending -----------------------------------------------------------------------------
    async def process_due(self) -> int:
        """Claim and send every row due now (one attempt each); returns how many."""
        total = 0
        while rows := await self.claim():
            # firebase-admin blocks a thread per send: a few at a time, not one by one.
            for start in range(0, len(rows), CONCURRENT_SENDS):
                await asyncio.gather(
                    *(self._attempt(row) for row in rows[start : start + CONCURRENT_SENDS])
                )
            total += len(rows)
            if len(rows) < CLAIM_BATCH:
                break
        return total

    async def _attempt(self, row: PushOutbox) -> None:
        now = self.clock()
        try:
            message = build_message(row.token, row.platform, content_from_json(row.content), now)
            result = await self.sender.send(message)
        except Exception as exc:  # a bug must not kill the queue; the log shows it
            log.exception("push to device %s failed unexpectedly", row.device_id)
            result = SendResult(SendOutcome.FAILED, error=f"{type(exc).__name__}: {exc}")
        entry = NotificationDelivery(
            notification_id=row.notification_id,
            device_id=row.device_id,
            platform=row.platform,
            attempt=row.attempts,
            status=result.outcome.value,
            message_id=result.message_id,
            error=(result.error or "")[:500] or None,
            at=now,
        )
        status, next_attempt_at = FAILED, now
        if result.outcome is SendOutcome.SENT:
            status = SENT
        elif result.outcome is SendOutcome.TOKEN_INVALID:
            status = entry.status = TOKEN_REMOVED
            await self.devices.remove(row.device_id)
        elif result.outcome is SendOutcome.RETRY:
            if row.attempts < self.max_attempts:
                status = QUEUED
                next_attempt_at = now + backoff(row.attempts, self.base_delay, self.max_delay)
                entry.next_attempt_at = next_attempt_at
            else:
                entry.status = FAILED
        done = status != QUEUED
        values: dict[str, object] = {"status": status, "next_attempt_at": next_attempt_at}
        if done:  # the raw action tokens leave the database with the message
            values |= {"finished_at": now, "content": "{}", "token": ""}
        async with self.db.session() as session:
            connection = await session.connection()
            result_row = await connection.execute(
                update(PushOutbox).where(*_as_last_seen(row)).values(**values)
            )
            if result_row.rowcount != 1:  # our lease lapsed and another worker took it over
                log.warning("outbox row %s was reclaimed during its send", row.id)
            session.add(entry)
            await session.commit()

    # -- the loop ----------------------------------------------------------------------------
    async def run(self, on_tick: Tick | None = None) -> None:
        """Forever: `on_tick` (flushes coalesced bursts), send what is due, wait a little.
        Unfinished rows of earlier runs are due at once (or when their lease ends)."""
        while True:
            try:
                if on_tick is not None:
                    await on_tick()
                await self.process_due()
            except Exception:  # keep delivering; the next tick retries
                log.exception("push delivery tick failed")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=IDLE_WAIT_SECONDS)

    async def close(self) -> None:
        await self.sender.close()


def _as_last_seen(row: PushOutbox) -> tuple[ColumnElement[bool], ...]:
    """The row is still queued at the attempt we read: nobody claimed or finished it since."""
    return (
        col(PushOutbox.id) == row.id,
        col(PushOutbox.status) == QUEUED,
        col(PushOutbox.attempts) == row.attempts,
    )
