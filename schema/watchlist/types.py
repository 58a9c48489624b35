from __future__ import annotations

from datetime import datetime

import strawberry

from api.services.watchlist import MAX_ENTRIES, UserWatchlist


@strawberry.type(description="One watched market.")
class WatchlistEntry:
    venue: str
    symbol: str


@strawberry.type(
    description="The signed-in user's watchlist, in the user's order (the watchlist widget "
    "shows its first 6 sim symbols)."
)
class Watchlist:
    entries: list[WatchlistEntry]
    is_default: bool = strawberry.field(
        description="True until the user changes it: the default list is shown."
    )
    updated_at: datetime | None
    max_entries: int = strawberry.field(description="How many entries a watchlist may hold.")

    @classmethod
    def of(cls, watchlist: UserWatchlist) -> Watchlist:
        return cls(
            entries=[WatchlistEntry(venue=e.venue, symbol=e.symbol) for e in watchlist.entries],
            is_default=watchlist.is_default,
            updated_at=watchlist.updated_at,
            max_entries=MAX_ENTRIES,
        )
