from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from api.errors import BadUserInput
from api.services.market import ticker_topic
from api.services.orders import orders_topic
from api.streaming import paced
from schema.context import Info
from schema.market.subscriptions import check_max_rate
from schema.portfolio.types import ExchangeStatus, Portfolio

MIN_STATUS_INTERVAL_S = 1.0


@strawberry.type
class PortfolioSubscription:
    @strawberry.subscription(
        description="Your portfolio marked to market: first now, then on every relevant tick or "
        "fill, conflated, at most `maxRate` frames per second."
    )
    async def live_pnl(
        self, info: Info, quote: str = "USDT", max_rate: float = 2.0
    ) -> AsyncGenerator[Portfolio, None]:
        principal = info.context.require_user()
        services = info.context.services
        check_max_rate(max_rate, services.settings.subscription_max_rate)
        user_id = principal.user_id
        venues = {a.venue for a in await services.portfolio.accounts(user_id)}
        markets = [
            ticker_topic(venue, m.symbol)
            for venue in sorted(venues)
            for m in await services.market.markets(venue)
            if m.quote == quote
        ]
        # The orders topic is the caller's own; fills change positions, ticks change marks.
        own_orders = orders_topic(user_id)
        async with services.bus.subscribe(own_orders, *markets) as subscription:
            positions = await services.pnl.positions(user_id)
            yield Portfolio.of(await services.pnl.snapshot(user_id, quote, positions))
            async for message in paced(subscription, max_rate):
                queued = subscription.take_pending()  # this frame covers them all
                if any(m.topic == own_orders for m in (message, *queued)):
                    positions = await services.pnl.positions(user_id)
                yield Portfolio.of(await services.pnl.snapshot(user_id, quote, positions))

    @strawberry.subscription(
        description="Connection health of your venue accounts, now and every `intervalSeconds`."
    )
    async def exchange_status(
        self, info: Info, interval_seconds: float = 5.0
    ) -> AsyncGenerator[list[ExchangeStatus], None]:
        principal = info.context.require_user()
        if not MIN_STATUS_INTERVAL_S <= interval_seconds <= 3600:
            raise BadUserInput("intervalSeconds must be 1 to 3600", field="intervalSeconds")
        service = info.context.services.exchange_accounts
        while True:
            yield [ExchangeStatus.of(c) for c in await service.connections(principal.user_id)]
            await asyncio.sleep(interval_seconds)
