"""A real venue with one injected fault: wraps an Exchange and breaks create_order on demand."""

from __future__ import annotations

from datetime import datetime

from engine.exchanges.errors import NetworkError
from engine.exchanges.protocol import Exchange
from engine.market.models import Candle, Market, OrderBookSnapshot, Ticker, Trade
from engine.trading.models import Balance, ExchangeOrder, Fill, OrderRequest


class Crash(BaseException):
    """The process dies here (nothing in the service catches a BaseException like this)."""


class FaultyExchange:
    """Delegates everything to `inner`; `create_order` can lose its response or crash first.

    lose_responses: the inner venue accepts the order, then the caller gets a NetworkError.
    crash_before_send: raise Crash before the order reaches the venue.
    unreachable_lookups: fetch_order raises NetworkError (the venue cannot be asked).
    `sent` counts create_order calls that reached the inner venue.
    """

    def __init__(self, inner: Exchange) -> None:
        self.inner = inner
        self.lose_responses = False
        self.crash_before_send = False
        self.unreachable_lookups = False
        self.sent = 0

    @property
    def id(self) -> str:
        return self.inner.id

    async def create_order(self, request: OrderRequest) -> ExchangeOrder:
        if self.crash_before_send:
            raise Crash("process killed between commit and submit")
        order = await self.inner.create_order(request)
        self.sent += 1
        if self.lose_responses:
            raise NetworkError("connection reset after the request was sent")
        return order

    async def load_markets(self) -> dict[str, Market]:
        return await self.inner.load_markets()

    async def fetch_ticker(self, symbol: str) -> Ticker:
        return await self.inner.fetch_ticker(symbol)

    async def fetch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot:
        return await self.inner.fetch_order_book(symbol, depth)

    async def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", limit: int = 100
    ) -> list[Candle]:
        return await self.inner.fetch_ohlcv(symbol, timeframe, limit)

    async def fetch_balance(self) -> dict[str, Balance]:
        return await self.inner.fetch_balance()

    async def cancel_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder:
        return await self.inner.cancel_order(
            symbol, order_id=order_id, client_order_id=client_order_id
        )

    async def fetch_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder:
        if self.unreachable_lookups:
            raise NetworkError("venue unreachable")
        return await self.inner.fetch_order(
            symbol, order_id=order_id, client_order_id=client_order_id
        )

    async def fetch_open_orders(self, symbol: str | None = None) -> list[ExchangeOrder]:
        return await self.inner.fetch_open_orders(symbol)

    async def fetch_my_trades(
        self, symbol: str | None = None, since: datetime | None = None
    ) -> list[Fill]:
        return await self.inner.fetch_my_trades(symbol, since)

    async def watch_ticker(self, symbol: str) -> Ticker:
        return await self.inner.watch_ticker(symbol)

    async def watch_trades(self, symbol: str) -> list[Trade]:
        return await self.inner.watch_trades(symbol)

    async def watch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot:
        return await self.inner.watch_order_book(symbol, depth)

    async def close(self) -> None:
        await self.inner.close()
