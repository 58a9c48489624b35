"""backtests: backtest jobs and user-uploaded signal models

Revision ID: 0008_backtests
Revises: 0007_social
Create Date: 2026-11-25 15:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0008_backtests"
down_revision: str | None = "0007_social"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "backtest_jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("eta_seconds", sa.Float(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("started_at", api.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", api.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("backtest_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_backtest_jobs_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_backtest_jobs_user_id"), ["user_id"], unique=False)

    op.create_table(
        "signal_models",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("opset", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("model", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "name"),
    )
    with op.batch_alter_table("signal_models", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signal_models_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signal_models", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signal_models_user_id"))
    op.drop_table("signal_models")
    with op.batch_alter_table("backtest_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backtest_jobs_user_id"))
        batch_op.drop_index(batch_op.f("ix_backtest_jobs_status"))
    op.drop_table("backtest_jobs")
