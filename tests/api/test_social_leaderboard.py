"""The leaderboard worker's snapshot: equity from venue-reported balances of the public
accounts only, trades from recorded fills; refresh caches the metrics."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from api.container import Services
from api.db.models import FillRecord, utcnow
from api.db.social_tables import DailyEquity, LeaderboardEntry, LeaderboardState
from api.services.social.profiles import ProfileInput
from api.workers.leaderboard import LeaderboardRefresher
from engine.social.metrics import window_metrics
from tests.api.test_copy_fanout import leader_buys, trader

pytestmark = pytest.mark.paper_trading_without_step_up


async def test_snapshot_values_public_accounts_from_venue_data_only(services: Services) -> None:
    user_id, public = await trader(services, "pro", "10000")
    private = await services.portfolio.open_paper_account(
        user_id, {"USDT": Decimal("5000")}, label="Private"
    )
    await services.profiles.upsert(user_id, ProfileInput("pro", public_account_ids=(public,)))
    await leader_buys(services, (user_id, public), "0.01")

    refresher = LeaderboardRefresher(services.leaderboard, interval_s=60)
    assert await refresher.refresh_once() == 4  # one cached row per period

    async with services.db.session() as session:
        [today] = (await session.exec(select(DailyEquity))).all()
        fills = (await session.exec(select(FillRecord))).all()
        entries = (await session.exec(select(LeaderboardEntry))).all()
    assert today.day == utcnow().date() and today.trades == len(fills) >= 1
    # 10,000 USDT less the taker fee: the 5,000 in the private account is not counted.
    assert Decimal("9980") < today.equity < Decimal("10000")
    assert private.id not in {f.account_id for f in fills}
    assert {e.period for e in entries} == {"D7", "D30", "D90", "ALL"}
    assert all(e.days == 1 and e.trades == today.trades for e in entries)

    await services.leaderboard.snapshot()  # later the same day: the same row is updated
    async with services.db.session() as session:
        assert len((await session.exec(select(DailyEquity))).all()) == 1


async def test_refresh_folds_closed_days_into_the_stored_record_once(services: Services) -> None:
    user_id, account = await trader(services, "steady", "10000")
    await services.profiles.upsert(user_id, ProfileInput("steady", public_account_ids=(account,)))
    start = date(2026, 1, 1)
    values = [10_000 * (1 + 0.01 * math.sin(n / 3)) + 5 * n for n in range(130)]

    async def add_days(first: int, last: int) -> None:
        async with services.db.session() as session:
            for n in range(first, last):
                equity = Decimal(str(round(values[n], 2)))
                session.add(DailyEquity(user_id=user_id, day=start + timedelta(n), equity=equity,
                                        trades=n % 3))  # fmt: skip
            await session.commit()

    async def cached() -> dict[str, LeaderboardEntry]:
        async with services.db.session() as session:
            rows = (await session.exec(select(LeaderboardEntry))).all()
        return {e.period: e for e in rows}

    def expected(first: int, last: int) -> tuple[int, float, float, int]:
        m = window_metrics([round(v, 2) for v in values[first:last]],
                           [n % 3 for n in range(first, last)])  # fmt: skip
        return m.days, m.roi_pct, m.sharpe, m.trades

    def got(entry: LeaderboardEntry) -> tuple[int, float, float, int]:
        return entry.days, entry.roi_pct, entry.sharpe, entry.trades

    await add_days(0, 120)
    await services.leaderboard.refresh(today=start + timedelta(119))  # day 119 still moving
    async with services.db.session() as session:
        state = await session.get(LeaderboardState, user_id)
    assert state is not None and state.through_day == start + timedelta(118)
    entries = await cached()
    assert got(entries["ALL"]) == pytest.approx(expected(0, 120))
    assert got(entries["D90"]) == pytest.approx(expected(30, 120))
    assert got(entries["D7"]) == pytest.approx(expected(113, 120))

    # Day 119 closes, two more arrive; day 119's point changed before closing.
    values[119] += 40
    async with services.db.session() as session:
        row = (await session.exec(select(DailyEquity).where(
            DailyEquity.day == start + timedelta(119)))).one()  # fmt: skip
        row.equity = Decimal(str(round(values[119], 2)))
        session.add(row)
        await session.commit()
    await add_days(120, 122)
    await services.leaderboard.refresh(today=start + timedelta(122))
    async with services.db.session() as session:
        state = await session.get(LeaderboardState, user_id)
    assert state is not None and state.through_day == start + timedelta(121)
    entries = await cached()
    assert got(entries["ALL"]) == pytest.approx(expected(0, 122))
    assert got(entries["D90"]) == pytest.approx(expected(32, 122))
