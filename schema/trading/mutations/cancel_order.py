from __future__ import annotations

import strawberry

from schema.context import Info
from schema.trading.types import Order


async def cancel_order(info: Info, id: strawberry.ID) -> Order:
    # Never step-up guarded: reducing exposure must always be possible.
    principal = info.context.require_user()
    return Order.of(await info.context.services.orders.cancel_order(principal, str(id)))
