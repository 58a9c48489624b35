"""user watchlists — owned by the widgets work

Revision ID: 0012_watchlist
Revises: 0011_push_outbox
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0012_watchlist"
down_revision: str | None = "0011_push_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watchlists",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("entries", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("watchlists")
