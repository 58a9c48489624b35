from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.db import social_tables
from api.services.social.profiles import PublicBot as PublicBotRow
from api.services.social.profiles import avatar_url
from schema.bots.types import BotState


@strawberry.enum(
    description="PROPORTIONAL: the same share of your allocation as the leader's fill is of "
    "the leader's equity. FIXED: `fixedAmount` (quote) per copied trade."
)
class CopySizing(Enum):
    PROPORTIONAL = "proportional"
    FIXED = "fixed"


@strawberry.type(description="A trader you copy, with your terms and the copy P&L so far.")
class Follow:
    id: strawberry.ID
    trader_id: strawberry.ID
    account_id: strawberry.ID
    allocation: Decimal
    sizing: CopySizing
    ratio: Decimal
    fixed_amount: Decimal | None
    max_per_trade: Decimal | None
    slippage_guard_pct: Decimal
    copy_open_positions: bool
    stop_loss_pct: Decimal | None
    active: bool
    started_at: datetime
    copy_pnl: Decimal = strawberry.field(
        description="P&L of the filled copies in the quote currency, at last prices, before fees."
    )

    @classmethod
    def of(cls, row: social_tables.Follow, copy_pnl: Decimal = Decimal(0)) -> Follow:
        return cls(
            id=strawberry.ID(row.id),
            trader_id=strawberry.ID(row.leader_id),
            account_id=strawberry.ID(row.account_id),
            allocation=row.allocation,
            sizing=CopySizing(row.sizing),
            ratio=row.ratio,
            fixed_amount=row.fixed_amount,
            max_per_trade=row.max_per_trade,
            slippage_guard_pct=row.slippage_guard_pct,
            copy_open_positions=row.copy_open_positions,
            stop_loss_pct=row.stop_loss_pct,
            active=row.active,
            started_at=row.started_at,
            copy_pnl=copy_pnl,
        )


@strawberry.type(description="Your copy of one leader fill: the order placed, or why not.")
class CopyTrade:
    id: strawberry.ID
    trader_id: strawberry.ID
    leader_fill_id: strawberry.ID
    symbol: str
    side: str
    order_id: strawberry.ID | None
    skip_reason: str | None = strawberry.field(
        description="stop_loss, slippage, no_leader_equity, no_position, insufficient_funds, "
        "below_min_size, below_min_notional, other_venue, market_unavailable; null: placed."
    )
    detail: str | None
    created_at: datetime

    @classmethod
    def of(cls, row: social_tables.CopyTrade) -> CopyTrade:
        return cls(
            id=strawberry.ID(row.id),
            trader_id=strawberry.ID(row.leader_id),
            leader_fill_id=strawberry.ID(row.leader_fill_id),
            symbol=row.symbol,
            side=row.side,
            order_id=strawberry.ID(row.order_id) if row.order_id else None,
            skip_reason=row.skip_reason,
            detail=row.detail,
            created_at=row.created_at,
        )


@strawberry.input(description="Copy a trader's fills into one of your accounts.")
class FollowTraderInput:
    trader_id: strawberry.ID
    account_id: strawberry.ID
    allocation: Decimal = strawberry.field(
        description="Quote capital (USDT) behind this trader; at most your free balance."
    )
    sizing: CopySizing = CopySizing.PROPORTIONAL
    ratio: Decimal = strawberry.field(default=Decimal(1), description="Multiplier, up to 10.")
    fixed_amount: Decimal | None = strawberry.field(
        default=None, description="Quote per copied trade (FIXED sizing)."
    )
    max_per_trade: Decimal | None = None
    slippage_guard_pct: Decimal = strawberry.field(
        default=Decimal(1),
        description="Skip (and never pay) more than this % away from the leader's price.",
    )
    copy_open_positions: bool = False
    stop_loss_pct: Decimal | None = strawberry.field(
        default=None, description="Stop copying buys once the copies lost this % of allocation."
    )


@strawberry.input(description="Change terms of a follow; omitted fields stay as they are.")
class UpdateFollowInput:
    trader_id: strawberry.ID
    account_id: strawberry.ID | None = strawberry.UNSET
    allocation: Decimal | None = strawberry.UNSET
    sizing: CopySizing | None = strawberry.UNSET
    ratio: Decimal | None = strawberry.UNSET
    fixed_amount: Decimal | None = strawberry.UNSET
    max_per_trade: Decimal | None = strawberry.UNSET
    slippage_guard_pct: Decimal | None = strawberry.UNSET
    copy_open_positions: bool | None = strawberry.UNSET
    stop_loss_pct: Decimal | None = strawberry.UNSET


@strawberry.enum(description="Leaderboard window: the last 7, 30, 90 days, or everything.")
class LeaderboardPeriod(Enum):
    D7 = "D7"
    D30 = "D30"
    D90 = "D90"
    ALL = "ALL"


