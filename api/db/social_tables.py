"""Social trading tables: follows (copy relationships), copy trades and fan-out claims."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Column, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from api.db.models import new_id, utcnow
from api.db.types import Money, UtcDateTime


def _money(default: Decimal | None = Decimal(0), *, nullable: bool = False) -> Decimal:
    return Field(default=default, sa_column=Column(Money(), nullable=nullable))


def _time(*, nullable: bool = False, index: bool = False) -> datetime:
    return Field(
        default_factory=utcnow if not nullable else None,
        sa_column=Column(UtcDateTime(), nullable=nullable, index=index),
    )


class Follow(SQLModel, table=True):
    """A follower copies a leader's fills into one of their exchange accounts.

    One row per (follower, leader): unfollowing sets active=False, following again reactivates."""

    __tablename__ = "follows"
    __table_args__ = (UniqueConstraint("follower_id", "leader_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    follower_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    leader_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    account_id: str = Field(
        foreign_key="exchange_accounts.id", max_length=32, ondelete="CASCADE"
    )  # the follower's account the copies trade in
    allocation: Decimal = _money()
    sizing: str = Field(default="proportional", max_length=16)
    ratio: Decimal = _money(Decimal(1))
    fixed_amount: Decimal | None = _money(None, nullable=True)
    max_per_trade: Decimal | None = _money(None, nullable=True)
    slippage_guard_pct: Decimal = _money(Decimal(1))
    copy_open_positions: bool = False
    stop_loss_pct: Decimal | None = _money(None, nullable=True)
    active: bool = Field(default=True, index=True)
    created_at: datetime = _time()
    updated_at: datetime = _time()
    started_at: datetime = _time()  # fills from here on are copied (reset when reactivated)


class CopyTrade(SQLModel, table=True):
    """One follower's copy of one leader fill: the order placed, or why it was skipped.

    UNIQUE (follower_id, leader_fill_id) makes every copy happen at most once. Only follow_id
    is a foreign key (it cascades the history away with the follow): the other ids are written
    in the same transaction as the rows they name, and a per-row key check on each of them
    (a locking lookup per row on PostgreSQL) would triple the fan-out's insert cost."""

    __tablename__ = "copy_trades"
    # Follower first: the same index serves "my copies" (no separate follower_id index).
    __table_args__ = (UniqueConstraint("follower_id", "leader_fill_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    leader_fill_id: str = Field(max_length=32)
    follow_id: str = Field(foreign_key="follows.id", index=True, max_length=32, ondelete="CASCADE")
    follower_id: str = Field(max_length=32)
    leader_id: str = Field(max_length=32)
    symbol: str = Field(max_length=40)
    side: str = Field(max_length=8)
    order_id: str | None = Field(default=None, max_length=32)
    skip_reason: str | None = Field(default=None, max_length=32)
    detail: str | None = Field(default=None, max_length=255)
    created_at: datetime = _time()


class CopyFanout(SQLModel, table=True):
    """The claim that one leader fill was fanned out: inserted in the same transaction as its
    copies, so a second processing (retry, restart, another replica) finds it and stops."""

    __tablename__ = "copy_fanouts"

    leader_fill_id: str = Field(
        foreign_key="fills.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    leader_id: str = Field(max_length=32, index=True)
    planned: int = 0
    skipped: int = 0
    created_at: datetime = _time()


class TraderProfile(SQLModel, table=True):
    """A user's opt-in public profile. Stats shown with it come only from venue data (balances
    and fills recorded from the venue), never from anything the user types."""

    __tablename__ = "trader_profiles"

    user_id: str = Field(
        foreign_key="users.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    handle: str = Field(max_length=30, unique=True)  # stored lower-cased
    bio: str = Field(default="", max_length=500)
    avatar_url: str | None = Field(default=None, max_length=300)
    style_tags: str = Field(default="", max_length=200)  # comma-separated
    public_account_ids: str = Field(default="", max_length=400)  # comma-separated
    show_balances: bool = False  # absolute values; otherwise only % returns are shown
    # Content hash of the uploaded avatar (trader_avatars); None: none uploaded.
    avatar_version: str | None = Field(default=None, max_length=32)
    created_at: datetime = _time()
    updated_at: datetime = _time()


class TraderAvatar(SQLModel, table=True):
    """A profile's uploaded avatar, already normalised (256x256, no metadata, re-encoded):
    the bytes served at GET /avatars/{handle}."""

    __tablename__ = "trader_avatars"

    user_id: str = Field(
        foreign_key="users.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    media_type: str = Field(max_length=32)
    version: str = Field(max_length=32)  # content hash: the ETag and the URL's ?v=
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    updated_at: datetime = _time()


class DailyEquity(SQLModel, table=True):
    """One trader's equity (public accounts, valued in USDT) and fill count for one UTC day,
    snapshotted by the leaderboard worker from venue-reported balances and fills."""

    __tablename__ = "daily_equity"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    day: date
    equity: Decimal = _money()
    trades: int = 0
    updated_at: datetime = _time()


class LeaderboardState(SQLModel, table=True):
    """One trader's running all-time track record (engine.social.metrics.TrackRecord as JSON)
    over every closed day up to `through_day`: each refresh folds in only the days since."""

    __tablename__ = "leaderboard_state"

    user_id: str = Field(
        foreign_key="users.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    through_day: date
    record: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = _time()


class LeaderboardEntry(SQLModel, table=True):
    """Cached metrics per (period, trader), rewritten by the leaderboard worker."""

    __tablename__ = "leaderboard_entries"
    __table_args__ = (UniqueConstraint("period", "user_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    period: str = Field(max_length=8, index=True)  # D7, D30, D90, ALL
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    days: int
    trades: int
    roi_pct: float
    sharpe: float
    sortino: float
    max_drawdown_pct: float
    win_rate_pct: float
    followers: int = 0
    copied_capital: Decimal = _money()
    refreshed_at: datetime = _time()


class StrategyListing(SQLModel, table=True):
    """A strategy offered on the marketplace by its creator."""

    __tablename__ = "strategy_listings"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    creator_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    source_kind: str = Field(max_length=16)  # bot, template
    source_id: str = Field(max_length=64)
    title: str = Field(max_length=80)
    description: str = Field(default="", max_length=2000)
    pricing: str = Field(max_length=16)  # free, monthly, performance
    monthly_price: Decimal | None = _money(None, nullable=True)
    performance_fee_pct: Decimal | None = _money(None, nullable=True)
    active: bool = True
    created_at: datetime = _time()


class StrategySubscription(SQLModel, table=True):
    """A subscriber following a listing with an allocation; its high-water mark for fees."""

    __tablename__ = "strategy_subscriptions"
    __table_args__ = (UniqueConstraint("listing_id", "subscriber_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    listing_id: str = Field(foreign_key="strategy_listings.id", max_length=32, ondelete="CASCADE")
    subscriber_id: str = Field(
        foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE"
    )
    account_id: str = Field(foreign_key="exchange_accounts.id", max_length=32, ondelete="CASCADE")
    allocation: Decimal = _money()
    high_water_mark: Decimal = _money()
    active: bool = True
    created_at: datetime = _time()
    cancelled_at: datetime | None = _time(nullable=True)
    # The subscriber's own copy of the listed bot/template (bots table), started on
    # subscribing and stopped on cancelling; None for subscriptions from before copies ran.
    bot_id: str | None = Field(default=None, max_length=32)


class FeeSettlement(SQLModel, table=True):
    """One settled fee period of a subscription: the primary key makes a period settle once,
    whichever worker replica (or restart) gets there."""

    __tablename__ = "fee_settlements"

    subscription_id: str = Field(
        foreign_key="strategy_subscriptions.id", primary_key=True, max_length=32, ondelete="CASCADE"
    )
    period_end: datetime = Field(sa_column=Column(UtcDateTime(), primary_key=True))
    equity: Decimal = _money()
    high_water_mark: Decimal = _money()  # the mark the period was measured against
    fee: Decimal = _money()
    created_at: datetime = _time()


class LedgerEntry(SQLModel, table=True):
    """One posting of a double-entry transaction (all postings of `tx_id` sum to zero)."""

    __tablename__ = "ledger_entries"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    tx_id: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=24)  # performance_fee, subscription_fee, payout
    memo: str = Field(default="", max_length=200)
    account: str = Field(max_length=80, index=True)
    user_id: str | None = Field(default=None, max_length=32, index=True)  # whose account
    subscription_id: str | None = Field(default=None, max_length=32)
    amount: Decimal = _money()  # > 0 debit, < 0 credit
    created_at: datetime = _time()


class Post(SQLModel, table=True):
    """A feed post: plain text, optionally sharing one of the author's verified fills or a
    marketplace listing."""

    __tablename__ = "posts"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    author_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # text, trade, strategy
    body: str = Field(default="", max_length=1000)
    fill_id: str | None = Field(default=None, max_length=32)
    listing_id: str | None = Field(default=None, max_length=32)
    created_at: datetime = _time(index=True)


class PostLike(SQLModel, table=True):
    __tablename__ = "post_likes"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    post_id: str = Field(foreign_key="posts.id", max_length=32, ondelete="CASCADE")
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    created_at: datetime = _time()


class PostComment(SQLModel, table=True):
    __tablename__ = "post_comments"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    post_id: str = Field(foreign_key="posts.id", index=True, max_length=32, ondelete="CASCADE")
    author_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    body: str = Field(max_length=500)
    created_at: datetime = _time()


class UserRelation(SQLModel, table=True):
    """A social edge between two users: kind "follow" (see their posts) or "block"."""

    __tablename__ = "user_relations"
    __table_args__ = (UniqueConstraint("user_id", "other_id", "kind"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    user_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    other_id: str = Field(foreign_key="users.id", index=True, max_length=32, ondelete="CASCADE")
    kind: str = Field(max_length=8)
    created_at: datetime = _time()


class PostReport(SQLModel, table=True):
    __tablename__ = "post_reports"
    __table_args__ = (UniqueConstraint("post_id", "reporter_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    post_id: str = Field(foreign_key="posts.id", max_length=32, ondelete="CASCADE")
    reporter_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    reason: str = Field(max_length=200)
    created_at: datetime = _time()


class StrategyReview(SQLModel, table=True):
    """A rating (1-5) and plain-text review, only from a subscriber of at least 7 days."""

    __tablename__ = "strategy_reviews"
    __table_args__ = (UniqueConstraint("listing_id", "reviewer_id"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    listing_id: str = Field(foreign_key="strategy_listings.id", max_length=32, ondelete="CASCADE")
    reviewer_id: str = Field(foreign_key="users.id", max_length=32, ondelete="CASCADE")
    rating: int
    text: str = Field(default="", max_length=500)
    created_at: datetime = _time()
