"""SQLModel tables. Money is `Money` (exact), time is `UtcDateTime` (tz-aware UTC).

Alembic migrations under api/db/migrations must match these; tests/api/test_migrations.py fails
when they drift.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db.types import Money, UtcDateTime


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


def _money(default: Decimal | None = Decimal(0), *, nullable: bool = False) -> Decimal:
    return Field(default=default, sa_column=Column(Money(), nullable=nullable))


def _time(*, nullable: bool = False, index: bool = False) -> datetime:
    return Field(
        default_factory=utcnow if not nullable else None,
        sa_column=Column(UtcDateTime(), nullable=nullable, index=index),
    )


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    email: str = Field(max_length=320, unique=True, index=True)  # stored lower-cased
    password_hash: str = Field(max_length=255)
    display_name: str = Field(max_length=80)
    is_demo: bool = False
    created_at: datetime = _time()


class AuthSession(SQLModel, table=True):
    """A bearer token. Only the SHA-256 of the token is stored."""

    __tablename__ = "sessions"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, index=True)
    scope: str = Field(default="full", max_length=16)  # "full"; later "widget" (read-only)
    created_at: datetime = _time()
    expires_at: datetime = _time()
    revoked_at: datetime | None = _time(nullable=True)
    user_agent: str | None = Field(default=None, max_length=255)


class WebAuthnCredential(SQLModel, table=True):
    __tablename__ = "webauthn_credentials"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    credential_id: bytes = Field(sa_column=Column(LargeBinary, nullable=False, unique=True))
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sign_count: int = 0
    transports: str = Field(default="", max_length=255)  # comma-separated
    friendly_name: str = Field(default="Passkey", max_length=80)
    created_at: datetime = _time()
    last_used_at: datetime | None = _time(nullable=True)
    # Set when the authenticator's signature counter went backwards (a possible clone);
    # a flagged passkey is refused for login and step-up until the user removes it.
    clone_suspected_at: datetime | None = _time(nullable=True)


class ExchangeAccount(SQLModel, table=True):
    """A user's account on a venue. Keys are encrypted by api.auth.vault; never returned."""

    __tablename__ = "exchange_accounts"
    __table_args__ = (UniqueConstraint("user_id", "label"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    venue: str = Field(max_length=32)  # "sim", "binance", ...
    label: str = Field(max_length=80)
    api_key_encrypted: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    secret_encrypted: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    passphrase_encrypted: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    created_at: datetime = _time()


class Order(SQLModel, table=True):
    """Written `pending_submit` before any network call; client_order_id is the idempotency key."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("account_id", "client_order_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    account_id: str = Field(
        foreign_key="exchange_accounts.id", index=True, max_length=32, ondelete="CASCADE"
    )
    venue: str = Field(max_length=32)
    symbol: str = Field(max_length=40)
    client_order_id: str = Field(max_length=64)
    venue_order_id: str | None = Field(default=None, max_length=128)
    side: str = Field(max_length=8)
    type: str = Field(max_length=16)
    time_in_force: str = Field(max_length=16)
    qty: Decimal = _money()
    # Set when the order was sized by quote amount (its idempotent replays compare this).
    quote_qty: Decimal | None = _money(None, nullable=True)
    price: Decimal | None = _money(None, nullable=True)
    trigger_price: Decimal | None = _money(None, nullable=True)  # stop-limit orders only
    filled_qty: Decimal = _money()
    avg_fill_price: Decimal | None = _money(None, nullable=True)
    fee_paid: Decimal = _money()
    status: str = Field(max_length=24, index=True)
    reject_reason: str | None = Field(default=None, max_length=255)
    source: str = Field(default="api", max_length=16)  # api, bot, alert, copy, push
    created_at: datetime = _time()
    updated_at: datetime = _time()


class FillRecord(SQLModel, table=True):
    """An execution of one of our orders; unique per (account, venue trade id)."""

    __tablename__ = "fills"
    __table_args__ = (UniqueConstraint("account_id", "trade_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    order_id: str = Field(foreign_key="orders.id", index=True, max_length=32, ondelete="CASCADE")
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    account_id: str = Field(foreign_key="exchange_accounts.id", max_length=32, ondelete="CASCADE")
    venue: str = Field(max_length=32)
    trade_id: str = Field(max_length=128)
    symbol: str = Field(max_length=40)
    side: str = Field(max_length=8)
    price: Decimal = _money()
    qty: Decimal = _money()
    fee: Decimal = _money()
    fee_currency: str = Field(max_length=16)
    liquidity: str = Field(max_length=8)
    executed_at: datetime = _time(index=True)


class BalanceRecord(SQLModel, table=True):
    """Last known balance per account and currency (refreshed from the venue)."""

    __tablename__ = "balances"
    __table_args__ = (UniqueConstraint("account_id", "currency"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    account_id: str = Field(foreign_key="exchange_accounts.id", max_length=32, ondelete="CASCADE")
    currency: str = Field(max_length=16)
    free: Decimal = _money()
    used: Decimal = _money()
    updated_at: datetime = _time()


class WebAuthnChallenge(SQLModel, table=True):
    """One WebAuthn ceremony's challenge: issued once, consumed at most once, short-lived.

    purpose "register" / "login": `nonce` is the whole challenge. purpose "step_up": the challenge
    sent to the authenticator is nonce || action_digest (SHA-256 of the canonical action), bound
    to the user and session that asked for it.
    """

    __tablename__ = "webauthn_challenges"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    nonce: bytes = Field(sa_column=Column(LargeBinary, nullable=False, unique=True))
    purpose: str = Field(max_length=16)  # register, login, step_up
    user_id: str | None = Field(
        default=None, foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE"
    )
    session_id: str | None = Field(
        default=None, foreign_key="sessions.id", max_length=32, ondelete="CASCADE"
    )
    action_kind: str | None = Field(default=None, max_length=40)
    action_digest: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    created_at: datetime = _time()
    expires_at: datetime = _time(index=True)
    consumed_at: datetime | None = _time(nullable=True)


class RecoveryCode(SQLModel, table=True):
    """A single-use account recovery code; only its SHA-256 is stored."""

    __tablename__ = "recovery_codes"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    code_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _time()
    used_at: datetime | None = _time(nullable=True)


class TradingGrant(SQLModel, table=True):
    """One step-up buys a bounded window of orders: at most `max_orders` orders and
    `max_notional` (quote currency) on one account until `expires_at` (≤ 15 min), optionally only
    for `symbols`. Never covers bot control or key changes."""

    __tablename__ = "trading_grants"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    account_id: str = Field(max_length=32)
    symbols: str = Field(default="", max_length=400)  # comma-separated; empty: any symbol
    max_orders: int
    max_notional: Decimal = _money()
    orders_used: int = 0
    notional_used: Decimal = _money()
    created_at: datetime = _time()
    expires_at: datetime = _time()
    revoked_at: datetime | None = _time(nullable=True)
