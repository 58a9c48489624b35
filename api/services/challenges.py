"""WebAuthn challenges at rest: issue one, find it by its nonce, consume it exactly once."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select

from api.db.database import Database
from api.db.models import WebAuthnChallenge, utcnow

Clock = Callable[[], datetime]
NONCE_BYTES = 32
CHALLENGE_TTL = timedelta(seconds=120)


class ChallengeStore:
    def __init__(self, db: Database, clock: Clock = utcnow, ttl: timedelta = CHALLENGE_TTL) -> None:
        if ttl > CHALLENGE_TTL:
            raise ValueError("a WebAuthn challenge lives at most 120 s")
        self.db = db
        self.clock = clock
        self.ttl = ttl

    async def issue(
        self,
        purpose: str,
        *,
        user_id: str | None = None,
        session_id: str | None = None,
        action_kind: str | None = None,
        action_digest: bytes | None = None,
    ) -> WebAuthnChallenge:
        now = self.clock()
        row = WebAuthnChallenge(
            nonce=secrets.token_bytes(NONCE_BYTES),
            purpose=purpose,
            user_id=user_id,
            session_id=session_id,
            action_kind=action_kind,
            action_digest=action_digest,
            created_at=now,
            expires_at=now + self.ttl,
        )
        async with self.db.session() as session:
            session.add(row)
            await session.commit()
        return row

    async def find(self, purpose: str, nonce: bytes) -> WebAuthnChallenge | None:
        async with self.db.session() as session:
            return (
                await session.exec(
                    select(WebAuthnChallenge).where(
                        WebAuthnChallenge.nonce == nonce, WebAuthnChallenge.purpose == purpose
                    )
                )
            ).first()

    async def get(self, challenge_id: str) -> WebAuthnChallenge | None:
        async with self.db.session() as session:
            return await session.get(WebAuthnChallenge, challenge_id)

    async def consume(self, challenge_id: str) -> bool:
        """One conditional UPDATE: of any number of concurrent callers exactly one gets True,
        and only while the challenge is unused and unexpired."""
        now = self.clock()
        statement = (
            update(WebAuthnChallenge)
            .where(
                col(WebAuthnChallenge.id) == challenge_id,
                col(WebAuthnChallenge.consumed_at).is_(None),
                col(WebAuthnChallenge.expires_at) > now,
            )
            .values(consumed_at=now)
        )
        async with self.db.session() as session:
            connection = await session.connection()
            result = await connection.execute(statement)
            await session.commit()
        return result.rowcount == 1
