"""Marketplace subscriptions and their bot copies at the service level: nothing half-way."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlmodel import select

from api.container import Services
from api.db.bot_tables import Bot
from api.db.social_tables import StrategySubscription
from api.errors import ApiError
from api.services.social.errors import AlreadySubscribed
from api.services.social.marketplace import ListingInput, Pricing, acting_for
from tests.api.test_social_fee_settlement import TEMPLATE, member


async def test_two_concurrent_subscribes_leave_one_subscription_and_one_copy(
    services: Services,
) -> None:
    creator, _ = await member(services, "creator")
    subscriber, account = await member(services, "subscriber")
    listing = await services.marketplace.publish(
        creator,
        ListingInput(
            "template", TEMPLATE, "grid", pricing=Pricing.PERFORMANCE,
            performance_fee_pct=Decimal(10),
        ),
    )  # fmt: skip
    approved = acting_for(subscriber.user_id, "test")

    results = await asyncio.gather(
        *(
            services.marketplace.subscribe(approved, listing.id, account, Decimal(1000))
            for _ in range(2)
        ),
        return_exceptions=True,
    )

    won = [r for r in results if isinstance(r, StrategySubscription)]
    lost = [r for r in results if isinstance(r, ApiError)]
    assert len(won) == 1 and len(lost) == 1 and isinstance(lost[0], AlreadySubscribed)
    async with services.db.session() as session:
        bots = (await session.exec(select(Bot).where(Bot.user_id == subscriber.user_id))).all()
        subscriptions = (await session.exec(select(StrategySubscription))).all()
    assert [b.id for b in bots] == [won[0].bot_id]  # the loser's copy was removed again
    assert [s.id for s in subscriptions] == [won[0].id]
    assert bots[0].state == "running"
