"""trader avatars and per-bot profile visibility — owned by the social profile work

Uploaded, normalised avatars live in trader_avatars (one per profile owner); the profile keeps
the avatar's content hash (trader_profiles.avatar_version) for its cache-busting URL; a bot is
listed on its owner's public profile only with bots.show_on_profile.

Revision ID: 0016_trader_avatars
Revises: 0015_backtest_market_rules
Create Date: 2026-12-07 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0016_trader_avatars"
down_revision: str | None = "0015_backtest_market_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trader_avatars",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    with op.batch_alter_table("trader_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("avatar_version", sa.String(length=32), nullable=True))
    with op.batch_alter_table("bots", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("show_on_profile", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("bots", schema=None) as batch_op:
        batch_op.drop_column("show_on_profile")
    with op.batch_alter_table("trader_profiles", schema=None) as batch_op:
        batch_op.drop_column("avatar_version")
    op.drop_table("trader_avatars")
