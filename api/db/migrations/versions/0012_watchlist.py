"""user watchlists — owned by the widgets work

Revision ID: 0012_watchlist
Revises: 0011_push_outbox
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0012_watchlist"
down_revision: str | None = "0011_push_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
