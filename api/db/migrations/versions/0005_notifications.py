"""push notifications: devices, preferences, inbox, delivery log, action tokens

Revision ID: 0005_notifications
Revises: 0004_alerts
Create Date: 2026-11-25 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0005_notifications"
down_revision: str | None = "0004_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str = "id") -> sa.Column:
    return sa.Column(name, sa.String(length=32), nullable=False)


def _time(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, api.db.types.UtcDateTime(timezone=True), nullable=nullable)


def _user_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE")


def _notification_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["notification_id"], ["notifications.id"], ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "notification_preferences",
        _id("user_id"),
        sa.Column("muted_categories", sa.String(length=400), nullable=False),
        sa.Column("quiet_start_minute", sa.Integer(), nullable=True),
        sa.Column("quiet_end_minute", sa.Integer(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        _time("updated_at"),
        _user_fk(),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "notifications",
        _id(),
        _id("user_id"),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("body", sa.String(length=1000), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("delivery", sa.String(length=16), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        _time("created_at"),
        _time("read_at", nullable=True),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "dedupe_key"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notifications_user_id_created_at", ["user_id", "created_at"], unique=False
        )

    op.create_table(
        "push_devices",
        _id(),
        _id("user_id"),
        sa.Column("token", sa.String(length=512), nullable=False),
        sa.Column("platform", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("app_version", sa.String(length=32), nullable=True),
        _time("created_at"),
        _time("last_seen_at"),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    with op.batch_alter_table("push_devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_push_devices_user_id"), ["user_id"], unique=False)

    op.create_table(
        "notification_action_tokens",
        _id(),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        _id("user_id"),
        _id("notification_id"),
        sa.Column("action_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _time("created_at"),
        _time("expires_at"),
        _time("used_at", nullable=True),
        _notification_fk(),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_digest"),
    )
    with op.batch_alter_table("notification_action_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_action_tokens_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "notification_deliveries",
        _id(),
        _id("notification_id"),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("platform", sa.String(length=8), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        _time("at"),
        _time("next_attempt_at", nullable=True),
        _notification_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_deliveries_notification_id"),
            ["notification_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_deliveries_notification_id"))
    op.drop_table("notification_deliveries")
    with op.batch_alter_table("notification_action_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_action_tokens_user_id"))
    op.drop_table("notification_action_tokens")
    with op.batch_alter_table("push_devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_devices_user_id"))
    op.drop_table("push_devices")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_id_created_at")
    op.drop_table("notifications")
    op.drop_table("notification_preferences")
