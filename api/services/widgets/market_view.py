"""Prices and 24 h price history for one refresh round, fetched once per symbol."""

from __future__ import annotations

from decimal import Decimal

from api.services.market import MarketService
from engine.market.models import Ticker

# 24 h of 15-minute candles: enough for a 48-point sparkline.
HISTORY_TIMEFRAME = "15m"
HISTORY_CANDLES = 96


class MarketView:
    """Memoises tickers and closes so refreshing many users' widgets reads each symbol once."""

    def __init__(self, market: MarketService, venue: str) -> None:
        self.market = market
        self.venue = venue
        self._symbols: list[str] | None = None
        self._tickers: dict[str, Ticker] = {}
        self._closes: dict[str, list[Decimal]] = {}

    async def symbols(self) -> list[str]:
        if self._symbols is None:
            markets = await self.market.venues.public(self.venue).load_markets()
            self._symbols = list(markets)
        return self._symbols

    async def ticker(self, symbol: str) -> Ticker | None:
        if symbol not in self._tickers:
            if symbol not in await self.symbols():
                return None
            self._tickers[symbol] = await self.market.ticker(self.venue, symbol)
        return self._tickers[symbol]

    async def closes(self, symbol: str) -> list[Decimal]:
        if symbol not in self._closes:
            candles = await self.market.candles(
                self.venue, symbol, HISTORY_TIMEFRAME, HISTORY_CANDLES
            )
            self._closes[symbol] = [c.close for c in candles]
        return self._closes[symbol]
