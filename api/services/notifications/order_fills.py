"""Order fills become ORDER_FILLED notices: one bus subscription (`orders:{user}`) per user with
a push device. Every replica sees the same updates over Redis; the inbox's unique dedupe key
(`order_filled:{order id}`) makes exactly one of them notify."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal

from api.bus import Bus, BusUnavailable
from api.db.database import Database
from api.db.models import Order
from api.db.notification_tables import NotificationRecord
from api.services.notifications.devices import DeviceRegistry
from api.services.orders.records import orders_topic
from api.tasks import stop_tasks
from engine.trading.models import OrderStatus
from notifications.model import Notice, NoticeAction

log = logging.getLogger(__name__)

Notify = Callable[..., Awaitable[NotificationRecord | None]]


def _plain(value: Decimal | None) -> str:
    if value is None:
        return "-"
    normalised = value.normalize()
    return format(normalised, "f") if normalised != 0 else "0"


def fill_notice(order: Order) -> Notice:
    """The notice for a filled order: View it, or cancel the rest of that symbol's orders."""
    return Notice(
        user_id=order.user_id,
        category="ORDER_FILLED",
        template="buy_filled" if order.side == "buy" else "sell_filled",
        params={
            "symbol": order.symbol,
            "qty": _plain(order.filled_qty),
            "price": _plain(order.avg_fill_price),
        },
        data={"orderId": order.id, "symbol": order.symbol},
        actions=(
            NoticeAction("VIEW", "view"),
            NoticeAction(
                "CANCEL_REST",
                "cancelAllOrders",
                {"accountId": order.account_id, "symbol": order.symbol},
            ),
        ),
    )


class OrderFillNotices:
    def __init__(self, db: Database, bus: Bus, devices: DeviceRegistry, notify: Notify) -> None:
        self.db = db
        self.bus = bus
        self.devices = devices
        self.notify = notify
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._running = False

    async def start(self) -> None:
        """Follow every user who has a device (later ones: `follow` on registerDevice)."""
        self._running = True
        for user_id in await self.devices.users_with_devices():
            await self.follow(user_id)

    async def follow(self, user_id: str) -> None:
        if not self._running:
            return
        task = self._tasks.get(user_id)
        if task is not None and not task.done():
            return
        ready = asyncio.Event()
        self._tasks[user_id] = asyncio.create_task(
            self._watch(user_id, ready), name=f"order-fills-{user_id}"
        )
        await ready.wait()  # subscribed: no fill published from now on is missed

    async def _watch(self, user_id: str, ready: asyncio.Event) -> None:
        try:
            async with self.bus.subscribe(
                orders_topic(user_id), conflate=False, maxsize=1000
            ) as updates:
                ready.set()
                async for message in updates:
                    if message.data.get("status") == OrderStatus.FILLED.value:
                        await self._notify_fill(str(message.data["id"]))
        except BusUnavailable as exc:
            log.warning("order fills of %s not followed: %s", user_id, exc)
        finally:
            ready.set()

    async def _notify_fill(self, order_id: str) -> None:
        async with self.db.session() as session:
            order = await session.get(Order, order_id)
        if order is None:
            return
        try:
            await self.notify(fill_notice(order), dedupe_key=f"order_filled:{order.id}")
        except Exception:  # one bad notice must not stop this user's fills
            log.exception("could not notify the fill of order %s", order_id)

    async def close(self) -> None:
        self._running = False
        await stop_tasks(list(self._tasks.values()))
        self._tasks.clear()
