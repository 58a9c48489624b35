from __future__ import annotations

import strawberry

from schema.context import Info


async def revoke_trading_grant(info: Info, id: strawberry.ID) -> bool:
    """End a grant now (never guarded: it only reduces what can happen)."""
    principal = info.context.require_user()
    await info.context.services.trading_grants.revoke(principal, str(id))
    return True
