"""Private order and fill streams of connected live accounts (ccxt.pro `watch_orders` and
`watch_my_trades`), recorded through the same recorder as reconciliation.

For every connected live account whose venue streams them (capability map: `watchOrders`,
`watchMyTrades`), one task per stream loops on the venue's websocket and hands each batch to
`OrderRecorder.record_account_state`: order rows follow the venue (never leaving a final status,
never losing filled quantity) and fills are inserted once per (account, venue trade id), so a
fill the stream delivers and REST reconciliation reads again is stored once. Orders we did not
place (unknown client order ids) are ignored.

The streams only speed things up: the Reconciler still resolves every non-final order by REST,
so an update missed while a stream was down is not lost. `sync()` starts streams for accounts
that were connected and stops those of accounts that were removed; `run()` calls it on a timer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlmodel import col, select

from api.db.models import ExchangeAccount
from api.errors import ApiError
from api.services.orders import OrderService
from api.services.venues import SIM
from api.tasks import stop_tasks
from engine.exchanges.errors import ExchangeError, NetworkError
from engine.trading.models import ExchangeOrder, Fill

log = logging.getLogger(__name__)

SYNC_INTERVAL_S = 5.0
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 30.0

# capability name -> the adapter method that streams it
STREAMS = {"watchOrders": "watch_orders", "watchMyTrades": "watch_my_trades"}


def streams_of(exchange: object) -> list[str]:
    """The private streams `exchange` offers: per its capability map where it has one (the
    CCXT adapter), else whichever stream methods it implements."""
    capabilities = getattr(exchange, "capabilities", None)
    watch = getattr(capabilities, "watch", None)
    return [
        capability
        for capability, method in STREAMS.items()
        if (capability in watch if watch is not None else callable(getattr(exchange, method, None)))
    ]


class PrivateStreams:
    def __init__(self, orders: OrderService, interval_s: float = SYNC_INTERVAL_S) -> None:
        self.orders = orders
        self.interval_s = interval_s
        self._tasks: dict[str, list[asyncio.Task[None]]] = {}

    @property
    def active(self) -> dict[str, int]:
        """account id -> how many of its streams are running."""
        return {a: sum(not t.done() for t in ts) for a, ts in self._tasks.items()}

    async def sync(self) -> None:
        """Start the streams of connected live accounts, stop those of removed ones (and
        restart an account's streams once all of them ended, e.g. after an auth error)."""
        async with self.orders.db.session() as session:
            accounts = (
                await session.exec(select(ExchangeAccount).where(col(ExchangeAccount.venue) != SIM))
            ).all()
        connected: dict[str, tuple[ExchangeAccount, Any]] = {}
        for account in accounts:
            try:
                exchange = self.orders.venues.account_exchange(account)
            except ApiError:  # not connected in this process
                continue
            connected[account.id] = (account, exchange)
        for account_id in list(self._tasks):
            tasks = self._tasks[account_id]
            if account_id not in connected or all(t.done() for t in tasks):
                del self._tasks[account_id]
                await stop_tasks(tasks)
        for account_id, (account, exchange) in connected.items():
            if account_id in self._tasks:
                continue
            tasks = []
            for capability in streams_of(exchange):
                watch = getattr(exchange, STREAMS[capability])
                tasks.append(
                    asyncio.create_task(
                        self._consume(account.id, account.venue, capability, watch),
                        name=f"private-{capability}:{account.id}",
                    )
                )
            if tasks:
                self._tasks[account_id] = tasks

    async def _consume(
        self,
        account_id: str,
        venue: str,
        capability: str,
        watch: Callable[[], Awaitable[Sequence[Any]]],
    ) -> None:
        """Re-arm the watch at once after each batch and record batches in order on another
        task: ccxt.pro wakes only a caller already waiting, so a batch recorded in between
        would leave an update that arrives meanwhile unseen until the stream's next message."""
        batches: asyncio.Queue[Sequence[Any]] = asyncio.Queue()
        writer = asyncio.create_task(
            self._write(account_id, venue, capability, batches),
            name=f"private-{capability}-writer:{account_id}",
        )
        backoff = FIRST_BACKOFF_S
        try:
            while True:
                try:
                    batch = await watch()
                except NetworkError as exc:
                    log.info(
                        "%s stream of %s dropped (%s); resubscribing", capability, account_id, exc
                    )
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, MAX_BACKOFF_S)
                    continue
                except ExchangeError as exc:  # refused (keys revoked ...): sync() restarts it
                    log.warning("%s stream of %s refused: %s", capability, account_id, exc)
                    return
                backoff = FIRST_BACKOFF_S
                batches.put_nowait(batch)
        finally:  # batches not recorded yet are resolved by the reconciler over REST
            await stop_tasks([writer])

    async def _write(
        self,
        account_id: str,
        venue: str,
        capability: str,
        batches: asyncio.Queue[Sequence[Any]],
    ) -> None:
        while True:
            batch = await batches.get()
            try:
                if capability == "watchOrders":
                    await self.record(account_id, venue, orders=batch)
                else:
                    await self.record(account_id, venue, fills=batch)
            except Exception:  # the reconciler still resolves it over REST
                log.exception("recording a %s batch of %s failed", capability, account_id)
            finally:
                batches.task_done()

    async def record(
        self,
        account_id: str,
        venue: str,
        *,
        orders: Sequence[ExchangeOrder] = (),
        fills: Sequence[Fill] = (),
    ) -> int:
        """Record one streamed batch (one transaction), then publish the changed orders;
        returns how many of our orders changed."""
        recorder = self.orders.recorder
        async with self.orders.db.session() as session:
            changed = await recorder.record_account_state(session, account_id, orders, fills, venue)
            await session.commit()
        await recorder.publish(changed)
        return len(changed)

    async def run(self) -> None:
        try:
            while True:
                try:
                    await self.sync()
                except Exception:  # keep the timer alive; the next run retries
                    log.exception("private stream sync failed")
                await asyncio.sleep(self.interval_s)
        finally:
            await self.close()

    async def close(self) -> None:
        tasks = [t for ts in self._tasks.values() for t in ts]
        self._tasks.clear()
        await stop_tasks(tasks)
