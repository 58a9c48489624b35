"""The leaderboard worker's snapshot: equity from venue-reported balances of the public
accounts only, trades from recorded fills; refresh caches the metrics."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from api.container import Services
from api.db.models import FillRecord, utcnow
from api.db.social_tables import DailyEquity, LeaderboardEntry
from api.services.social.profiles import ProfileInput
from api.workers.leaderboard import LeaderboardRefresher
from tests.api.test_copy_fanout import leader_buys, services, trader

__all__ = ["services"]  # the fixture
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
