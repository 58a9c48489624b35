from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.db import models
from api.services.orders.pages import Page


@strawberry.enum(description="Buy or sell.")
class OrderSide(Enum):
    BUY = "buy"
    SELL = "sell"


@strawberry.enum(
    description="LIMIT rests at its price; MARKET takes the best prices now; STOP_LIMIT waits "
    "(UNTRIGGERED) until a trade reaches its triggerPrice, then rests as a LIMIT at its price."
)
class OrderType(Enum):
    LIMIT = "limit"
    MARKET = "market"
    STOP_LIMIT = "stop_limit"


@strawberry.enum(
    description="GTC rests until filled or cancelled; IOC cancels what does not fill at once; "
    "POST_ONLY is rejected if it would take liquidity."
)
class TimeInForce(Enum):
    GTC = "gtc"
    IOC = "ioc"
    POST_ONLY = "post_only"


@strawberry.enum(
    description="PENDING_SUBMIT: stored, not yet acknowledged. UNKNOWN: sent, no answer; the "
    "reconciler resolves it from the venue (it is never re-sent). UNTRIGGERED: a stop-limit "
    "accepted by the venue, waiting for its trigger price. The rest follow the venue."
)
class OrderStatus(Enum):
    PENDING_SUBMIT = "pending_submit"
    UNTRIGGERED = "untriggered"
    OPEN = "open"
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    CANCELED = "canceled"
    REJECTED = "rejected"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


@strawberry.type(description="One of your orders, as last reported by its venue.")
class Order:
    id: strawberry.ID
    account_id: strawberry.ID
    venue: str
    symbol: str
    client_order_id: str
    side: OrderSide
    type: OrderType
    time_in_force: TimeInForce
    qty: Decimal
    quote_qty: Decimal | None = strawberry.field(
        description="The quote amount the order was sized by (null: sized by base qty)."
    )
    price: Decimal | None
    trigger_price: Decimal | None = strawberry.field(
        description="STOP_LIMIT: the trade price that turns it into a limit order."
    )
    filled_qty: Decimal
    remaining_qty: Decimal
    avg_fill_price: Decimal | None
    fee_paid: Decimal
    status: OrderStatus
    reject_reason: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, o: models.Order) -> Order:
        return cls(
            id=strawberry.ID(o.id),
            account_id=strawberry.ID(o.account_id),
            venue=o.venue,
            symbol=o.symbol,
            client_order_id=o.client_order_id,
            side=OrderSide(o.side),
            type=OrderType(o.type),
            time_in_force=TimeInForce(o.time_in_force),
            qty=o.qty,
            quote_qty=o.quote_qty,
            price=o.price,
            trigger_price=o.trigger_price,
            filled_qty=o.filled_qty,
            remaining_qty=o.qty - o.filled_qty,
            avg_fill_price=o.avg_fill_price,
            fee_paid=o.fee_paid,
            status=OrderStatus(o.status),
            reject_reason=o.reject_reason,
            created_at=o.created_at,
            updated_at=o.updated_at,
        )


@strawberry.type(description="One execution of one of your orders.")
class Fill:
    id: strawberry.ID
    order_id: strawberry.ID
    account_id: strawberry.ID
    venue: str
    trade_id: str
    symbol: str
    side: OrderSide
    price: Decimal
    qty: Decimal
    fee: Decimal
    fee_currency: str
    liquidity: str
    executed_at: datetime

    @classmethod
    def of(cls, f: models.FillRecord) -> Fill:
        return cls(
            id=strawberry.ID(f.id),
            order_id=strawberry.ID(f.order_id),
            account_id=strawberry.ID(f.account_id),
            venue=f.venue,
            trade_id=f.trade_id,
            symbol=f.symbol,
            side=OrderSide(f.side),
            price=f.price,
            qty=f.qty,
            fee=f.fee,
            fee_currency=f.fee_currency,
            liquidity=f.liquidity,
            executed_at=f.executed_at,
        )


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class OrderEdge:
    cursor: str
    node: Order


@strawberry.type(description="Your orders, newest first.")
class OrderConnection:
    edges: list[OrderEdge]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page[models.Order]) -> OrderConnection:
        edges = [
            OrderEdge(cursor=c, node=Order.of(o))
            for o, c in zip(page.items, page.cursors, strict=True)
        ]
        end = page.cursors[-1] if page.cursors else None
        return cls(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end)
        )


@strawberry.type
class FillEdge:
    cursor: str
    node: Fill


@strawberry.type(description="Your fills, newest first.")
class FillConnection:
    edges: list[FillEdge]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page[models.FillRecord]) -> FillConnection:
        edges = [
            FillEdge(cursor=c, node=Fill.of(f))
            for f, c in zip(page.items, page.cursors, strict=True)
        ]
        end = page.cursors[-1] if page.cursors else None
        return cls(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end)
        )


@strawberry.input
class PlaceOrderInput:
    account_id: strawberry.ID
    symbol: str
    side: OrderSide
    type: OrderType
    qty: Decimal | None = strawberry.field(
        default=None, description="Size in base currency. Give exactly one of qty and quoteQty."
    )
    quote_qty: Decimal | None = strawberry.field(
        default=None,
        description="Size as a quote amount (e.g. 100 USDT): the base qty is worked out from "
        "the limit price, or the touch for a market order, rounded down to the lot step. The "
        "step-up action carries it as `amount` (and no qty).",
    )
    price: Decimal | None = None
    trigger_price: Decimal | None = strawberry.field(
        default=None,
        description="STOP_LIMIT only (required there): a buy stop triggers when a trade is at or "
        "above it (so it must be above the last price), a sell stop at or below (below the last "
        "price). On the price tick. The step-up action carries it as `triggerPrice`.",
    )
    time_in_force: TimeInForce = TimeInForce.GTC
    client_order_id: str | None = strawberry.field(
        default=None,
        description="Idempotency key (1-36 of A-Z a-z 0-9 - _). Placing again with the same key "
        "returns the existing order, or CONFLICT if the parameters differ.",
    )
