"""orders sized by quote amount remember it (idempotent replays compare it)

Revision ID: 0009_order_quote_qty
Revises: 0008_backtests
Create Date: 2026-11-25 15:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0009_order_quote_qty"
down_revision: str | None = "0008_backtests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quote_qty", api.db.types.Money(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("quote_qty")
