"""NotificationService.notify(notice): localise → preferences and quiet hours → rate limit and
coalescing → action tokens → the durable delivery outbox (api/workers/push_delivery.py).

Every notice lands in the in-app inbox. It is pushed unless its category is muted, it is quiet
time for the user (RISK_LIMIT is pushed anyway), the user has no device, or the per-user rate
limit is used up (urgent categories bypass it). Categories that coalesce (ORDER_FILLED) wait for
the window to close: one notice is pushed as is, several as one "10 orders filled".

Nothing is half-stored: the inbox row, its action tokens and its outbox rows (or, while it waits
in a coalescing window, its `push_pending` row) are written in one transaction. A window is
flushed by deleting its pending rows in the transaction that queues the push — so it survives a
restart, and two workers (replicas) never push one window twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.db.database import Database
from api.db.notification_tables import NotificationRecord, PushDevice, PushOutbox, PushPending
from api.services.notifications.action_tokens import ActionTokenStore
from api.services.notifications.devices import DeviceRegistry
from api.services.notifications.preferences import PreferenceStore
from api.services.orders.pages import Page, newest_first_page
from api.workers.push_delivery import PushDelivery
from notifications.categories import ActionSpec, Category, category
from notifications.i18n import DEFAULT_LOCALE
from notifications.messages import PushAction, PushContent, content_to_json
from notifications.model import Notice, NoticeAction
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


def notice_to_json(notice: Notice) -> str:
    """What a pending (coalescing) notice needs beyond its inbox row to be pushed later."""
    return json.dumps(
        {
            "template": notice.template,
            "params": dict(notice.params),
            "data": dict(notice.data),
            "actions": [
                {"id": a.id, "kind": a.kind, "payload": dict(a.payload)} for a in notice.actions
            ],
        },
        sort_keys=True,
    )


def notice_from_json(user_id: str, category_id: str, text: str) -> Notice:
    data: dict[str, Any] = json.loads(text)
    return Notice(
        user_id=user_id,
        category=category_id,
        template=data["template"],
        params=dict(data["params"]),
        data=dict(data["data"]),
        actions=tuple(NoticeAction(a["id"], a["kind"], a["payload"]) for a in data["actions"]),
    )


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
        self.coalesce_window = coalesce_window

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
        prefs = await self.preferences.get(notice.user_id)
        pushing = bool(devices) and found.id not in prefs.muted
        if pushing and not found.urgent and prefs.in_quiet_hours(now, devices[0].timezone):
            pushing = False
        coalescing = pushing and found.coalesce and self.coalesce_window > timedelta(0)
        if coalescing:
            record.delivery = "pending"
        elif pushing:
            record.delivery = await self._push_or_limit(found, notice.user_id, now)
        async with self.db.session() as session:
            session.add(record)
            try:
                await session.flush()
            except IntegrityError:
                return None
            if coalescing:
                session.add(
                    PushPending(
                        notification_id=record.id,
                        user_id=notice.user_id,
                        category=found.id,
                        notice=notice_to_json(notice),
                        created_at=now,
                    )
                )
            elif record.delivery == "push":
                self._queue(session, found, [(record, notice)], devices, now)
            try:
                await session.commit()
            except IntegrityError:
                return None
        if record.delivery == "push":
            self.delivery.wake()
        return record

    async def _push_or_limit(self, found: Category, user_id: str, now: datetime) -> str:
        if not found.urgent and await self._pushes_in_window(user_id, now) >= self.max_per_minute:
            return "rate_limited"
        return "push"

    async def flush_due(self) -> int:
        """Push every coalescing window that has closed; returns how many pushes."""
        now = self.clock()
        query = (
            select(PushPending.user_id, PushPending.category)
            .group_by(col(PushPending.user_id), col(PushPending.category))
            .having(func.min(PushPending.created_at) <= now - self.coalesce_window)
        )
        async with self.db.session() as session:
            groups = list((await session.exec(query)).all())
        pushed = 0
        for user_id, category_id in groups:
            try:
                pushed += await self._flush(user_id, category_id, now)
            except Exception:  # one bad window must not hold back the others
                log.exception("flushing %s of user %s failed", category_id, user_id)
        return pushed

    async def _flush(self, user_id: str, category_id: str, now: datetime) -> int:
        """One closed window: claim its pending rows (delete them) and queue one push, in one
        transaction; 0 when another worker got there first."""
        found = category(category_id)
        devices = await self.devices.of_user(user_id)
        delivery = await self._push_or_limit(found, user_id, now) if devices else "in_app"
        async with self.db.session() as session:
            query = (
                select(PushPending, NotificationRecord)
                .join(
                    NotificationRecord,
                    col(NotificationRecord.id) == col(PushPending.notification_id),
                )
                .where(col(PushPending.user_id) == user_id, col(PushPending.category) == found.id)
                .order_by(col(NotificationRecord.created_at), col(NotificationRecord.id))
            )
            pairs = list((await session.exec(query)).all())
            if not pairs:
                return 0
            ids = [pending.notification_id for pending, _ in pairs]
            connection = await session.connection()
            claimed = await connection.execute(
                delete(PushPending).where(col(PushPending.notification_id).in_(ids))
            )
            if claimed.rowcount != len(ids):  # another worker flushed (part of) it
                await session.rollback()
                return 0
            items = [
                (record, notice_from_json(user_id, found.id, pending.notice))
                for pending, record in pairs
            ]
            records = [r for r, _ in items]
            if delivery == "push":
                self._queue(session, found, items, devices, now)
                await self._set_delivery(session, records[:-1], "coalesced")
                await self._set_delivery(session, records[-1:], "push")
            else:
                await self._set_delivery(session, records, delivery)
            await session.commit()
        if delivery == "push":
            self.delivery.wake()
            return 1
        return 0

    def _queue(
        self,
        session: AsyncSession,
        found: Category,
        items: Sequence[tuple[NotificationRecord, Notice]],
        devices: Sequence[PushDevice],
        now: datetime,
    ) -> None:
        """Action tokens and one outbox row per device, in the caller's transaction."""
        record, notice = items[-1]  # the push speaks for the newest; its actions are offered
        buttons: list[tuple[ActionSpec, str]] = []
        for action in notice.actions:
            spec = found.action(action.id)
            assert spec is not None  # kept by _checked
            token, row = self.tokens.new_row(
                notice.user_id, record.id, action.id, action.kind, action.payload, now
            )
            session.add(row)
            buttons.append((spec, token))
        data = dict(notice.data)
        if len(items) > 1:
            data["count"] = str(len(items))
        for device in devices:
            content = self._content(device, found, record.id, notice, len(items), data, buttons)
            session.add(
                PushOutbox(
                    notification_id=record.id,
                    user_id=notice.user_id,
                    device_id=device.id,
                    platform=device.platform,
                    token=device.token,
                    content=content_to_json(content),
                    next_attempt_at=now,
                    created_at=now,
                )
            )

    def _content(
        self,
        device: PushDevice,
        found: Category,
        notification_id: str,
        notice: Notice,
        count: int,
        data: dict[str, str],
        buttons: list[tuple[ActionSpec, str]],
    ) -> PushContent:
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
        return PushContent(notification_id, found, title, body, data, actions)

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

    @staticmethod
    async def _set_delivery(
        session: AsyncSession, records: Sequence[NotificationRecord], delivery: str
    ) -> None:
        if not records:
            return
        for record in records:
            record.delivery = delivery
        await session.exec(
            update(NotificationRecord)
            .where(col(NotificationRecord.id).in_([r.id for r in records]))
            .values(delivery=delivery)
        )

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
