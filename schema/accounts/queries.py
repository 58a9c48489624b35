from __future__ import annotations

import strawberry

from schema.accounts.types import User
from schema.context import Info


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The signed-in user (UNAUTHENTICATED without a session).")
    async def me(self, info: Info) -> User:
        principal = info.context.require_user()
        return User.of(await info.context.services.accounts.get_user(principal.user_id))
