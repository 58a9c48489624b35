"""Alerts and their trigger history (migration 0004_alerts).

`alert_triggers` is unique per (alert_id, trigger_key): together with the conditional UPDATE
of `alerts` in the same transaction it is the claim that makes a trigger fire exactly once,
whatever the number of evaluator replicas or restarts."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db.models import new_id, utcnow
from api.db.types import Money, UtcDateTime


def _time(*, nullable: bool = False, index: bool = False) -> datetime:
    return Field(
        default_factory=utcnow if not nullable else None,
        sa_column=Column(UtcDateTime(), nullable=nullable, index=index),
    )


class Alert(SQLModel, table=True):
    __tablename__ = "alerts"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    name: str = Field(max_length=80)
    venue: str = Field(max_length=32)
    symbol: str | None = Field(default=None, max_length=40)
    condition: str = Field(max_length=2000)  # JSON, see api/services/alerts/codec.py
    action: str | None = Field(default=None, max_length=2000)  # JSON: acts on its own
    preset: str | None = Field(default=None, max_length=1000)  # JSON: the push's Buy/Sell order
    notify_push: bool = True
    webhook_url: str | None = Field(default=None, max_length=500)
    webhook_secret: str | None = Field(default=None, max_length=64)
    mode: str = Field(max_length=16)  # once, recurring
    cooldown_s: int = 0
    max_fires: int | None = None
    status: str = Field(max_length=16, index=True)  # active, paused, done, expired
    fires: int = 0
    expires_at: datetime | None = _time(nullable=True)
    snoozed_until: datetime | None = _time(nullable=True)
    last_fired_at: datetime | None = _time(nullable=True)
    armed_by: str | None = Field(default=None, max_length=32)  # the step-up challenge id
    created_at: datetime = _time()
    updated_at: datetime = _time()


class AlertTrigger(SQLModel, table=True):
    __tablename__ = "alert_triggers"
    __table_args__ = (UniqueConstraint("alert_id", "trigger_key"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    alert_id: str = Field(foreign_key="alerts.id", index=True, max_length=32, ondelete="CASCADE")
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    trigger_key: str = Field(max_length=96)
    symbol: str | None = Field(default=None, max_length=40)
    value: str = Field(max_length=40)  # the series value (or event value) that fired it
    detail: str = Field(default="{}", max_length=2000)  # JSON
    action_status: str = Field(max_length=16)  # none, pending, done, failed
    action_result: str | None = Field(default=None, max_length=255)
    fired_at: datetime = _time(index=True)


class PnlPeak(SQLModel, table=True):
    """The highest portfolio value seen per user (migration 0011): the peak a drawdown alert
    measures from, kept across restarts. Written only when a sample sets a new high."""

    __tablename__ = "pnl_peaks"

    user_id: str = Field(
        foreign_key="users.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    quote: str = Field(max_length=16)
    peak: Decimal = Field(sa_column=Column(Money(), nullable=False))
    updated_at: datetime = _time()
