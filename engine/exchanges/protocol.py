"""The one async interface every venue implements: the simulated venue and the CCXT adapter.

`watch_*` follow CCXT's convention: each call waits for the next update and returns it, so a
consumer loops `while True: book = await ex.watch_order_book(sym)`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from engine.market.models import Candle, Market, OrderBookSnapshot, Ticker, Trade
from engine.trading.models import Balance, ExchangeOrder, Fill, OrderRequest, OrderType


@runtime_checkable
class Exchange(Protocol):
    @property
    def id(self) -> str: ...

    async def load_markets(self) -> dict[str, Market]: ...

    async def fetch_ticker(self, symbol: str) -> Ticker: ...

    async def fetch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot: ...

    async def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", limit: int = 100
    ) -> list[Candle]: ...

    async def fetch_balance(self) -> dict[str, Balance]: ...

    async def create_order(self, request: OrderRequest) -> ExchangeOrder:
        """Place an order. Sending the same client_order_id twice must not create two orders:
        the venue returns the existing one (or raises DuplicateClientOrderId if it differs)."""
        ...

    async def cancel_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder: ...

    async def fetch_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder: ...

    async def fetch_open_orders(self, symbol: str | None = None) -> list[ExchangeOrder]: ...

    async def fetch_my_trades(
        self, symbol: str | None = None, since: datetime | None = None
    ) -> list[Fill]: ...

    async def watch_ticker(self, symbol: str) -> Ticker: ...

    async def watch_trades(self, symbol: str) -> list[Trade]:
        """Public trades not returned by an earlier call, each once (waits for the next when
        there are none)."""
        ...

    async def watch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot: ...

    async def close(self) -> None: ...


def supports_order_type(exchange: object, order_type: OrderType) -> bool:
    """Whether `exchange` takes `order_type`: adapters with a capability map (`capabilities.
    order_types`, the CCXT adapter) say so; venues without one (the sim venue) take every type."""
    capabilities = getattr(exchange, "capabilities", None)
    order_types = getattr(capabilities, "order_types", None)
    return order_types is None or order_type.value in order_types
