from __future__ import annotations

import strawberry

from engine.trading.models import OrderStatus as EngineStatus
from schema.context import Info
from schema.trading.types import FillConnection, Order, OrderConnection, OrderStatus


@strawberry.type
class TradingQuery:
    @strawberry.field(description="One of your orders; NOT_FOUND for any other id.")
    async def order(self, info: Info, id: strawberry.ID) -> Order:
        principal = info.context.require_user()
        return Order.of(await info.context.services.orders.order(principal.user_id, str(id)))

    @strawberry.field(description="Your orders, newest first, optionally filtered.")
    async def orders(
        self,
        info: Info,
        status: list[OrderStatus] | None = None,
        symbol: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> OrderConnection:
        principal = info.context.require_user()
        page = await info.context.services.orders.orders(
            principal.user_id,
            status=[EngineStatus(s.value) for s in status] if status else None,
            symbol=symbol,
            first=first,
            after=after,
        )
        return OrderConnection.of(page)

    @strawberry.field(description="Your fills, newest first.")
    async def fills(
        self, info: Info, symbol: str | None = None, first: int = 50, after: str | None = None
    ) -> FillConnection:
        principal = info.context.require_user()
        page = await info.context.services.orders.fills(
            principal.user_id, symbol=symbol, first=first, after=after
        )
        return FillConnection.of(page)
