"""Push notifications: devices, preferences, inbox, action tokens and actions, delivery.

`build_notifications` wires the parts; `Notifications.notify(notice)` is what producers call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.bus import Bus
from api.db.database import Database
from api.db.models import utcnow
from api.db.notification_tables import NotificationRecord
from api.services.notifications.action_tokens import ActionTokenStore
from api.services.notifications.actions import ActionDispatcher, ActionOutcome, ActionPreview
from api.services.notifications.devices import DeviceRegistry
from api.services.notifications.order_fills import OrderFillNotices
from api.services.notifications.preferences import Preferences, PreferenceStore
from api.services.notifications.service import NotificationService
from api.services.orders import OrderService
from api.settings import Settings
from api.workers.push_delivery import PushDelivery
from notifications.model import Notice
from notifications.sender import PushSender, create_sender

__all__ = [
    "ActionOutcome",
    "ActionPreview",
    "Notifications",
    "Preferences",
    "build_notifications",
]


@dataclass
class Notifications:
    service: NotificationService
    devices: DeviceRegistry
    preferences: PreferenceStore
    actions: ActionDispatcher
    delivery: PushDelivery
    fills: OrderFillNotices

    async def notify(
        self, notice: Notice, *, dedupe_key: str | None = None
    ) -> NotificationRecord | None:
        return await self.service.notify(notice, dedupe_key=dedupe_key)

    async def hand_over(self, notice: Notice) -> None:
        """`notify` for producers that only hand a notice over (the alerts' `Notify`)."""
        await self.service.notify(notice)

    async def close(self) -> None:
        await self.fills.close()
        await self.delivery.close()


def build_notifications(
    settings: Settings,
    db: Database,
    bus: Bus,
    orders: OrderService,
    *,
    clock: Callable[[], datetime] = utcnow,
    sender: PushSender | None = None,
) -> Notifications:
    devices = DeviceRegistry(db)
    preferences = PreferenceStore(db)
    tokens = ActionTokenStore(db)
    delivery = PushDelivery(db, sender or create_sender(settings.fcm_credentials), devices, clock)
    service = NotificationService(
        db,
        devices,
        preferences,
        tokens,
        delivery,
        clock,
        max_per_minute=settings.push_max_per_minute,
        coalesce_window=timedelta(seconds=settings.push_coalesce_seconds),
    )
    return Notifications(
        service=service,
        devices=devices,
        preferences=preferences,
        actions=ActionDispatcher(db, tokens, orders, clock),
        delivery=delivery,
        fills=OrderFillNotices(db, bus, devices, service.notify),
    )
