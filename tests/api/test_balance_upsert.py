"""Balances are upserted: two writers seeing a currency for the first time at the same moment
both succeed, and the last write wins (a read-then-insert failed on the unique key)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlmodel import select

from api.db.database import Database
from api.db.models import BalanceRecord, ExchangeAccount, User
from api.services.orders.records import save_balances
from engine.trading.models import Balance


async def test_concurrent_first_writes_of_a_currency_both_succeed(database_url: str) -> None:
    db = Database(database_url)
    await db.upgrade()
    try:
        async with db.session() as session:
            user = User(email="b@example.com", password_hash="x", display_name="b")
            session.add(user)
            await session.flush()
            account = ExchangeAccount(user_id=user.id, venue="sim", label="paper")
            session.add(account)
            await session.commit()
        first = {"ETH": Balance("ETH", free=Decimal("1"), used=Decimal("0"))}
        second = {"ETH": Balance("ETH", free=Decimal("2"), used=Decimal("0.5"))}
        async with db.session() as a:
            await save_balances(a, user.id, account.id, first)  # uncommitted insert

            async def other_writer() -> None:
                async with db.session() as b:
                    await save_balances(b, user.id, account.id, second)
                    await b.commit()

            racing = asyncio.create_task(other_writer())
            await asyncio.sleep(0.05)  # the other writer is now waiting on our row
            await a.commit()
        await asyncio.wait_for(racing, 10)
        async with db.session() as session:
            rows = (await session.exec(select(BalanceRecord))).all()
        assert [(r.currency, r.free, r.used) for r in rows] == [
            ("ETH", Decimal("2"), Decimal("0.5"))
        ]
    finally:
        await db.dispose()
