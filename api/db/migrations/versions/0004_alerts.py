"""alerts and trigger history

Revision ID: 0004_alerts
Revises: 0003_bots
Create Date: 2026-11-25 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0004_alerts"
down_revision: str | None = "0003_bots"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, api.db.types.UtcDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("venue", sa.String(length=32), nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=True),
        sa.Column("condition", sa.String(length=2000), nullable=False),
        sa.Column("action", sa.String(length=2000), nullable=True),
        sa.Column("preset", sa.String(length=1000), nullable=True),
        sa.Column("notify_push", sa.Boolean(), nullable=False),
        sa.Column("webhook_url", sa.String(length=500), nullable=True),
        sa.Column("webhook_secret", sa.String(length=64), nullable=True),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("cooldown_s", sa.Integer(), nullable=False),
        sa.Column("max_fires", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("fires", sa.Integer(), nullable=False),
        _time("expires_at", nullable=True),
        _time("snoozed_until", nullable=True),
        _time("last_fired_at", nullable=True),
        sa.Column("armed_by", sa.String(length=32), nullable=True),
        _time("created_at"),
        _time("updated_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "alert_triggers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("alert_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("trigger_key", sa.String(length=96), nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=True),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.String(length=2000), nullable=False),
        sa.Column("action_status", sa.String(length=16), nullable=False),
        sa.Column("action_result", sa.String(length=255), nullable=True),
        _time("fired_at"),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alert_id", "trigger_key"),
    )
    with op.batch_alter_table("alert_triggers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_triggers_alert_id"), ["alert_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_triggers_fired_at"), ["fired_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_triggers_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert_triggers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_triggers_user_id"))
        batch_op.drop_index(batch_op.f("ix_alert_triggers_fired_at"))
        batch_op.drop_index(batch_op.f("ix_alert_triggers_alert_id"))
    op.drop_table("alert_triggers")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_user_id"))
        batch_op.drop_index(batch_op.f("ix_alerts_status"))
    op.drop_table("alerts")
