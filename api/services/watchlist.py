"""Each user's watchlist: an ordered list of (venue, symbol), at most 50, validated against the
venue's markets.

A user who never changed the watchlist has no row and sees the default: the sim venue's first
`DEFAULT_SIZE` listed symbols. The first change stores the list. Writes are compare-and-set on
the row's `version` (retried), so two concurrent edits (two phones) never lose one another.
After a change, `listeners` are told the user id (the widgets rebuild their watchlist snapshot).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from api.db.database import Database
from api.db.models import utcnow
from api.db.watchlist_tables import Watchlist
from api.errors import ApiError, BadUserInput, Conflict
from api.services.market import MarketService
from api.services.venues import SIM

log = logging.getLogger(__name__)

MAX_ENTRIES = 50
DEFAULT_SIZE = 6
MAX_SYMBOL_LENGTH = 64
WRITE_ATTEMPTS = 12  # each round one writer wins: N at once finish within N + 1 rounds
# The widget refresher asks for every reader's symbols every few seconds: answered from memory
# for this long (an edit in this process clears it at once; other replicas see it within this).
STORED_CACHE_SECONDS = 30.0

WatchlistListener = Callable[[str], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class WatchEntry:
    venue: str
    symbol: str


@dataclass(frozen=True, slots=True)
class UserWatchlist:
    entries: tuple[WatchEntry, ...]
    is_default: bool  # never changed by the user: the default list
    updated_at: datetime | None

    def symbols(self, venue: str) -> list[str]:
        return [entry.symbol for entry in self.entries if entry.venue == venue]


def _decode(text: str) -> tuple[WatchEntry, ...]:
    return tuple(WatchEntry(str(venue), str(symbol)) for venue, symbol in json.loads(text))


def _encode(entries: Sequence[WatchEntry]) -> str:
    return json.dumps([[e.venue, e.symbol] for e in entries], separators=(",", ":"))


Edit = Callable[[tuple[WatchEntry, ...]], Awaitable[tuple[WatchEntry, ...]]]


class WatchlistService:
    def __init__(
        self,
        db: Database,
        market: MarketService,
        *,
        default_venue: str = SIM,
        clock: Callable[[], datetime] = utcnow,
        max_entries: int = MAX_ENTRIES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.max_entries = max_entries
        self.market = market
        self.default_venue = default_venue
        self.clock = clock
        self.listeners: list[WatchlistListener] = []
        self.monotonic = monotonic
        self._stored: dict[str, tuple[tuple[WatchEntry, ...] | None, float]] = {}

    async def get(self, user_id: str) -> UserWatchlist:
        async with self.db.session() as session:
            row = await session.get(Watchlist, user_id)
        if row is None:
            return UserWatchlist(await self.default_entries(), is_default=True, updated_at=None)
        return UserWatchlist(_decode(row.entries), is_default=False, updated_at=row.updated_at)

    async def stored_symbols(self, user_id: str, venue: str = SIM) -> list[str] | None:
        """The user's symbols on `venue` in order; None when the user never set a watchlist
        (the widget's provider: None means "show the default"). Kept in memory for a while."""
        now = self.monotonic()
        cached = self._stored.get(user_id)
        if cached is not None and cached[1] > now:
            entries = cached[0]
        else:
            async with self.db.session() as session:
                row = await session.get(Watchlist, user_id)
            entries = None if row is None else _decode(row.entries)
            if len(self._stored) >= 10_000:
                self._stored.clear()
            self._stored[user_id] = (entries, now + STORED_CACHE_SECONDS)
        if entries is None:
            return None
        return [entry.symbol for entry in entries if entry.venue == venue]

    async def default_entries(self) -> tuple[WatchEntry, ...]:
        markets = await self.market.venues.public(self.default_venue).load_markets()
        return tuple(
            WatchEntry(self.default_venue, symbol) for symbol in list(markets)[:DEFAULT_SIZE]
        )

    async def set(self, user_id: str, symbols: Sequence[str], venue: str = SIM) -> UserWatchlist:
        """Replace the whole list with `symbols` on `venue`, in that order."""
        if len(symbols) > self.max_entries:
            raise BadUserInput(
                f"a watchlist holds at most {self.max_entries} symbols", field="symbols"
            )
        entries: list[WatchEntry] = []
        for symbol in symbols:
            entry = await self._checked(venue, symbol, field="symbols")
            if entry in entries:
                raise BadUserInput(f"{entry.symbol} is listed twice", field="symbols")
            entries.append(entry)

        async def replace(_: tuple[WatchEntry, ...]) -> tuple[WatchEntry, ...]:
            return tuple(entries)

        return await self._write(user_id, replace)

    async def add(self, user_id: str, venue: str, symbol: str) -> UserWatchlist:
        """Append (venue, symbol) at the end; already listed: unchanged."""
        entry = await self._checked(venue, symbol, field="symbol")

        async def append(current: tuple[WatchEntry, ...]) -> tuple[WatchEntry, ...]:
            if entry in current:
                return current
            if len(current) >= self.max_entries:
                raise BadUserInput(
                    f"a watchlist holds at most {self.max_entries} symbols; remove one first",
                    field="symbol",
                )
            return (*current, entry)

        return await self._write(user_id, append)

    async def remove(self, user_id: str, venue: str, symbol: str) -> UserWatchlist:
        """Take (venue, symbol) off the list; not listed: unchanged (no validation needed)."""
        entry = WatchEntry(venue.strip(), symbol.strip())

        async def drop(current: tuple[WatchEntry, ...]) -> tuple[WatchEntry, ...]:
            return tuple(e for e in current if e != entry)

        return await self._write(user_id, drop)

    async def _checked(self, venue: str, symbol: str, *, field: str) -> WatchEntry:
        venue, symbol = venue.strip(), symbol.strip().upper()
        if not symbol or len(symbol) > MAX_SYMBOL_LENGTH:
            raise BadUserInput(f"symbol must be 1 to {MAX_SYMBOL_LENGTH} characters", field=field)
        try:
            await self.market.market(venue, symbol)
        except BadUserInput:
            raise
        except ApiError as exc:  # unknown venue or symbol (NOT_FOUND from the market service)
            raise BadUserInput(str(exc), field=field) from None
        return WatchEntry(venue, symbol)

    async def _write(self, user_id: str, edit: Edit) -> UserWatchlist:
        for attempt in range(WRITE_ATTEMPTS):
            if attempt:  # lost a race: a short random pause spreads the retries apart
                await asyncio.sleep(random.uniform(0, 0.005 * attempt))
            async with self.db.session() as session:
                row = await session.get(Watchlist, user_id)
                if row is None:
                    current = await self.default_entries()
                    version = 0
                else:
                    current, version = _decode(row.entries), row.version
                new = await edit(current)
                if row is not None and new == current:
                    return UserWatchlist(current, is_default=False, updated_at=row.updated_at)
                now = self.clock()
                if row is None:
                    session.add(Watchlist(user_id=user_id, entries=_encode(new), updated_at=now))
                    try:
                        await session.commit()
                    except IntegrityError:  # someone stored a first list meanwhile: again
                        await session.rollback()
                        continue
                else:
                    result = await session.exec(
                        update(Watchlist)
                        .where(col(Watchlist.user_id) == user_id)
                        .where(col(Watchlist.version) == version)
                        .values(entries=_encode(new), version=version + 1, updated_at=now)
                    )
                    await session.commit()
                    if not result.rowcount:  # changed meanwhile: apply the edit to the new list
                        continue
            await self._changed(user_id)
            return UserWatchlist(new, is_default=False, updated_at=now)
        raise Conflict("the watchlist changed too often at once; try again", field="watchlist")

    async def _changed(self, user_id: str) -> None:
        self._stored.pop(user_id, None)
        for listener in self.listeners:
            try:
                await listener(user_id)
            except Exception:  # a listener must not fail the edit that is already stored
                log.exception("watchlist change listener failed")
