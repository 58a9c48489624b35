"""the market rules an imported candle set is backtested with — owned by the backtest data work

Revision ID: 0015_backtest_market_rules
Revises: 0014_backtest_data
Create Date: 2026-12-07 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_backtest_market_rules"
down_revision: str | None = "0014_backtest_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("backtest_datasets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("market_rules", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("backtest_datasets", schema=None) as batch_op:
        batch_op.drop_column("market_rules")
