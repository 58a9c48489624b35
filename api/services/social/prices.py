"""Reference prices and account values in a quote currency, from a venue's public tickers."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from api.db.models import BalanceRecord
from api.services.venues import VenueRegistry
from engine.exchanges.errors import ExchangeError
from engine.market.models import Market, Side

BALANCES = BalanceRecord.__table__  # type: ignore[attr-defined]


class VenuePrices:
    """Markets and last prices of one venue, read once per use (a fan-out, a listing)."""

    def __init__(self, venues: VenueRegistry, venue: str) -> None:
        self.exchange = venues.public(venue)
        self._last: dict[str, Decimal | None] = {}

    async def market(self, symbol: str) -> Market | None:
        return (await self.exchange.load_markets()).get(symbol)

    async def reference(self, symbol: str, side: Side) -> Decimal:
        """The price a new order on `side` would pay now (best ask for a buy, bid for a sell)."""
        ticker = await self.exchange.fetch_ticker(symbol)
        return (ticker.ask if side is Side.BUY else ticker.bid) or ticker.last

    async def last(self, symbol: str) -> Decimal | None:
        if symbol not in self._last:
            try:
                self._last[symbol] = (await self.exchange.fetch_ticker(symbol)).last
            except ExchangeError:
                self._last[symbol] = None
        return self._last[symbol]

    async def value(self, holdings: Iterable[tuple[str, Decimal]], quote: str) -> Decimal:
        """Quote value of (currency, amount) holdings; currencies without a market count 0."""
        total = Decimal(0)
        for currency, amount in holdings:
            if currency == quote:
                total += amount
                continue
            price = await self.last(f"{currency}/{quote}")
            if price is not None:
                total += amount * price
        return total


async def account_equity(
    conn: AsyncConnection, prices: VenuePrices, account_id: str, quote: str
) -> Decimal:
    """An account's last stored balances (free + used) valued in `quote`."""
    rows = (
        await conn.execute(
            select(BALANCES.c.currency, BALANCES.c.free, BALANCES.c.used).where(
                BALANCES.c.account_id == account_id
            )
        )
    ).all()
    return await prices.value(((c, free + used) for c, free, used in rows), quote)
