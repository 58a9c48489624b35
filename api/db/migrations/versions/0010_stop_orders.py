"""stop-limit orders (trigger price, triggered state) — owned by the stop-limit work

Revision ID: 0010_stop_orders
Revises: 0009_order_quote_qty
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0010_stop_orders"
down_revision: str | None = "0009_order_quote_qty"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Stop-limit orders: the trigger price (NULL for every other type). The waiting state is
    # the status value "untriggered" (status is free text up to 24 characters: no DDL).
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("trigger_price", api.db.types.Money(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("trigger_price")
