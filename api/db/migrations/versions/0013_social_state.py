"""incremental leaderboard state, fee settlement schedule — owned by the social work

Marketplace subscriptions remember the subscriber's copy of the listed bot (bot_id); settled
fee periods are recorded once per (subscription, period end) in fee_settlements; the
leaderboard keeps each trader's running all-time record in leaderboard_state.

Revision ID: 0013_social_state
Revises: 0012_watchlist
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0013_social_state"
down_revision: str | None = "0012_watchlist"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money(name: str) -> sa.Column:
    return sa.Column(name, api.db.types.Money(), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("strategy_subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bot_id", sa.String(length=32), nullable=True))
    op.create_table(
        "fee_settlements",
        sa.Column("subscription_id", sa.String(length=32), nullable=False),
        sa.Column("period_end", api.db.types.UtcDateTime(timezone=True), nullable=False),
        _money("equity"),
        _money("high_water_mark"),
        _money("fee"),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"], ["strategy_subscriptions.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("subscription_id", "period_end"),
    )
    op.create_table(
        "leaderboard_state",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("through_day", sa.Date(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("updated_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("leaderboard_state")
    op.drop_table("fee_settlements")
    with op.batch_alter_table("strategy_subscriptions", schema=None) as batch_op:
        batch_op.drop_column("bot_id")