@strawberry.enum(description="What the leaderboard ranks by (MAX_DRAWDOWN: smallest first).")
class LeaderboardMetric(Enum):
    ROI = "roi_pct"
    SHARPE = "sharpe"
    SORTINO = "sortino"
    MAX_DRAWDOWN = "max_drawdown_pct"
    WIN_RATE = "win_rate_pct"
    TRADES = "trades"
    FOLLOWERS = "followers"
    COPIED_CAPITAL = "copied_capital"


@strawberry.type(description="Verified metrics over one period (from venue data only).")
class TraderMetrics:
    period: LeaderboardPeriod
    days: int
    trades: int
    roi_pct: float
    sharpe: float
    sortino: float
    max_drawdown_pct: float
    win_rate_pct: float
    followers: int
    copied_capital: Decimal

    @classmethod
    def of(cls, entry: social_tables.LeaderboardEntry) -> TraderMetrics:
        return cls(
            period=LeaderboardPeriod(entry.period),
            days=entry.days,
            trades=entry.trades,
            roi_pct=entry.roi_pct,
            sharpe=entry.sharpe,
            sortino=entry.sortino,
            max_drawdown_pct=entry.max_drawdown_pct,
            win_rate_pct=entry.win_rate_pct,
            followers=entry.followers,
            copied_capital=entry.copied_capital,
        )


@strawberry.type
class LeaderboardRow:
    rank: int
    trader_id: strawberry.ID
    handle: str
    metrics: TraderMetrics


@strawberry.type
class LeaderboardEdge:
    cursor: str
    node: LeaderboardRow


@strawberry.type
class LeaderboardPageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class LeaderboardConnection:
    edges: list[LeaderboardEdge]
    page_info: LeaderboardPageInfo


@strawberry.type(description="One day of a trader's verified equity curve.")
class EquityPoint:
    day: date
    return_pct: float = strawberry.field(description="Change since the first day, in %.")
    equity: Decimal | None = strawberry.field(
        description="Absolute equity (USDT), only when the trader shows balances."
    )


@strawberry.type(description="A public account backing a trader's verified stats.")
class VerifiedAccount:
    venue: str
    label: str


@strawberry.type(description="A bot its owner shows on their public profile.")
class ProfileBot:
    id: strawberry.ID
    name: str
    kind: str
    venue: str
    symbol: str
    state: BotState
    started_at: datetime | None
    return_pct: float | None = strawberry.field(
        description="Realised P&L as a % of the capital the bot's params commit; null: unknown."
    )
    realised_pnl: Decimal | None = strawberry.field(
        description="Realised P&L (quote currency), only when the trader shows balances."
    )

    @classmethod
    def of(cls, b: PublicBotRow) -> ProfileBot:
        return cls(
            id=strawberry.ID(b.id),
            name=b.name,
            kind=b.kind,
            venue=b.venue,
            symbol=b.symbol,
            state=BotState(b.state),
            started_at=b.started_at,
            return_pct=b.return_pct,
            realised_pnl=b.realised_pnl,
        )


@strawberry.type(description="A trader's public profile: verified stats, never typed in.")
class PublicTraderProfile:
    trader_id: strawberry.ID
    handle: str
    bio: str
    avatar_url: str | None = strawberry.field(
        description="The uploaded avatar (a path on this server, /avatars/{handle}?v=hash, "
        "relative to the API's base URL) or else the typed-in https:// URL."
    )
    style_tags: list[str]
    verified_since: date | None
    verified_accounts: list[VerifiedAccount]
    equity_curve: list[EquityPoint]
    metrics: list[TraderMetrics]
    bots: list[ProfileBot] = strawberry.field(
        default_factory=list, description="The bots the trader chose to show (showOnProfile)."
    )


@strawberry.type(description="Your own profile settings.")
class TraderProfile:
    handle: str
    bio: str
    avatar_url: str | None = strawberry.field(
        description="The uploaded avatar (/avatars/{handle}?v=hash, relative to the API's base "
        "URL) or else the typed-in https:// URL."
    )
    has_avatar: bool = strawberry.field(description="An avatar was uploaded (setAvatar).")
    style_tags: list[str]
    public_account_ids: list[strawberry.ID]
    show_balances: bool

    @classmethod
    def of(cls, row: social_tables.TraderProfile) -> TraderProfile:
        return cls(
            handle=row.handle,
            bio=row.bio,
            avatar_url=avatar_url(row),
            has_avatar=row.avatar_version is not None,
            style_tags=[t for t in row.style_tags.split(",") if t],
            public_account_ids=[strawberry.ID(i) for i in row.public_account_ids.split(",") if i],
            show_balances=row.show_balances,
        )


@strawberry.input(description="Opt in to a public profile (or change it).")
class TraderProfileInput:
    handle: str
    bio: str = ""
    avatar_url: str | None = None
    style_tags: list[str] = strawberry.field(default_factory=list)
    public_account_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Your accounts whose venue data backs the stats."
    )
    show_balances: bool = strawberry.field(
        default=False, description="Show absolute equity; otherwise only % returns."
    )
