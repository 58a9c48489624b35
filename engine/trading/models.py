"""Order, fill and balance value types shared by every venue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from engine.market.models import Side


class OrderType(StrEnum):
    LIMIT = "limit"
    MARKET = "market"
    # A limit order that waits, untriggered, until a trade at or through its trigger price
    # (a buy stop: last >= trigger; a sell stop: last <= trigger), then rests at its price.
    STOP_LIMIT = "stop_limit"

    @property
    def has_limit_price(self) -> bool:
        return self is not OrderType.MARKET


class TimeInForce(StrEnum):
    GTC = "gtc"  # rests until filled or cancelled
    IOC = "ioc"  # fills what it can now, the rest is cancelled
    POST_ONLY = "post_only"  # rejected if it would take liquidity


class OrderStatus(StrEnum):
    PENDING_SUBMIT = "pending_submit"  # written locally, not yet acknowledged by the venue
    UNTRIGGERED = "untriggered"  # a stop-limit order waiting for its trigger price to trade
    OPEN = "open"
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    CANCELED = "canceled"
    REJECTED = "rejected"
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # sent, result not known: reconcile, never treat as rejected

    @property
    def is_final(self) -> bool:
        return self in _FINAL


_FINAL = {OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.REJECTED, OrderStatus.EXPIRED}


class Liquidity(StrEnum):
    MAKER = "maker"
    TAKER = "taker"


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """What a caller asks a venue to do. `client_order_id` is the idempotency key."""

    client_order_id: str
    symbol: str
    side: Side
    type: OrderType
    qty: Decimal
    price: Decimal | None = None  # required for LIMIT and STOP_LIMIT
    time_in_force: TimeInForce = TimeInForce.GTC
    trigger_price: Decimal | None = None  # required for STOP_LIMIT, None otherwise


@dataclass(frozen=True, slots=True)
class ExchangeOrder:
    """A venue's view of an order at one moment."""

    id: str
    client_order_id: str
    symbol: str
    side: Side
    type: OrderType
    time_in_force: TimeInForce
    price: Decimal | None
    qty: Decimal
    filled_qty: Decimal
    avg_fill_price: Decimal | None
    fee_paid: Decimal  # in the quote currency
    status: OrderStatus
    created_at: datetime
    updated_at: datetime
    reject_reason: str | None = None
    trigger_price: Decimal | None = None  # STOP_LIMIT orders

    @property
    def remaining_qty(self) -> Decimal:
        return self.qty - self.filled_qty


@dataclass(frozen=True, slots=True)
class Fill:
    """One execution of one of our orders; unique by (venue, trade_id)."""

    trade_id: str
    order_id: str
    client_order_id: str
    symbol: str
    side: Side
    price: Decimal
    qty: Decimal
    fee: Decimal
    fee_currency: str
    liquidity: Liquidity
    timestamp: datetime


@dataclass(frozen=True, slots=True)
class Balance:
    currency: str
    free: Decimal
    used: Decimal  # reserved by open orders

    @property
    def total(self) -> Decimal:
        return self.free + self.used
