from __future__ import annotations

import strawberry

from schema.context import Info
from schema.trading.types import Order


async def cancel_all_orders(
    info: Info, account_id: strawberry.ID | None = None, symbol: str | None = None
) -> list[Order]:
    # Never step-up guarded: reducing exposure must always be possible.
    principal = info.context.require_user()
    cancelled = await info.context.services.orders.cancel_all_orders(
        principal, None if account_id is None else str(account_id), symbol
    )
    return [Order.of(o) for o in cancelled]
