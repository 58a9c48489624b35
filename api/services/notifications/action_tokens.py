"""Single-use, short-lived action tokens: one per button of one notification.

The token (32 random bytes, base64url) travels in the push; only its SHA-256 is stored, bound to
the user, the notification, the action id and kind and the exact payload. Redeeming is one
conditional UPDATE (used_at IS NULL and not expired), so two taps — or two replicas — cannot
both perform it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import col, select

from api.db.database import Database
from api.db.notification_tables import NotificationActionToken
from api.errors import NotFound
from api.services.notifications.errors import ActionTokenExpired, ActionTokenUsed

TOKEN_BYTES = 32
# Long enough to unlock the phone and pass the biometric; a stale buy button should not work.
ACTION_TOKEN_TTL = timedelta(minutes=15)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ActionGrant:
    """What a token allows (its row, decoded)."""

    id: str
    user_id: str
    notification_id: str
    action_id: str
    kind: str
    payload: Mapping[str, Any]
    expires_at: datetime

    @classmethod
    def of(cls, row: NotificationActionToken) -> ActionGrant:
        return cls(
            row.id,
            row.user_id,
            row.notification_id,
            row.action_id,
            row.kind,
            json.loads(row.payload),
            row.expires_at,
        )


class ActionTokenStore:
    def __init__(self, db: Database, ttl: timedelta = ACTION_TOKEN_TTL) -> None:
        self.db = db
        self.ttl = ttl

    def new_row(
        self,
        user_id: str,
        notification_id: str,
        action_id: str,
        kind: str,
        payload: Mapping[str, Any],
        now: datetime,
    ) -> tuple[str, NotificationActionToken]:
        """A fresh token and its row (the caller adds the row to its transaction)."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        row = NotificationActionToken(
            token_digest=digest(token),
            user_id=user_id,
            notification_id=notification_id,
            action_id=action_id,
            kind=kind,
            payload=json.dumps(dict(payload), sort_keys=True, separators=(",", ":")),
            created_at=now,
            expires_at=now + self.ttl,
        )
        return token, row

    async def peek(self, user_id: str, token: str, now: datetime) -> ActionGrant:
        """The grant, unchanged; the same errors redeeming would give."""
        return ActionGrant.of(self._check(await self._row(user_id, token), now))

    async def redeem(self, user_id: str, token: str, now: datetime) -> ActionGrant:
        """Marks the token used (once); raises NOT_FOUND / ACTION_TOKEN_USED / _EXPIRED."""
        row = self._check(await self._row(user_id, token), now)
        async with self.db.session() as session:
            result = await session.exec(
                update(NotificationActionToken)
                .where(
                    col(NotificationActionToken.id) == row.id,
                    col(NotificationActionToken.used_at).is_(None),
                    col(NotificationActionToken.expires_at) > now,
                )
                .values(used_at=now)
            )
            await session.commit()
        if result.rowcount != 1:  # another tap won the race
            raise ActionTokenUsed("this notification action was already performed")
        return ActionGrant.of(row)

    async def release(self, grant: ActionGrant) -> None:
        """Make a redeemed token usable again: the action failed before doing anything (a
        wrong or missing step-up), so the user can retry from the same notification."""
        async with self.db.session() as session:
            await session.exec(
                update(NotificationActionToken)
                .where(col(NotificationActionToken.id) == grant.id)
                .values(used_at=None)
            )
            await session.commit()

    async def _row(self, user_id: str, token: str) -> NotificationActionToken:
        async with self.db.session() as session:
            row = (
                await session.exec(
                    select(NotificationActionToken).where(
                        col(NotificationActionToken.token_digest) == digest(token)
                    )
                )
            ).first()
        # Someone else's token looks exactly like no token at all.
        if row is None or row.user_id != user_id:
            raise NotFound("no such notification action", field="actionToken")
        return row

    @staticmethod
    def _check(row: NotificationActionToken, now: datetime) -> NotificationActionToken:
        if row.used_at is not None:
            raise ActionTokenUsed(
                "this notification action was already performed", field="actionToken"
            )
        if row.expires_at <= now:
            raise ActionTokenExpired(
                "this notification action has expired; open the app to act", field="actionToken"
            )
        return row
