"""Public market data (markets, tickers, candles) from any venue, with input validation."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from api.errors import BadUserInput, NotFound
from api.services.venues import SIM, VenueRegistry
from engine.exchanges.errors import BadSymbol
from engine.market.models import TIMEFRAMES, Candle, Market, OrderBookSnapshot, Ticker, Trade

MAX_CANDLES = 1000
# Book levels per side that feeds publish; subscribers ask for at most this many.
PUBLISHED_BOOK_DEPTH = 50


class MarketService:
    def __init__(self, venues: VenueRegistry) -> None:
        self.venues = venues

    async def markets(self, venue: str) -> list[Market]:
        exchange = self.venues.public(venue)
        markets = await exchange.load_markets()
        return sorted(markets.values(), key=lambda m: m.symbol)

    async def market(self, venue: str, symbol: str) -> Market:
        markets = await self.venues.public(venue).load_markets()
        if symbol not in markets:
            raise NotFound(f"unknown symbol {symbol!r} on {venue}", field="symbol")
        return markets[symbol]

    async def ticker(self, venue: str, symbol: str) -> Ticker:
        await self.market(venue, symbol)
        try:
            return await self.venues.public(venue).fetch_ticker(symbol)
        except BadSymbol as exc:
            raise NotFound(str(exc), field="symbol") from exc

    async def candles(self, venue: str, symbol: str, timeframe: str, limit: int) -> list[Candle]:
        if timeframe not in TIMEFRAMES:
            raise BadUserInput(
                f"unknown timeframe {timeframe!r}; use one of {', '.join(TIMEFRAMES)}",
                field="timeframe",
            )
        if not 1 <= limit <= MAX_CANDLES:
            raise BadUserInput(f"limit must be 1 to {MAX_CANDLES}", field="limit")
        await self.market(venue, symbol)
        return await self.venues.public(venue).fetch_ohlcv(symbol, timeframe, limit)

    async def recent_trades(self, venue: str, symbol: str, limit: int = 50) -> list[Trade]:
        """The latest public trades, oldest first (the simulated venue keeps its tape)."""
        await self.market(venue, symbol)
        if venue != SIM:
            return []  # live venues: the first frames come from the websocket stream
        return self.venues.sim.recent_trades(symbol, limit)

    async def order_book(self, venue: str, symbol: str, depth: int) -> OrderBookSnapshot:
        check_book_depth(depth)
        await self.market(venue, symbol)
        return await self.venues.public(venue).fetch_order_book(symbol, depth)


def check_book_depth(depth: int) -> None:
    if not 1 <= depth <= PUBLISHED_BOOK_DEPTH:
        raise BadUserInput(f"depth must be 1 to {PUBLISHED_BOOK_DEPTH}", field="depth")


def book_topic(venue: str, symbol: str) -> str:
    return f"book:{venue}:{symbol}"


def book_to_message(venue: str, book: OrderBookSnapshot) -> dict[str, Any]:
    """Bus form of an L2 snapshot (top PUBLISHED_BOOK_DEPTH levels): decimals as strings."""
    return {
        "venue": venue,
        "symbol": book.symbol,
        "seq": book.seq,
        "bids": [[str(p), str(q)] for p, q in book.bids],
        "asks": [[str(p), str(q)] for p, q in book.asks],
        "timestamp": book.timestamp.isoformat(),
    }


def book_from_message(data: dict[str, Any], depth: int) -> tuple[str, OrderBookSnapshot]:
    book = OrderBookSnapshot(
        symbol=data["symbol"],
        seq=data["seq"],
        bids=[(Decimal(p), Decimal(q)) for p, q in data["bids"][:depth]],
        asks=[(Decimal(p), Decimal(q)) for p, q in data["asks"][:depth]],
        timestamp=datetime.fromisoformat(data["timestamp"]),
    )
    return data["venue"], book


def ticker_topic(venue: str, symbol: str) -> str:
    return f"ticker:{venue}:{symbol}"


def ticker_to_message(venue: str, ticker: Ticker) -> dict[str, Any]:
    """Bus form of a ticker: decimals as strings so nothing is lost through JSON."""
    return {
        "venue": venue,
        "symbol": ticker.symbol,
        "bid": None if ticker.bid is None else str(ticker.bid),
        "ask": None if ticker.ask is None else str(ticker.ask),
        "last": str(ticker.last),
        "open_24h": str(ticker.open_24h),
        "high_24h": str(ticker.high_24h),
        "low_24h": str(ticker.low_24h),
        "base_volume_24h": str(ticker.base_volume_24h),
        "quote_volume_24h": str(ticker.quote_volume_24h),
        "timestamp": ticker.timestamp.isoformat(),
    }


def ticker_from_message(data: dict[str, Any]) -> tuple[str, Ticker]:
    def dec(key: str) -> Decimal:
        return Decimal(data[key])

    ticker = Ticker(
        symbol=data["symbol"],
        bid=None if data["bid"] is None else dec("bid"),
        ask=None if data["ask"] is None else dec("ask"),
        last=dec("last"),
        open_24h=dec("open_24h"),
        high_24h=dec("high_24h"),
        low_24h=dec("low_24h"),
        base_volume_24h=dec("base_volume_24h"),
        quote_volume_24h=dec("quote_volume_24h"),
        timestamp=datetime.fromisoformat(data["timestamp"]),
    )
    return data["venue"], ticker
