"""incremental leaderboard state, fee settlement schedule — owned by the social work

Revision ID: 0013_social_state
Revises: 0012_watchlist
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0013_social_state"
down_revision: str | None = "0012_watchlist"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
