from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.errors import NotFound
from api.services.orders import orders_topic
from schema.context import Info
from schema.trading.types import Order


@strawberry.type
class TradingSubscription:
    @strawberry.subscription(
        description="Your orders as they change (conflated: the latest state of each order)."
    )
    async def order_updates(self, info: Info) -> AsyncGenerator[Order, None]:
        principal = info.context.require_user()
        orders = info.context.services.orders
        # The topic is the caller's own: nobody else's order ids ever arrive here.
        async with info.context.services.bus.subscribe(orders_topic(principal.user_id)) as sub:
            async for message in sub:
                try:
                    order = await orders.order(principal.user_id, str(message.data["id"]))
                except NotFound:  # deleted with its account meanwhile
                    continue
                yield Order.of(order)
