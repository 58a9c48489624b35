from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from api.db import models
from api.services import exchange_status, pnl, portfolio


@strawberry.type(description="A trading account on a venue. API keys are never returned.")
class ExchangeAccount:
    id: strawberry.ID
    venue: str
    label: str
    created_at: datetime
    api_key_hint: str | None = strawberry.field(
        default=None, description="The API key's last 4 characters (never the key itself)."
    )
    has_keys: bool = strawberry.field(
        default=False, description="Live venues: keys are stored. The paper account needs none."
    )

    @classmethod
    def of(cls, a: models.ExchangeAccount, hint: str | None = None) -> ExchangeAccount:
        return cls(
            id=strawberry.ID(a.id),
            venue=a.venue,
            label=a.label,
            created_at=a.created_at,
            api_key_hint=hint,
            has_keys=a.api_key_encrypted is not None,
        )


@strawberry.type(description="Funds of one currency in one account; `used` is held by orders.")
class Balance:
    account_id: strawberry.ID
    venue: str
    account_label: str
    currency: str
    free: Decimal
    used: Decimal
    total: Decimal

    @classmethod
    def of(cls, b: portfolio.AccountBalance) -> Balance:
        return cls(
            account_id=strawberry.ID(b.account_id),
            venue=b.venue,
            account_label=b.label,
            currency=b.currency,
            free=b.free,
            used=b.used,
            total=b.total,
        )


@strawberry.type(description="Funds of one currency in one account, valued in the quote currency.")
class Holding:
    account_id: strawberry.ID
    venue: str
    currency: str
    total: Decimal
    price: Decimal | None = strawberry.field(
        description="Price in the quote currency; null when no market prices this currency."
    )
    value: Decimal | None
    change_24h: Decimal = strawberry.field(description="Value change since the 24 h open.")

    @classmethod
    def of(cls, h: pnl.ValuedHolding) -> Holding:
        return cls(
            account_id=strawberry.ID(h.balance.account_id),
            venue=h.balance.venue,
            currency=h.balance.currency,
            total=h.balance.total,
            price=h.price,
            value=h.value,
            change_24h=h.change_24h,
        )


@strawberry.type(
    description="A position built from your own fills (average cost; fees reduce realised P&L)."
)
class Position:
    account_id: strawberry.ID
    venue: str
    symbol: str
    qty: Decimal
    avg_cost: Decimal
    mark: Decimal | None
    value: Decimal | None
    realised_pnl: Decimal
    unrealised_pnl: Decimal
    fees_paid: Decimal

    @classmethod
    def of(cls, p: pnl.ValuedPosition) -> Position:
        return cls(
            account_id=strawberry.ID(p.account_id),
            venue=p.venue,
            symbol=p.position.symbol,
            qty=p.position.qty,
            avg_cost=p.position.avg_cost,
            mark=p.mark,
            value=None if p.mark is None else p.position.value(p.mark),
            realised_pnl=p.position.realised,
            unrealised_pnl=p.unrealised,
            fees_paid=p.position.fees,
        )


@strawberry.type(description="Everything you hold, valued now, with P&L and the day's change.")
class Portfolio:
    quote: str
    total_value: Decimal
    day_change: Decimal
    day_change_pct: Decimal | None
    realised_pnl: Decimal
    unrealised_pnl: Decimal
    holdings: list[Holding]
    positions: list[Position]
    unpriced: list[str] = strawberry.field(
        description="Currencies held that no market prices in the quote currency (not in totals)."
    )
    as_of: datetime

    @classmethod
    def of(cls, s: pnl.PortfolioSnapshot) -> Portfolio:
        return cls(
            quote=s.quote,
            total_value=s.total_value,
            day_change=s.day_change,
            day_change_pct=s.day_change_pct,
            realised_pnl=s.realised,
            unrealised_pnl=s.unrealised,
            holdings=[Holding.of(h) for h in s.holdings],
            positions=[Position.of(p) for p in s.positions],
            unpriced=s.unpriced,
            as_of=s.as_of,
        )


@strawberry.type(description="How one of your venue connections is doing, measured on live calls.")
class ExchangeStatus:
    account_id: strawberry.ID
    venue: str
    label: str
    connected: bool
    rest_latency_ms: float | None = strawberry.field(
        description="Moving average over recent REST calls; null before the first call."
    )
    stream_message_age_seconds: float | None = strawberry.field(
        description="Seconds since the last websocket update; null when nothing streamed yet."
    )
    resyncs: int = strawberry.field(description="Stream drops or gaps that forced a resync.")
    rate_limit_headroom: float | None = strawberry.field(
        description="0..1 of the venue's request budget left (null: not known for this venue)."
    )
    last_error: str | None
    last_error_at: datetime | None

    @classmethod
    def of(cls, c: exchange_status.AccountConnection) -> ExchangeStatus:
        return cls(
            account_id=strawberry.ID(c.account_id),
            venue=c.venue,
            label=c.label,
            connected=c.connected,
            rest_latency_ms=c.rest_latency_ms,
            stream_message_age_seconds=c.stream_message_age_s,
            resyncs=c.resyncs,
            rate_limit_headroom=c.rate_limit_headroom,
            last_error=c.last_error,
            last_error_at=c.last_error_at,
        )
