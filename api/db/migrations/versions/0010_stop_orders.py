"""stop-limit orders (trigger price, triggered state) — owned by the stop-limit work

Revision ID: 0010_stop_orders
Revises: 0009_order_quote_qty
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0010_stop_orders"
down_revision: str | None = "0009_order_quote_qty"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
