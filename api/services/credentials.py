"""Stored passkeys (WebAuthn credentials) of users."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, update
from sqlmodel import col, select

from api.db.database import Database
from api.db.models import WebAuthnCredential


class CredentialStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def of_user(self, user_id: str) -> list[WebAuthnCredential]:
        async with self.db.session() as session:
            rows = await session.exec(
                select(WebAuthnCredential)
                .where(WebAuthnCredential.user_id == user_id)
                .order_by(col(WebAuthnCredential.created_at))
            )
            return list(rows)

    async def usable_of_user(self, user_id: str) -> list[WebAuthnCredential]:
        return [c for c in await self.of_user(user_id) if c.clone_suspected_at is None]

    async def by_credential_id(self, credential_id: bytes) -> WebAuthnCredential | None:
        async with self.db.session() as session:
            return (
                await session.exec(
                    select(WebAuthnCredential).where(
                        WebAuthnCredential.credential_id == credential_id
                    )
                )
            ).first()

    async def record_use(self, row_id: str, new_sign_count: int, now: datetime) -> bool:
        """Store the new counter only if it still moves forward (or stays 0 for authenticators
        without a counter); False when a concurrent use got there first with a higher one."""
        statement = (
            update(WebAuthnCredential)
            .where(
                col(WebAuthnCredential.id) == row_id,
                or_(
                    col(WebAuthnCredential.sign_count) < new_sign_count,
                    col(WebAuthnCredential.sign_count) == 0,
                ),
            )
            .values(sign_count=new_sign_count, last_used_at=now)
        )
        async with self.db.session() as session:
            result = await (await session.connection()).execute(statement)
            await session.commit()
        return result.rowcount == 1

    async def flag_clone(self, row_id: str, now: datetime) -> None:
        async with self.db.session() as session:
            await (await session.connection()).execute(
                update(WebAuthnCredential)
                .where(col(WebAuthnCredential.id) == row_id)
                .values(clone_suspected_at=now)
            )
            await session.commit()
