"""Alert rows: per-user reads and writes, and the claim that fires a trigger exactly once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from api.db.alert_tables import Alert, AlertTrigger
from api.db.database import Database
from api.errors import NotFound
from api.services.orders.pages import Page, newest_first_page

ACTIVE, PAUSED, DONE = "active", "paused", "done"


class AlertStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def insert(self, alert: Alert) -> Alert:
        async with self.db.session() as session:
            session.add(alert)
            await session.commit()
        return alert

    async def save(self, alert: Alert) -> Alert:
        async with self.db.session() as session:
            merged = await session.merge(alert)
            await session.commit()
        return merged

    async def by_id(self, alert_id: str) -> Alert | None:
        async with self.db.session() as session:
            return await session.get(Alert, alert_id)

    async def owned(self, user_id: str, alert_id: str) -> Alert:
        """One of the user's alerts; NOT_FOUND for anyone else's (no hint that it exists)."""
        alert = await self.by_id(alert_id)
        if alert is None or alert.user_id != user_id:
            raise NotFound("no such alert", field="id")
        return alert

    async def of_user(self, user_id: str) -> list[Alert]:
        query = select(Alert).where(col(Alert.user_id) == user_id)
        async with self.db.session() as session:
            rows = await session.exec(query.order_by(col(Alert.created_at).desc(), col(Alert.id)))
            return list(rows.all())

    async def active(self) -> list[Alert]:
        async with self.db.session() as session:
            rows = await session.exec(select(Alert).where(col(Alert.status) == ACTIVE))
            return list(rows.all())

    async def delete(self, user_id: str, alert_id: str) -> None:
        async with self.db.session() as session:
            alert = await session.get(Alert, alert_id)
            if alert is None or alert.user_id != user_id:
                raise NotFound("no such alert", field="id")
            await session.delete(alert)
            await session.commit()

    async def claim(
        self,
        alert_id: str,
        trigger_key: str,
        now: datetime,
        cooldown_s: float,
        *,
        symbol: str | None,
        value: str,
        detail: dict[str, Any],
        action_status: str,
    ) -> AlertTrigger | None:
        """Fire `alert_id` for `trigger_key` unless someone already did (another replica, an
        earlier run) or the alert may not fire now. One transaction: a conditional UPDATE of the
        alert (active, not snoozed, not expired, fires left, cooled down) and an INSERT unique
        per (alert, trigger key). None: not claimed, do nothing."""
        fires_left = or_(col(Alert.max_fires).is_(None), col(Alert.fires) < col(Alert.max_fires))
        last_fire = or_(col(Alert.mode) == "recurring", col(Alert.fires) == 0)
        final = or_(
            col(Alert.mode) == "once",
            and_(col(Alert.max_fires).is_not(None), col(Alert.fires) + 1 >= col(Alert.max_fires)),
        )
        claim = (
            update(Alert)
            .where(
                col(Alert.id) == alert_id,
                col(Alert.status) == ACTIVE,
                or_(col(Alert.snoozed_until).is_(None), col(Alert.snoozed_until) <= now),
                or_(col(Alert.expires_at).is_(None), col(Alert.expires_at) > now),
                fires_left,
                last_fire,
                or_(
                    col(Alert.last_fired_at).is_(None),
                    col(Alert.last_fired_at) <= now - timedelta(seconds=cooldown_s),
                ),
            )
            .values(
                fires=col(Alert.fires) + 1,
                last_fired_at=now,
                updated_at=now,
                status=case((final, DONE), else_=ACTIVE),
            )
        )
        async with self.db.session() as session:
            alert = await session.get(Alert, alert_id)
            if alert is None:
                return None
            connection = await session.connection()
            result = await connection.execute(claim)
            if result.rowcount != 1:
                await session.rollback()
                return None
            trigger = AlertTrigger(
                alert_id=alert_id,
                user_id=alert.user_id,
                trigger_key=trigger_key,
                symbol=symbol,
                value=value,
                detail=json.dumps(detail, sort_keys=True),
                action_status=action_status,
                fired_at=now,
            )
            session.add(trigger)
            try:
                await session.commit()
            except IntegrityError:  # this trigger was claimed by another evaluator
                await session.rollback()
                return None
        return trigger

    async def trigger(self, trigger_id: str) -> AlertTrigger | None:
        async with self.db.session() as session:
            return await session.get(AlertTrigger, trigger_id)

    async def finish_action(self, trigger_id: str, status: str, result: str | None) -> None:
        async with self.db.session() as session:
            trigger = await session.get(AlertTrigger, trigger_id)
            if trigger is None:
                return
            trigger.action_status = status
            trigger.action_result = None if result is None else result[:255]
            await session.commit()

    async def pending_triggers(self) -> list[AlertTrigger]:
        """Triggers whose action was claimed but not finished (a crash or restart between)."""
        query = select(AlertTrigger).where(col(AlertTrigger.action_status) == "pending")
        async with self.db.session() as session:
            return list((await session.exec(query.order_by(col(AlertTrigger.fired_at)))).all())

    async def triggers(
        self, user_id: str, alert_id: str | None, first: int, after: str | None
    ) -> Page[AlertTrigger]:
        query = select(AlertTrigger).where(col(AlertTrigger.user_id) == user_id)
        if alert_id is not None:
            query = query.where(col(AlertTrigger.alert_id) == alert_id)
        return await newest_first_page(
            self.db, query, col(AlertTrigger.fired_at), col(AlertTrigger.id), first, after
        )
