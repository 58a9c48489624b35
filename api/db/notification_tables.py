"""Push notification tables: devices, preferences, the in-app inbox, the delivery log and the
single-use action tokens (only their SHA-256 is stored)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db.models import new_id, utcnow
from api.db.types import UtcDateTime


def _time(*, nullable: bool = False, index: bool = False) -> datetime:
    return Field(
        default_factory=utcnow if not nullable else None,
        sa_column=Column(UtcDateTime(), nullable=nullable, index=index),
    )


def _json_text() -> str:
    return Field(default="{}", sa_column=Column(Text(), nullable=False))


class PushDevice(SQLModel, table=True):
    """A device's FCM registration token. A token moves to whoever registers it last."""

    __tablename__ = "push_devices"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    token: str = Field(max_length=512, unique=True)
    platform: str = Field(max_length=8)  # ios, android, web
    locale: str = Field(default="en", max_length=16)  # a catalog name (notifications.i18n)
    timezone: str = Field(default="UTC", max_length=64)  # IANA name
    app_version: str | None = Field(default=None, max_length=32)
    created_at: datetime = _time()
    last_seen_at: datetime = _time()


class NotificationPreference(SQLModel, table=True):
    """One row per user: muted categories and quiet hours (local wall-clock minutes)."""

    __tablename__ = "notification_preferences"

    user_id: str = Field(
        foreign_key="users.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    muted_categories: str = Field(default="", max_length=400)  # comma-separated
    # Quiet hours [start, end) in minutes after local midnight; may wrap midnight (22:00-07:00).
    quiet_start_minute: int | None = None
    quiet_end_minute: int | None = None
    timezone: str | None = Field(default=None, max_length=64)  # None: the latest device's
    updated_at: datetime = _time()


class NotificationRecord(SQLModel, table=True):
    """The in-app inbox: every notice, pushed or not. `dedupe_key` makes a producer that runs
    on several replicas (order fills over the Redis bus) write it once."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key"),
        Index("ix_notifications_user_id_created_at", "user_id", "created_at"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    category: str = Field(max_length=32)
    template: str = Field(max_length=64)
    title: str = Field(max_length=255)
    body: str = Field(max_length=1000)
    locale: str = Field(max_length=16)
    data: str = _json_text()  # deep-link data, JSON object of strings
    # push (sent to devices), in_app (muted, quiet hours, rate limited, no device), coalesced
    delivery: str = Field(default="in_app", max_length=16)
    dedupe_key: str | None = Field(default=None, max_length=200)
    created_at: datetime = _time()
    read_at: datetime | None = _time(nullable=True)


class NotificationDelivery(SQLModel, table=True):
    """The delivery log: one row per attempt to push one notification to one device."""

    __tablename__ = "notification_deliveries"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    notification_id: str = Field(
        foreign_key="notifications.id", index=True, max_length=32, ondelete="CASCADE"
    )
    device_id: str = Field(max_length=32)  # kept after the device is removed
    platform: str = Field(max_length=8)
    attempt: int
    status: str = Field(max_length=16)  # sent, retry, failed, token_removed
    message_id: str | None = Field(default=None, max_length=255)
    error: str | None = Field(default=None, max_length=500)
    at: datetime = _time()
    next_attempt_at: datetime | None = _time(nullable=True)


class NotificationActionToken(SQLModel, table=True):
    """A button's single-use token, bound to one user, notification and action."""

    __tablename__ = "notification_action_tokens"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    token_digest: str = Field(max_length=64, unique=True)  # SHA-256 hex of the token
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    notification_id: str = Field(foreign_key="notifications.id", max_length=32, ondelete="CASCADE")
    action_id: str = Field(max_length=32)
    kind: str = Field(max_length=32)
    payload: str = _json_text()  # exactly what performing it does, JSON
    created_at: datetime = _time()
    expires_at: datetime = _time()
    used_at: datetime | None = _time(nullable=True)


class PushPending(SQLModel, table=True):
    """A notice waiting in its coalescing window (migration 0011): what a push needs beyond the
    inbox row (params, buttons). Deleted in the transaction that queues its push (or marks it
    coalesced), so a window survives a restart and two workers never push it twice."""

    __tablename__ = "push_pending"
    __table_args__ = (Index("ix_push_pending_user_category", "user_id", "category"),)

    notification_id: str = Field(
        foreign_key="notifications.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    category: str = Field(max_length=32)
    notice: str = _json_text()  # {"template", "params", "data", "actions"}
    created_at: datetime = _time()


class PushOutbox(SQLModel, table=True):
    """The durable delivery queue (migration 0011): one row per (notification, device) message,
    inserted in the transaction that decides to push. A worker claims due rows (next_attempt_at
    moves a lease ahead, attempts + 1), sends, and records the outcome; backoff is persisted.
    `content` holds the rendered message, incl. the raw action tokens, until the row is
    finished — then it is cleared (only token digests stay, in notification_action_tokens)."""

    __tablename__ = "push_outbox"
    __table_args__ = (Index("ix_push_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    notification_id: str = Field(
        foreign_key="notifications.id", index=True, max_length=32, ondelete="CASCADE"
    )
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    device_id: str = Field(max_length=32)
    platform: str = Field(max_length=8)
    token: str = Field(default="", max_length=512)
    content: str = _json_text()
    status: str = Field(default="queued", max_length=16)  # queued, sent, failed, token_removed
    attempts: int = 0  # attempts started (claimed)
    next_attempt_at: datetime = _time()  # due time; while claimed, the end of the lease
    created_at: datetime = _time()
    finished_at: datetime | None = _time(nullable=True)
