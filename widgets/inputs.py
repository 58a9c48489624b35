"""What the payload builders read: plain values gathered by the API's widget service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class Holding:
    """One asset a user holds, priced in the portfolio's quote currency.

    `closes` are the asset's prices over the last 24 h, oldest first and ending now, all on the
    same timeframe; empty for the quote currency itself (its price is always 1)."""

    asset: str
    qty: Decimal
    last: Decimal
    open_24h: Decimal
    closes: Sequence[Decimal] = ()


@dataclass(frozen=True)
class PortfolioData:
    quote: str
    holdings: Sequence[Holding] = ()


@dataclass(frozen=True)
class WatchItem:
    symbol: str
    last: Decimal
    open_24h: Decimal
    closes: Sequence[Decimal] = ()


@dataclass(frozen=True)
class BotLine:
    id: str
    name: str
    state: str  # running, paused, stopped, error ...
    pnl: Decimal | None = None


@dataclass(frozen=True)
class BotsData:
    running: int = 0
    errors: int = 0
    top: Sequence[BotLine] = field(default_factory=tuple)  # most relevant first


@dataclass(frozen=True)
class AlertLine:
    id: str
    symbol: str | None  # None: an alert on something other than one symbol
    message: str
    triggered_at: datetime


@dataclass(frozen=True)
class SignalLine:
    symbol: str
    direction: str  # buy, sell
    strength: float  # 0..1
    source: str  # strategy or model name
    at: datetime
