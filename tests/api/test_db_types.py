"""Money stays exact and time stays UTC-aware through the run's real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy.exc import StatementError

from api.db.database import Database
from api.db.models import BalanceRecord, ExchangeAccount, User


@pytest.fixture
async def db(database_url: str) -> Database:
    database = Database(database_url)
    await database.upgrade()
    yield database  # type: ignore[misc]
    await database.dispose()


async def _account(db: Database) -> ExchangeAccount:
    async with db.session() as session:
        user = User(email="m@example.com", password_hash="x", display_name="M")
        session.add(user)
        await session.flush()
        account = ExchangeAccount(user_id=user.id, venue="sim", label="L")
        session.add(account)
        await session.commit()
    return account


async def test_money_round_trips_exactly(db: Database) -> None:
    account = await _account(db)
    amount = Decimal("123456789.123456789012345678")
    async with db.session() as session:
        row = BalanceRecord(
            user_id=account.user_id,
            account_id=account.id,
            currency="BTC",
            free=amount,
            used=Decimal("0.1") + Decimal("0.2"),
        )
        session.add(row)
        await session.commit()
        row_id = row.id
    async with db.session() as session:
        loaded = await session.get(BalanceRecord, row_id)
    assert loaded is not None
    assert loaded.free == amount
    assert loaded.used == Decimal("0.3")


async def test_float_money_is_refused(db: Database) -> None:
    account = await _account(db)
    async with db.session() as session:
        session.add(
            BalanceRecord(
                user_id=account.user_id,
                account_id=account.id,
                currency="X",
                free=0.1,  # type: ignore[arg-type]
            )
        )
        with pytest.raises(StatementError, match="Decimal"):
            await session.commit()


async def test_times_come_back_timezone_aware_utc(db: Database) -> None:
    plus_two = timezone(timedelta(hours=2))
    created = datetime(2026, 1, 2, 12, 0, tzinfo=plus_two)
    async with db.session() as session:
        user = User(email="t@example.com", password_hash="x", display_name="T", created_at=created)
        session.add(user)
        await session.commit()
    async with db.session() as session:
        loaded = await session.get(User, user.id)
    assert loaded is not None
    assert loaded.created_at.tzinfo is not None
    assert loaded.created_at == created
    assert loaded.created_at.astimezone(UTC).hour == 10


async def test_naive_times_are_refused(db: Database) -> None:
    async with db.session() as session:
        session.add(
            User(
                email="n@example.com",
                password_hash="x",
                display_name="N",
                created_at=datetime(2026, 1, 1),
            )
        )
        with pytest.raises(StatementError, match="naive"):
            await session.commit()
