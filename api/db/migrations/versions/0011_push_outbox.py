"""durable push delivery queue — owned by the alerts/push work

push_outbox (one row per notification x device message, claimed by the delivery worker),
push_pending (notices in a coalescing window) and pnl_peaks (the peak a drawdown alert
measures from).

Revision ID: 0011_push_outbox
Revises: 0010_stop_orders
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0011_push_outbox"
down_revision: str | None = "0010_stop_orders"
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
        "push_outbox",
        _id(),
        _id("notification_id"),
        _id("user_id"),
        sa.Column("device_id", sa.String(length=32), nullable=False),
        sa.Column("platform", sa.String(length=8), nullable=False),
        sa.Column("token", sa.String(length=512), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _time("next_attempt_at"),
        _time("created_at"),
        _time("finished_at", nullable=True),
        _notification_fk(),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("push_outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_push_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_push_outbox_notification_id"), ["notification_id"], unique=False
        )
    op.create_table(
        "push_pending",
        _id("notification_id"),
        _id("user_id"),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("notice", sa.Text(), nullable=False),
        _time("created_at"),
        _notification_fk(),
        _user_fk(),
        sa.PrimaryKeyConstraint("notification_id"),
    )
    with op.batch_alter_table("push_pending", schema=None) as batch_op:
        batch_op.create_index(
            "ix_push_pending_user_category", ["user_id", "category"], unique=False
        )
    op.create_table(
        "pnl_peaks",
        _id("user_id"),
        sa.Column("quote", sa.String(length=16), nullable=False),
        sa.Column("peak", api.db.types.Money(), nullable=False),
        _time("updated_at"),
        _user_fk(),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("pnl_peaks")
    with op.batch_alter_table("push_pending", schema=None) as batch_op:
        batch_op.drop_index("ix_push_pending_user_category")
    op.drop_table("push_pending")
    with op.batch_alter_table("push_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_outbox_notification_id"))
        batch_op.drop_index("ix_push_outbox_status_next_attempt_at")
    op.drop_table("push_outbox")
