"""candle sets imported for backtests (CSV) — owned by the backtest data work

Revision ID: 0014_backtest_data
Revises: 0013_social_state
Create Date: 2026-12-07 04:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0014_backtest_data"
down_revision: str | None = "0013_social_state"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "backtest_datasets",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("symbol", sa.String(length=32), nullable=False),
        sa.Column("timeframe", sa.String(length=8), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("first_time", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_time", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("candles", sa.Text(), nullable=False),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("backtest_datasets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_backtest_datasets_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("backtest_datasets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backtest_datasets_user_id"))
    op.drop_table("backtest_datasets")
