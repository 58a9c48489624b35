"""bot workers on streams / bot copies — owned by the bots work

Revision ID: 0014_bot_streams
Revises: 0013_social_state
Create Date: 2026-12-07 03:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0014_bot_streams"
down_revision: str | None = "0013_social_state"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
