"""social trading: follows, copy trades, fan-out claims, profiles, daily equity, leaderboard,
marketplace listings and subscriptions, ledger, feed

Revision ID: 0007_social
Revises: 0006_widgets
Create Date: 2026-11-25 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0007_social"
down_revision: str | None = "0006_widgets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, api.db.types.Money(), nullable=nullable)


def _time(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, api.db.types.UtcDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "follows",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("follower_id", sa.String(length=32), nullable=False),
        sa.Column("leader_id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        _money("allocation"),
        sa.Column("sizing", sa.String(length=16), nullable=False),
        _money("ratio"),
        _money("fixed_amount", nullable=True),
        _money("max_per_trade", nullable=True),
        _money("slippage_guard_pct"),
        sa.Column("copy_open_positions", sa.Boolean(), nullable=False),
        _money("stop_loss_pct", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _time("created_at"),
        _time("updated_at"),
        _time("started_at"),
        sa.ForeignKeyConstraint(["account_id"], ["exchange_accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["follower_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["leader_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("follower_id", "leader_id"),
    )
    with op.batch_alter_table("follows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follows_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_follows_follower_id"), ["follower_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follows_leader_id"), ["leader_id"], unique=False)

    op.create_table(
        "copy_trades",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("leader_fill_id", sa.String(length=32), nullable=False),
        sa.Column("follow_id", sa.String(length=32), nullable=False),
        sa.Column("follower_id", sa.String(length=32), nullable=False),
        sa.Column("leader_id", sa.String(length=32), nullable=False),
        sa.Column("symbol", sa.String(length=40), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("order_id", sa.String(length=32), nullable=True),
        sa.Column("skip_reason", sa.String(length=32), nullable=True),
        sa.Column("detail", sa.String(length=255), nullable=True),
        _time("created_at"),
        sa.ForeignKeyConstraint(["follow_id"], ["follows.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("follower_id", "leader_fill_id"),
    )
    with op.batch_alter_table("copy_trades", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_trades_follow_id"), ["follow_id"], unique=False)

    op.create_table(
        "copy_fanouts",
        sa.Column("leader_fill_id", sa.String(length=32), nullable=False),
        sa.Column("leader_id", sa.String(length=32), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["leader_fill_id"], ["fills.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("leader_fill_id"),
    )
    with op.batch_alter_table("copy_fanouts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_fanouts_leader_id"), ["leader_id"], unique=False)

    op.create_table(
        "trader_profiles",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("handle", sa.String(length=30), nullable=False),
        sa.Column("bio", sa.String(length=500), nullable=False),
        sa.Column("avatar_url", sa.String(length=300), nullable=True),
        sa.Column("style_tags", sa.String(length=200), nullable=False),
        sa.Column("public_account_ids", sa.String(length=400), nullable=False),
        sa.Column("show_balances", sa.Boolean(), nullable=False),
        _time("created_at"),
        _time("updated_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
        sa.UniqueConstraint("handle"),
    )

    op.create_table(
        "daily_equity",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _money("equity"),
        sa.Column("trades", sa.Integer(), nullable=False),
        _time("updated_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "day"),
    )
    with op.batch_alter_table("daily_equity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_daily_equity_user_id"), ["user_id"], unique=False)

    op.create_table(
        "leaderboard_entries",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("trades", sa.Integer(), nullable=False),
        sa.Column("roi_pct", sa.Float(), nullable=False),
        sa.Column("sharpe", sa.Float(), nullable=False),
        sa.Column("sortino", sa.Float(), nullable=False),
        sa.Column("max_drawdown_pct", sa.Float(), nullable=False),
        sa.Column("win_rate_pct", sa.Float(), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=False),
        _money("copied_capital"),
        _time("refreshed_at"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period", "user_id"),
    )
    with op.batch_alter_table("leaderboard_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_leaderboard_entries_period"), ["period"], unique=False)

    op.create_table(
        "strategy_listings",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("creator_id", sa.String(length=32), nullable=False),
        sa.Column("source_kind", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("pricing", sa.String(length=16), nullable=False),
        _money("monthly_price", nullable=True),
        _money("performance_fee_pct", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["creator_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("strategy_listings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_strategy_listings_creator_id"), ["creator_id"], unique=False
        )

    op.create_table(
        "strategy_subscriptions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("listing_id", sa.String(length=32), nullable=False),
        sa.Column("subscriber_id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        _money("allocation"),
        _money("high_water_mark"),
        sa.Column("active", sa.Boolean(), nullable=False),
        _time("created_at"),
        _time("cancelled_at", nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["exchange_accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["listing_id"], ["strategy_listings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subscriber_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("listing_id", "subscriber_id"),
    )
    with op.batch_alter_table("strategy_subscriptions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_strategy_subscriptions_subscriber_id"), ["subscriber_id"], unique=False
        )

    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("tx_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("memo", sa.String(length=200), nullable=False),
        sa.Column("account", sa.String(length=80), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("subscription_id", sa.String(length=32), nullable=True),
        _money("amount"),
        _time("created_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_entries_account"), ["account"], unique=False)
        batch_op.create_index(batch_op.f("ix_ledger_entries_tx_id"), ["tx_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ledger_entries_user_id"), ["user_id"], unique=False)

    op.create_table(
        "posts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.String(length=1000), nullable=False),
        sa.Column("fill_id", sa.String(length=32), nullable=True),
        sa.Column("listing_id", sa.String(length=32), nullable=True),
        _time("created_at"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_posts_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_posts_created_at"), ["created_at"], unique=False)

    op.create_table(
        "post_likes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("post_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "user_id"),
    )

    op.create_table(
        "post_comments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("post_id", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("body", sa.String(length=500), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("post_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_comments_post_id"), ["post_id"], unique=False)

    op.create_table(
        "user_relations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("other_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["other_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "other_id", "kind"),
    )
    with op.batch_alter_table("user_relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_relations_other_id"), ["other_id"], unique=False)

    op.create_table(
        "post_reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("post_id", sa.String(length=32), nullable=False),
        sa.Column("reporter_id", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reporter_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("post_id", "reporter_id"),
    )

    op.create_table(
        "strategy_reviews",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("listing_id", sa.String(length=32), nullable=False),
        sa.Column("reviewer_id", sa.String(length=32), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        _time("created_at"),
        sa.ForeignKeyConstraint(["listing_id"], ["strategy_listings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("listing_id", "reviewer_id"),
    )


def downgrade() -> None:
    op.drop_table("strategy_reviews")
    op.drop_table("post_reports")
    with op.batch_alter_table("user_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_relations_other_id"))
    op.drop_table("user_relations")
    with op.batch_alter_table("post_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_comments_post_id"))
    op.drop_table("post_comments")
    op.drop_table("post_likes")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posts_created_at"))
        batch_op.drop_index(batch_op.f("ix_posts_author_id"))
    op.drop_table("posts")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_entries_user_id"))
        batch_op.drop_index(batch_op.f("ix_ledger_entries_tx_id"))
        batch_op.drop_index(batch_op.f("ix_ledger_entries_account"))
    op.drop_table("ledger_entries")
    with op.batch_alter_table("strategy_subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_subscriptions_subscriber_id"))
    op.drop_table("strategy_subscriptions")
    with op.batch_alter_table("strategy_listings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategy_listings_creator_id"))
    op.drop_table("strategy_listings")
    with op.batch_alter_table("leaderboard_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leaderboard_entries_period"))
    op.drop_table("leaderboard_entries")
    with op.batch_alter_table("daily_equity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_equity_user_id"))
    op.drop_table("daily_equity")
    op.drop_table("trader_profiles")
    with op.batch_alter_table("copy_fanouts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_fanouts_leader_id"))
    op.drop_table("copy_fanouts")
    with op.batch_alter_table("copy_trades", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_trades_follow_id"))
    op.drop_table("copy_trades")
    with op.batch_alter_table("follows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follows_leader_id"))
        batch_op.drop_index(batch_op.f("ix_follows_follower_id"))
        batch_op.drop_index(batch_op.f("ix_follows_active"))
    op.drop_table("follows")
