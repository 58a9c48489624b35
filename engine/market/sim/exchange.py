"""`SimExchange`: one account's view of a shared `SimVenue`, through the `Exchange` protocol."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from engine.market.models import Candle, Market, OrderBookSnapshot, Ticker, Trade
from engine.trading.models import Balance, ExchangeOrder, Fill, OrderRequest

if TYPE_CHECKING:
    from engine.market.sim.venue import SimVenue


class SimExchange:
    """Market data is the venue's; balances, orders and fills are `account_id`'s.

    The account must exist (`venue.open_account`); account calls on an unknown one raise
    AuthenticationError.
    """

    def __init__(self, venue: SimVenue, account_id: str) -> None:
        self.venue = venue
        self.account_id = account_id

    @property
    def id(self) -> str:
        return "sim"

    async def load_markets(self) -> dict[str, Market]:
        return self.venue.markets

    async def fetch_ticker(self, symbol: str) -> Ticker:
        return self.venue.ticker(symbol)

    async def fetch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot:
        return self.venue.order_book(symbol, depth)

    async def fetch_ohlcv(
        self, symbol: str, timeframe: str = "1m", limit: int = 100
    ) -> list[Candle]:
        return self.venue.ohlcv(symbol, timeframe, limit)

    async def fetch_balance(self) -> dict[str, Balance]:
        return self.venue.balances(self.account_id)

    async def create_order(self, request: OrderRequest) -> ExchangeOrder:
        return self.venue.create_order(self.account_id, request)

    async def cancel_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder:
        return self.venue.cancel_order(
            self.account_id, symbol, order_id=order_id, client_order_id=client_order_id
        )

    async def fetch_order(
        self, symbol: str, *, order_id: str | None = None, client_order_id: str | None = None
    ) -> ExchangeOrder:
        return self.venue.fetch_order(
            self.account_id, symbol, order_id=order_id, client_order_id=client_order_id
        )

    async def fetch_open_orders(self, symbol: str | None = None) -> list[ExchangeOrder]:
        return self.venue.open_orders(self.account_id, symbol)

    async def fetch_my_trades(
        self, symbol: str | None = None, since: datetime | None = None
    ) -> list[Fill]:
        return self.venue.my_trades(self.account_id, symbol, since)

    async def watch_ticker(self, symbol: str) -> Ticker:
        return await self.venue.watch_ticker(symbol)

    async def watch_trades(self, symbol: str) -> list[Trade]:
        return await self.venue.watch_trades(symbol)

    async def watch_order_book(self, symbol: str, depth: int = 20) -> OrderBookSnapshot:
        return await self.venue.watch_order_book(symbol, depth)

    async def close(self) -> None:
        """Nothing to release: the venue is shared and outlives one account's exchange."""
