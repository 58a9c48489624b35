"""bots: bots, the orders they meant to place, their events, account risk limits

Revision ID: 0003_bots
Revises: 0002
Create Date: 2026-11-25 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0003_bots"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, api.db.types.UtcDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "bots",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("venue", sa.String(length=32), nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("template_id", sa.String(length=64), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("limits", sa.Text(), nullable=False),
        sa.Column("next_seq", sa.Integer(), nullable=False),
        sa.Column("strategy_state", sa.LargeBinary(), nullable=True),
        sa.Column("position", api.db.types.Money(), nullable=False),
        sa.Column("avg_cost", api.db.types.Money(), nullable=True),
        sa.Column("realised_pnl", api.db.types.Money(), nullable=False),
        sa.Column("fees_paid", api.db.types.Money(), nullable=False),
        sa.Column("pnl_day", sa.String(length=10), nullable=True),
        sa.Column("realised_today", api.db.types.Money(), nullable=False),
        _time("created_at"),
        _time("updated_at"),
        _time("started_at", nullable=True),
        _time("stopped_at", nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["exchange_accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bots_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bots_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_bots_user_id"), ["user_id"], unique=False)

    op.create_table(
        "bot_orders",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("bot_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("client_order_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=True),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("time_in_force", sa.String(length=16), nullable=False),
        sa.Column("qty", api.db.types.Money(), nullable=False),
        sa.Column("price", api.db.types.Money(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("delivered_qty", api.db.types.Money(), nullable=False),
        _time("created_at"),
        _time("updated_at"),
        sa.ForeignKeyConstraint(["bot_id"], ["bots.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("bot_id", "seq"),
    )
    with op.batch_alter_table("bot_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bot_orders_bot_id"), ["bot_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bot_orders_client_order_id"), ["client_order_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bot_orders_state"), ["state"], unique=False)

    op.create_table(
        "bot_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("bot_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        _time("at"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["bot_id"], ["bots.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bot_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bot_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_bot_events_bot_id"), ["bot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bot_events_user_id"), ["user_id"], unique=False)

    op.create_table(
        "account_risk_limits",
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("limits", sa.Text(), nullable=False),
        _time("updated_at"),
        sa.ForeignKeyConstraint(["account_id"], ["exchange_accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id"),
    )
    with op.batch_alter_table("account_risk_limits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_risk_limits_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("account_risk_limits")
    op.drop_table("bot_events")
    op.drop_table("bot_orders")
    op.drop_table("bots")
