"""Scheduled fee settlement: at each period end, every active performance-fee subscription is
settled once (`MarketplaceService.settle_period` with the period's end as its key).

Periods are calendar months in UTC: the period that ended most recently is due from its first
second on. The equity a period closes at is the subscription's verified equity: its allocation
plus its copy bot's P&L from venue fills (realised, fees included, plus the open position
marked at the venue's last price) — never anything the user types. A subscription without a
copy (from before copies ran) closes at its allocation, so it is never charged.

A subscription cancelled mid-period is settled at its cancellation instead
(`MarketplaceService.cancel`), so leaving just before a period end does not skip its fee.

Any number of replicas may run this: the (subscription, period end) claim settles each period
once; a restart re-checks and finds it done. A subscription whose worker was down over several
period ends is settled for the latest one only (its equity then is the one known; the
high-water mark makes that fair: only gains above the mark are ever charged).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import and_, exists
from sqlmodel import col, select

from api.db.database import Database
from api.db.models import utcnow
from api.db.social_tables import FeeSettlement, StrategyListing, StrategySubscription
from api.services.social.errors import AlreadySettled
from api.services.social.marketplace import MarketplaceService, Pricing
from api.services.social.subscription_equity import subscription_equity
from api.services.venues import VenueRegistry

log = logging.getLogger(__name__)

INTERVAL_S = 300.0


def last_period_end(now: datetime) -> datetime:
    """The start of `now`'s UTC calendar month: the end of the period that closed last."""
    now = now.astimezone(UTC)
    return datetime(now.year, now.month, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Settled:
    subscription_id: str
    period_end: datetime
    equity: Decimal
    fee: Decimal


class FeeSettlementWorker:
    def __init__(
        self,
        marketplace: MarketplaceService,
        venues: VenueRegistry,
        *,
        clock: Callable[[], datetime] = utcnow,
        interval_s: float = INTERVAL_S,
    ) -> None:
        self.marketplace = marketplace
        self.db: Database = marketplace.db
        self.venues = venues
        self.clock = clock
        self.interval_s = interval_s

    async def due(self, period_end: datetime) -> list[StrategySubscription]:
        """Active performance-fee subscriptions started before `period_end` and not settled
        for it."""
        settled = exists().where(
            and_(
                col(FeeSettlement.subscription_id) == StrategySubscription.id,
                col(FeeSettlement.period_end) == period_end,
            )
        )
        query = (
            select(StrategySubscription)
            .join(StrategyListing, col(StrategyListing.id) == StrategySubscription.listing_id)
            .where(
                col(StrategySubscription.active),
                StrategyListing.pricing == Pricing.PERFORMANCE.value,
                col(StrategySubscription.created_at) < period_end,
                ~settled,
            )
            .order_by(col(StrategySubscription.id))
        )
        async with self.db.session() as session:
            return list((await session.exec(query)).all())

    async def equity(self, subscription: StrategySubscription) -> Decimal:
        """Allocation + the copy's realised P&L + its open position at the venue's last price."""
        return await subscription_equity(self.db, self.venues, subscription)

    async def settle_due(self) -> list[Settled]:
        """Settle every subscription due for the period that closed last; what this call
        settled (another replica's settlements are not listed)."""
        period_end = last_period_end(self.clock())
        done: list[Settled] = []
        for subscription in await self.due(period_end):
            try:
                equity = await self.equity(subscription)
                fee = await self.marketplace.settle_period(subscription.id, equity, period_end)
            except AlreadySettled:
                continue
            except Exception:  # one subscription must not hold up the others; retried later
                log.exception("fee settlement of %s failed", subscription.id)
                continue
            done.append(Settled(subscription.id, period_end, equity, fee))
        if done:
            log.info("settled %d subscriptions for the period ending %s", len(done), period_end)
        return done

    async def run(self) -> None:
        while True:
            try:
                await self.settle_due()
            except Exception:  # keep the timer alive; the next round retries
                log.exception("fee settlement failed")
            await asyncio.sleep(self.interval_s)
