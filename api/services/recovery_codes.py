"""Recovery codes: generated in a batch, shown once, stored as SHA-256, each usable once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import col, select

from api.db.database import Database
from api.db.models import RecoveryCode

CODES_PER_BATCH = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def _new_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(15))
    return "-".join(chars[i : i + 5] for i in range(0, 15, 5))


class RecoveryCodeStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def replace_all(self, user_id: str, now: datetime) -> list[str]:
        """A fresh batch; every earlier code stops working. The plain codes are returned once."""
        codes = [_new_code() for _ in range(CODES_PER_BATCH)]
        async with self.db.session() as session:
            await (await session.connection()).execute(
                delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id)
            )
            for code in codes:
                session.add(RecoveryCode(user_id=user_id, code_hash=_digest(code), created_at=now))
            await session.commit()
        return codes

    async def unused_count(self, user_id: str) -> int:
        async with self.db.session() as session:
            count = (
                await session.exec(
                    select(func.count())
                    .select_from(RecoveryCode)
                    .where(RecoveryCode.user_id == user_id, col(RecoveryCode.used_at).is_(None))
                )
            ).one()
        return int(count)

    async def use(self, user_id: str, code: str, now: datetime) -> bool:
        """Spend one code (atomically: a code works once, even when sent twice at once)."""
        statement = (
            update(RecoveryCode)
            .where(
                col(RecoveryCode.user_id) == user_id,
                col(RecoveryCode.code_hash) == _digest(code),
                col(RecoveryCode.used_at).is_(None),
            )
            .values(used_at=now)
        )
        async with self.db.session() as session:
            result = await (await session.connection()).execute(statement)
            await session.commit()
        return result.rowcount == 1
