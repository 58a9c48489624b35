from __future__ import annotations

import strawberry

from api.services.market_venues import market_venues
from engine.market.models import TIMEFRAMES
from schema.context import Info
from schema.market.types import Candle, Market, MarketVenue, Ticker

DEFAULT_VENUE = "sim"


@strawberry.type
class MarketQuery:
    @strawberry.field(
        description="Venues with public market data here: sim first, then CO_LIVE_MARKET_VENUES."
    )
    def market_venues(self, info: Info) -> list[MarketVenue]:
        return [MarketVenue.of(v) for v in market_venues(info.context.services.venues.venue_ids)]

    @strawberry.field(description="Instruments tradable on a venue.")
    async def markets(self, info: Info, venue: str = DEFAULT_VENUE) -> list[Market]:
        found = await info.context.services.market.markets(venue)
        return [Market.of(venue, m) for m in found]

    @strawberry.field(description="Current ticker of one symbol.")
    async def ticker(self, info: Info, symbol: str, venue: str = DEFAULT_VENUE) -> Ticker:
        return Ticker.of(venue, await info.context.services.market.ticker(venue, symbol))

    @strawberry.field(description="Most recent candles, oldest first (1 ≤ limit ≤ 1000).")
    async def candles(
        self,
        info: Info,
        symbol: str,
        timeframe: str = "1m",
        limit: int = 100,
        venue: str = DEFAULT_VENUE,
    ) -> list[Candle]:
        found = await info.context.services.market.candles(venue, symbol, timeframe, limit)
        return [Candle.of(c) for c in found]

    @strawberry.field(description="Candle timeframes accepted by `candles`.")
    def timeframes(self) -> list[str]:
        return list(TIMEFRAMES)
