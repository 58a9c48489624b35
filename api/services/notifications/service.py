"""NotificationService.notify(notice): localise → inbox row → preferences and quiet hours →
rate limit and coalescing → action tokens → delivery queue (api/workers/push_delivery.py).

Every notice lands in the in-app inbox. It is pushed unless its category is muted, it is quiet
time for the user (RISK_LIMIT is pushed anyway), the user has no device, or the per-user rate
limit is used up (urgent categories bypass it). Categories that coalesce (ORDER_FILLED) wait for
the window to close: one notice is pushed as is, several as one "10 orders filled".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from api.db.database import Database
from api.db.notification_tables import NotificationRecord, PushDevice
from api.services.notifications.action_tokens import ActionTokenStore
from api.services.notifications.coalescing import Coalescer
from api.services.notifications.devices import DeviceRegistry
from api.services.notifications.preferences import PreferenceStore
from api.services.orders.pages import Page, newest_first_page
from api.workers.push_delivery import DeliveryJob, PushDelivery
from notifications.categories import ActionSpec, Category, category
from notifications.i18n import DEFAULT_LOCALE
from notifications.messages import PushAction, PushContent
from notifications.model import Notice
from notifications.render import (
    action_label,
    check_params,
    coalesced_title_and_body,
    title_and_body,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
RATE_WINDOW = timedelta(minutes=1)


def _checked(notice: Notice) -> tuple[Category, Notice]:
    """The notice's category, and the notice keeping only the buttons its category registers
    (iOS can only show those); an unknown category or template, or missing params, raise."""
    found = category(notice.category)
    check_params(notice.template, notice.params)
    kept = []
    for action in notice.actions:
        spec = found.action(action.id)
        if spec is not None and spec.kind == action.kind:
            kept.append(action)
        else:
            log.info("%s has no %s action of kind %s: dropped", found.id, action.id, action.kind)
    return found, replace(notice, actions=tuple(kept))


class NotificationService:
    def __init__(
        self,
        db: Database,
        devices: DeviceRegistry,
        preferences: PreferenceStore,
        tokens: ActionTokenStore,
        delivery: PushDelivery,
        clock: Clock,
        *,
        max_per_minute: int = 10,
        coalesce_window: timedelta = timedelta(seconds=2),
    ) -> None:
        self.db = db
        self.devices = devices
        self.preferences = preferences
        self.tokens = tokens
        self.delivery = delivery
        self.clock = clock
        self.max_per_minute = max_per_minute
        self.coalescer = Coalescer(coalesce_window)

    # -- producing -----------------------------------------------------------------------
    async def notify(
        self, notice: Notice, *, dedupe_key: str | None = None
    ) -> NotificationRecord | None:
        """The inbox row; None when `dedupe_key` was already notified (another replica)."""
        found, notice = _checked(notice)
        now = self.clock()
        devices = await self.devices.of_user(notice.user_id)
        locale = devices[0].locale if devices else DEFAULT_LOCALE
        title, body = title_and_body(locale, notice.template, notice.params)
        record = NotificationRecord(
            user_id=notice.user_id,
            category=found.id,
            template=notice.template,
            title=title,
            body=body,
            locale=locale,
            data=json.dumps(dict(notice.data), sort_keys=True),
            dedupe_key=dedupe_key,
            created_at=now,
        )
        async with self.db.session() as session:
            session.add(record)
            try:
                await session.commit()
            except IntegrityError:
                return None
        prefs = await self.preferences.get(notice.user_id)
        if not devices or found.id in prefs.muted:
            return record
        if not found.urgent and prefs.in_quiet_hours(now, devices[0].timezone):
            return record
        if found.coalesce and self.coalescer.window > timedelta(0):
            self.coalescer.add(record, notice, now)
            await self._set_delivery([record], "pending")
            return record
        await self._push(found, [(record, notice)], now)
        return record

    async def flush_due(self) -> int:
        """Push every coalescing window that has closed; returns how many pushes."""
        now = self.clock()
        bursts = self.coalescer.due(now)
        for burst in bursts:
            await self._push(category(burst.category), burst.items, now)
        return len(bursts)

    async def _push(
        self, found: Category, items: Sequence[tuple[NotificationRecord, Notice]], now: datetime
    ) -> None:
        record, notice = items[-1]  # the push speaks for the newest; its actions are offered
        user_id = notice.user_id
        records = [r for r, _ in items]
        devices = await self.devices.of_user(user_id)
        if not devices:
            await self._set_delivery(records, "in_app")
            return
        if not found.urgent and await self._pushes_in_window(user_id, now) >= self.max_per_minute:
            await self._set_delivery(records, "rate_limited")
            return
        buttons: list[tuple[ActionSpec, str]] = []
        async with self.db.session() as session:
            for action in notice.actions:
                spec = found.action(action.id)
                assert spec is not None  # kept by _checked
                token, row = self.tokens.new_row(
                    user_id, record.id, action.id, action.kind, action.payload, now
                )
                session.add(row)
                buttons.append((spec, token))
            await session.commit()
        await self._set_delivery(records[:-1], "coalesced")
        await self._set_delivery([record], "push")
        data = dict(notice.data)
        if len(items) > 1:
            data["count"] = str(len(items))
        jobs = []
        for device in devices:
            jobs.append(self._job(device, found, record.id, notice, len(items), data, buttons))
        self.delivery.enqueue(jobs)

    def _job(
        self,
        device: PushDevice,
        found: Category,
        notification_id: str,
        notice: Notice,
        count: int,
        data: dict[str, str],
        buttons: list[tuple[ActionSpec, str]],
    ) -> DeliveryJob:
        if count == 1:
            title, body = title_and_body(device.locale, notice.template, notice.params)
        else:
            title, body = coalesced_title_and_body(device.locale, found, count)
        actions = [
            PushAction(
                id=spec.id,
                kind=spec.kind,
                label=action_label(device.locale, spec.id),
                token=token,
                opens_app=spec.opens_app,
                needs_step_up=spec.needs_step_up,
                destructive=spec.destructive,
            )
            for spec, token in buttons
        ]
        content = PushContent(notification_id, found, title, body, data, actions)
        return DeliveryJob(notification_id, device.id, device.platform, device.token, content)

    async def _pushes_in_window(self, user_id: str, now: datetime) -> int:
        async with self.db.session() as session:
            count = await session.exec(
                select(func.count())
                .select_from(NotificationRecord)
                .where(
                    col(NotificationRecord.user_id) == user_id,
                    col(NotificationRecord.delivery) == "push",
                    col(NotificationRecord.created_at) > now - RATE_WINDOW,
                )
            )
            return int(count.one())

    async def _set_delivery(self, records: Sequence[NotificationRecord], delivery: str) -> None:
        if not records:
            return
        for record in records:
            record.delivery = delivery
        async with self.db.session() as session:
            await session.exec(
                update(NotificationRecord)
                .where(col(NotificationRecord.id).in_([r.id for r in records]))
                .values(delivery=delivery)
            )
            await session.commit()

    # -- the inbox -----------------------------------------------------------------------
    async def inbox(
        self, user_id: str, *, first: int = 20, after: str | None = None, unread_only: bool = False
    ) -> Page[NotificationRecord]:
        query = select(NotificationRecord).where(col(NotificationRecord.user_id) == user_id)
        if unread_only:
            query = query.where(col(NotificationRecord.read_at).is_(None))
        return await newest_first_page(
            self.db,
            query,
            col(NotificationRecord.created_at),
            col(NotificationRecord.id),
            first,
            after,
        )

    async def unread_count(self, user_id: str) -> int:
        async with self.db.session() as session:
            count = await session.exec(
                select(func.count())
                .select_from(NotificationRecord)
                .where(
                    col(NotificationRecord.user_id) == user_id,
                    col(NotificationRecord.read_at).is_(None),
                )
            )
            return int(count.one())

    async def mark_read(self, user_id: str, ids: Sequence[str]) -> int:
        """Marks the user's own notifications read; ids of anyone else's are ignored."""
        async with self.db.session() as session:
            result = await session.exec(
                update(NotificationRecord)
                .where(
                    col(NotificationRecord.user_id) == user_id,
                    col(NotificationRecord.id).in_(list(ids)),
                    col(NotificationRecord.read_at).is_(None),
                )
                .values(read_at=self.clock())
            )
            await session.commit()
        return int(result.rowcount)
