"""Scheduled fee settlement: each period end settles every performance-fee subscription once
(two replicas, a restart), at the copy's verified equity, only above the high-water mark."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlmodel import select

from api.container import Services
from api.db.bot_tables import Bot
from api.db.database import Database
from api.db.models import User, utcnow
from api.db.social_tables import FeeSettlement, LedgerEntry, StrategySubscription
from api.services.accounts import Principal
from api.services.social.marketplace import ListingInput, MarketplaceService, Pricing, acting_for
from api.settings import Settings
from api.workers.fee_settlement import FeeSettlementWorker, last_period_end

TEMPLATE = "btc-grid-conservative"


async def member(services: Services, name: str) -> tuple[Principal, str]:
    user = User(email=f"{name}@example.com", password_hash="not-used", display_name=name)
    async with services.db.session() as session:
        session.add(user)
        await session.commit()
    account = await services.portfolio.open_paper_account(user.id, {"USDT": Decimal(10_000)})
    return Principal(user.id, "session", "full"), account.id


async def subscribed(
    services: Services, pricing: Pricing = Pricing.PERFORMANCE
) -> StrategySubscription:
    """A subscriber's 1,000 allocation to a 20 % performance-fee listing; its copy stopped
    again so that the test sets what the copy earned."""
    creator, _ = await member(services, "creator")
    subscriber, account = await member(services, "subscriber")
    listing = await services.marketplace.publish(
        creator,
        ListingInput(
            "template",
            TEMPLATE,
            "BTC grid",
            pricing=pricing,
            performance_fee_pct=Decimal(20) if pricing is Pricing.PERFORMANCE else None,
            monthly_price=Decimal(5) if pricing is Pricing.MONTHLY else None,
        ),
    )
    # Acting as the in-process principal the marketplace uses once the step-up was given
    # (the step-up itself: tests/schema/test_social_marketplace.py).
    approved = acting_for(subscriber.user_id, "test")
    subscription = await services.marketplace.subscribe(
        approved, listing.id, account, Decimal(1000)
    )
    assert subscription.bot_id is not None
    await services.bots.stop_bot(approved, subscription.bot_id, None)
    return subscription


async def copy_earned(services: Services, bot_id: str, realised: str) -> None:
    """The copy's ledger as the bot runner books it from its fills (flat: no open position)."""
    async with services.db.session() as session:
        bot = await session.get(Bot, bot_id)
        assert bot is not None
        bot.realised_pnl, bot.position, bot.avg_cost = Decimal(realised), Decimal(0), None
        session.add(bot)
        await session.commit()


async def fees(services: Services) -> list[LedgerEntry]:
    async with services.db.session() as session:
        rows = await session.exec(select(LedgerEntry).where(LedgerEntry.kind == "performance_fee"))
        return list(rows.all())


def month_after(months: int) -> datetime:
    return utcnow() + timedelta(days=31 * months)


def test_the_period_that_closed_last_ends_at_the_start_of_the_utc_month() -> None:
    at = datetime(2027, 3, 17, 9, 30, tzinfo=UTC)
    assert last_period_end(at) == datetime(2027, 3, 1, tzinfo=UTC)
    assert last_period_end(datetime(2027, 1, 1, tzinfo=UTC)) == datetime(2027, 1, 1, tzinfo=UTC)


async def test_two_replicas_settle_a_period_once_and_a_restart_settles_nothing(
    services: Services, settings: Settings
) -> None:
    subscription = await subscribed(services)
    assert subscription.bot_id is not None
    await copy_earned(services, subscription.bot_id, "200")
    at = month_after(1)
    replicas = [Database(settings.resolved_database_url) for _ in range(2)]
    try:
        workers = [
            FeeSettlementWorker(
                MarketplaceService(db, services.step_up, creator_share_pct=Decimal(80)),
                services.venues,
                clock=lambda: at,
            )
            for db in replicas
        ]
        results = await asyncio.gather(*(w.settle_due() for w in workers))
        restarted = await workers[0].settle_due()
    finally:
        for db in replicas:
            await db.dispose()

    settled = [s for result in results for s in result]
    assert [(s.equity, s.fee) for s in settled] == [(Decimal(1200), Decimal(40))]
    assert restarted == []
    entries = await fees(services)
    assert len({e.tx_id for e in entries}) == 1 and sum(e.amount for e in entries) == 0
    async with services.db.session() as session:
        row = await session.get(StrategySubscription, subscription.id)
        claims = (await session.exec(select(FeeSettlement))).all()
    assert row is not None and row.high_water_mark == Decimal(1160)  # what the subscriber kept
    assert [(c.period_end, c.high_water_mark, c.fee) for c in claims] == [
        (last_period_end(at), Decimal(1000), Decimal(40))
    ]


async def test_the_next_period_charges_only_above_the_new_mark(services: Services) -> None:
    subscription = await subscribed(services)
    assert subscription.bot_id is not None
    await copy_earned(services, subscription.bot_id, "200")
    at = month_after(1)
    worker = FeeSettlementWorker(services.marketplace, services.venues, clock=lambda: at)
    assert [s.fee for s in await worker.settle_due()] == [Decimal(40)]

    await copy_earned(services, subscription.bot_id, "150")  # below the 1,160 mark
    at = month_after(2)
    assert [s.fee for s in await worker.settle_due()] == [Decimal(0)]
    await copy_earned(services, subscription.bot_id, "300")  # 140 above the mark
    at = month_after(3)
    assert [s.fee for s in await worker.settle_due()] == [Decimal(28)]
    assert len({e.tx_id for e in await fees(services)}) == 2


async def test_only_active_performance_subscriptions_from_before_the_period_end_are_due(
    services: Services,
) -> None:
    monthly = await subscribed(services, Pricing.MONTHLY)
    now = utcnow()
    worker = FeeSettlementWorker(services.marketplace, services.venues, clock=lambda: now)
    assert await worker.settle_due() == []  # started this month: the period is not over

    later = FeeSettlementWorker(services.marketplace, services.venues, clock=lambda: month_after(1))
    assert await later.due(last_period_end(month_after(1))) == []  # monthly: nothing to settle
    subscriber = acting_for(monthly.subscriber_id, "test")
    await services.marketplace.cancel(subscriber, monthly.id)
    assert await later.settle_due() == []


async def test_cancelling_mid_period_settles_the_running_period_once(
    services: Services,
) -> None:
    subscription = await subscribed(services)
    assert subscription.bot_id is not None
    await copy_earned(services, subscription.bot_id, "200")
    subscriber = acting_for(subscription.subscriber_id, "test")

    cancelled = await services.marketplace.cancel(subscriber, subscription.id)
    again = await services.marketplace.cancel(subscriber, subscription.id)

    assert not cancelled.active and not again.active
    assert cancelled.high_water_mark == Decimal(1160)
    entries = await fees(services)
    assert len({e.tx_id for e in entries}) == 1 and sum(e.amount for e in entries) == 0
    later = FeeSettlementWorker(services.marketplace, services.venues, clock=lambda: month_after(1))
    assert await later.settle_due() == []  # nothing left for the month end
