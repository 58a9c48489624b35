"""widgets: widget tokens (a label and life for each widget-scoped session)

Revision ID: 0006_widgets
Revises: 0005_notifications
Create Date: 2026-11-25 15:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0006_widgets"
down_revision: str | None = "0005_notifications"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "widget_tokens",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", api.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id"),
    )
    with op.batch_alter_table("widget_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_widget_tokens_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("widget_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_widget_tokens_user_id"))
    op.drop_table("widget_tokens")
