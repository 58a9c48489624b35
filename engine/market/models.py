"""Market-data value types shared by every venue (simulated or CCXT)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class Side(StrEnum):
    BUY = "buy"
    SELL = "sell"

    @property
    def opposite(self) -> Side:
        return Side.SELL if self is Side.BUY else Side.BUY


@dataclass(frozen=True, slots=True)
class Market:
    """A tradable instrument and its venue rules."""

    symbol: str  # unified "BASE/QUOTE", e.g. "BTC/USDT"
    base: str
    quote: str
    price_tick: Decimal
    qty_step: Decimal
    min_qty: Decimal
    min_notional: Decimal
    maker_fee: Decimal  # fraction, e.g. Decimal("0.001") = 0.1 %
    taker_fee: Decimal


@dataclass(frozen=True, slots=True)
class Ticker:
    symbol: str
    bid: Decimal | None
    ask: Decimal | None
    last: Decimal
    open_24h: Decimal
    high_24h: Decimal
    low_24h: Decimal
    base_volume_24h: Decimal
    quote_volume_24h: Decimal
    timestamp: datetime

    @property
    def change_pct_24h(self) -> Decimal:
        if self.open_24h == 0:
            return Decimal(0)
        return (self.last - self.open_24h) / self.open_24h * 100


@dataclass(frozen=True, slots=True)
class Trade:
    """A public trade printed on the tape."""

    id: str
    symbol: str
    price: Decimal
    qty: Decimal
    taker_side: Side
    timestamp: datetime


# (price, qty); a qty of 0 in a delta removes the level.
BookLevel = tuple[Decimal, Decimal]


@dataclass(frozen=True, slots=True)
class OrderBookSnapshot:
    """Full L2 state at sequence `seq`: bids best (highest) first, asks best (lowest) first."""

    symbol: str
    seq: int
    bids: list[BookLevel]
    asks: list[BookLevel]
    timestamp: datetime


@dataclass(frozen=True, slots=True)
class OrderBookDelta:
    """Changed L2 levels going from `prev_seq` to `seq`; qty 0 means the level is gone."""

    symbol: str
    prev_seq: int
    seq: int
    bids: list[BookLevel]
    asks: list[BookLevel]
    timestamp: datetime


@dataclass(frozen=True, slots=True)
class Candle:
    symbol: str
    timeframe: str  # one of TIMEFRAMES
    open_time: datetime
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal  # base volume
    closed: bool = field(default=True)


# Supported candle timeframes and their length in seconds.
TIMEFRAMES: dict[str, int] = {
    "1m": 60,
    "5m": 300,
    "15m": 900,
    "1h": 3600,
    "4h": 14400,
    "1d": 86400,
}
