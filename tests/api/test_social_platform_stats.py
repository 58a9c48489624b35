"""platformStats: totals from recorded fills and active follows, cached for the TTL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from api.container import Services
from api.db.models import FillRecord, utcnow
from api.services.accounts import Principal
from api.services.social import PlatformStatsService
from tests.api.test_copy_fanout import follow, leader_buys, trader

pytestmark = pytest.mark.paper_trading_without_step_up


async def test_platform_stats_sum_fills_and_copied_capital_and_are_cached(
    services: Services,
) -> None:
    now = [utcnow()]
    stats = PlatformStatsService(services.db, timedelta(seconds=60), clock=lambda: now[0])
    leader = await trader(services, "leader", "10000")
    fan = await trader(services, "fan", "5000")
    await follow(services, fan, leader[0], allocation=Decimal("1500"))
    await leader_buys(services, leader, "0.01")

    first = await stats.stats()
    async with services.db.session() as session:
        fills = (await session.exec(select(FillRecord))).all()
    assert first.total_trades == len(fills) >= 1
    assert first.volume_quote == sum(f.price * f.qty for f in fills)
    assert (first.active_traders, first.copied_capital) == (1, Decimal("1500"))
    assert first.bots_running == 0

    late = await trader(services, "late", "5000")
    await follow(services, late, leader[0], allocation=Decimal("500"))
    now[0] += timedelta(seconds=59)
    assert await stats.stats() is first  # cached
    bot = await services.bots.create_subscriber_copy(
        Principal(late[0], "session", "full"),
        account_id=late[1],
        allocation=Decimal("1000"),
        template_id="btc-grid-conservative",
        start=False,
    )
    await services.bots.start_bot(Principal(late[0], "session", "full"), bot.id, None)
    now[0] += timedelta(seconds=2)
    fresh = await stats.stats()
    assert (fresh.copied_capital, fresh.bots_running) == (Decimal("2000"), 1)
