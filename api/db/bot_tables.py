"""Tables of bots: the bot, every order it meant to place, what happened to it, risk limits.

Crash safety (docs/bots.md): a bot's strategy snapshot, its next order sequence number and the
`bot_orders` rows of the intents it produced are written in one transaction before any order
is sent; each order's client order id is derived from (bot id, seq, tag), so re-sending a
recorded intent after a restart can never place a second order.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db.models import new_id, utcnow
from api.db.types import Money, UtcDateTime


def _money(default: Decimal | None = Decimal(0), *, nullable: bool = False) -> Decimal:
    return Field(default=default, sa_column=Column(Money(), nullable=nullable))


def _time(*, nullable: bool = False, index: bool = False) -> datetime:
    return Field(
        default_factory=utcnow if not nullable else None,
        sa_column=Column(UtcDateTime(), nullable=nullable, index=index),
    )


def _text(*, nullable: bool = False) -> str:
    return Field(default="{}" if not nullable else None, sa_column=Column(Text, nullable=nullable))


class Bot(SQLModel, table=True):
    __tablename__ = "bots"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    account_id: str = Field(
        foreign_key="exchange_accounts.id", index=True, max_length=32, ondelete="CASCADE"
    )
    venue: str = Field(max_length=32)
    symbol: str = Field(max_length=40)
    kind: str = Field(max_length=32)  # strategy kind (engine.strategies.registry)
    name: str = Field(max_length=80)
    params: str = _text()  # JSON, normalised by the registry
    template_id: str | None = Field(default=None, max_length=64)
    state: str = Field(default="stopped", max_length=16, index=True)
    error: str | None = _text(nullable=True)
    limits: str = _text()  # JSON risk limits (engine.risk.limits)
    next_seq: int = 1  # sequence number of the bot's next order
    strategy_state: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    position: Decimal = _money()
    avg_cost: Decimal | None = _money(None, nullable=True)
    realised_pnl: Decimal = _money()
    fees_paid: Decimal = _money()
    pnl_day: str | None = Field(default=None, max_length=10)  # ISO date of realised_today
    realised_today: Decimal = _money()
    show_on_profile: bool = False  # listed on the owner's public trader profile
    created_at: datetime = _time()
    updated_at: datetime = _time()
    started_at: datetime | None = _time(nullable=True)
    stopped_at: datetime | None = _time(nullable=True)


class BotOrder(SQLModel, table=True):
    """One order a bot's strategy asked for, recorded before it is sent."""

    __tablename__ = "bot_orders"
    __table_args__ = (UniqueConstraint("bot_id", "seq"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    bot_id: str = Field(foreign_key="bots.id", index=True, max_length=32, ondelete="CASCADE")
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    account_id: str = Field(max_length=32)
    seq: int
    tag: str = Field(max_length=64)
    client_order_id: str = Field(max_length=64, index=True)
    order_id: str | None = Field(default=None, max_length=32)
    side: str = Field(max_length=8)
    type: str = Field(max_length=16)
    time_in_force: str = Field(max_length=16)
    qty: Decimal = _money()
    price: Decimal | None = _money(None, nullable=True)
    # intent: recorded, not known to be placed; open: placed and not final; done: final
    # (filled, cancelled, rejected); failed: refused by the order path before it was stored
    state: str = Field(default="intent", max_length=16, index=True)
    cancel_requested: bool = False
    delivered_qty: Decimal = _money()  # filled quantity already handed to the strategy
    created_at: datetime = _time()
    updated_at: datetime = _time()


class BotEvent(SQLModel, table=True):
    __tablename__ = "bot_events"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    bot_id: str = Field(foreign_key="bots.id", index=True, max_length=32, ondelete="CASCADE")
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    at: datetime = _time(index=True)
    kind: str = Field(max_length=16)  # started, stopped, paused, order, fill, error, limit
    message: str = Field(max_length=500)
    data: str = _text()  # JSON


class AccountRiskLimits(SQLModel, table=True):
    """Risk limits over every bot of one exchange account."""

    __tablename__ = "account_risk_limits"

    account_id: str = Field(
        foreign_key="exchange_accounts.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    limits: str = _text()
    updated_at: datetime = _time()
