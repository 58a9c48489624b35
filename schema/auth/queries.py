from __future__ import annotations

import strawberry

from schema.auth.types import Passkey, TradingGrant
from schema.context import Info


@strawberry.type
class AuthQuery:
    @strawberry.field(description="The signed-in user's passkeys.")
    async def passkeys(self, info: Info) -> list[Passkey]:
        principal = info.context.require_user()
        rows = await info.context.services.passkeys.of_user(principal)
        return [Passkey.of(row) for row in rows]

    @strawberry.field(description="The signed-in user's trading grants, newest first.")
    async def trading_grants(self, info: Info) -> list[TradingGrant]:
        principal = info.context.require_user()
        rows = await info.context.services.trading_grants.of_user(principal)
        return [TradingGrant.of(row) for row in rows]
