"""What one venue step produced, for the API layer to publish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.market.models import OrderBookDelta, Ticker, Trade
from engine.trading.models import ExchangeOrder, Fill


@dataclass(frozen=True, slots=True)
class SymbolEvents:
    trades: list[Trade]  # printed since the previous step, oldest first
    delta: OrderBookDelta | None  # None when the book did not change
    ticker: Ticker


@dataclass(frozen=True, slots=True)
class AccountEvents:
    orders: list[ExchangeOrder]  # latest state of each order that changed since the last step
    fills: list[Fill]


@dataclass(frozen=True, slots=True)
class StepEvents:
    timestamp: datetime
    symbols: dict[str, SymbolEvents]
    accounts: dict[str, AccountEvents]  # only accounts with changes

    @property
    def tickers(self) -> dict[str, Ticker]:
        return {symbol: events.ticker for symbol, events in self.symbols.items()}

    @property
    def trades(self) -> dict[str, list[Trade]]:
        """Symbols that traded, with their new trades."""
        return {symbol: e.trades for symbol, e in self.symbols.items() if e.trades}

    @property
    def deltas(self) -> dict[str, OrderBookDelta]:
        """Symbols whose book changed, with the change."""
        return {symbol: e.delta for symbol, e in self.symbols.items() if e.delta is not None}
