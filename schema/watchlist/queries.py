from __future__ import annotations

import strawberry

from schema.context import Info
from schema.watchlist.types import Watchlist


@strawberry.type
class WatchlistQuery:
    @strawberry.field(description="The signed-in user's watchlist (a default until changed).")
    async def watchlist(self, info: Info) -> Watchlist:
        principal = info.context.require_user()
        return Watchlist.of(await info.context.services.watchlist.get(principal.user_id))
