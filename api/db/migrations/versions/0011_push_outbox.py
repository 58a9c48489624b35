"""durable push delivery queue — owned by the alerts/push work

Revision ID: 0011_push_outbox
Revises: 0010_stop_orders
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0011_push_outbox"
down_revision: str | None = "0010_stop_orders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
