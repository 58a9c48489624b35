from __future__ import annotations

import strawberry

from schema.context import Info
from schema.market.queries import DEFAULT_VENUE
from schema.watchlist.types import Watchlist


@strawberry.type
class WatchlistMutation:
    @strawberry.mutation(
        description="Replace the watchlist with `symbols` on `venue`, in that order (at most 50, "
        "each a listed market, no repeats)."
    )
    async def set_watchlist(
        self, info: Info, symbols: list[str], venue: str = DEFAULT_VENUE
    ) -> Watchlist:
        principal = info.context.require_user()
        watchlist = info.context.services.watchlist
        return Watchlist.of(await watchlist.set(principal.user_id, symbols, venue))

    @strawberry.mutation(
        description="Add a market at the end of the watchlist (already there: unchanged)."
    )
    async def add_to_watchlist(
        self, info: Info, symbol: str, venue: str = DEFAULT_VENUE
    ) -> Watchlist:
        principal = info.context.require_user()
        watchlist = info.context.services.watchlist
        return Watchlist.of(await watchlist.add(principal.user_id, venue, symbol))

    @strawberry.mutation(description="Take a market off the watchlist (not there: unchanged).")
    async def remove_from_watchlist(
        self, info: Info, symbol: str, venue: str = DEFAULT_VENUE
    ) -> Watchlist:
        principal = info.context.require_user()
        watchlist = info.context.services.watchlist
        return Watchlist.of(await watchlist.remove(principal.user_id, venue, symbol))
