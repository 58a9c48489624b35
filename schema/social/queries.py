from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from api.services.social.leaderboard import Metric, Period, cursor_of
from api.services.social.profiles import PublicProfile, avatar_url
from schema.context import Info
from schema.social.types import (
    CopyTrade,
    EquityPoint,
    Follow,
    LeaderboardConnection,
    LeaderboardEdge,
    LeaderboardMetric,
    LeaderboardPageInfo,
    LeaderboardPeriod,
    LeaderboardRow,
    ProfileBot,
    PublicTraderProfile,
    TraderMetrics,
    TraderProfile,
    VerifiedAccount,
)


@strawberry.type
class SocialQuery:
    @strawberry.field(description="The traders you copy (active first), with copy P&L.")
    async def following(self, info: Info) -> list[Follow]:
        principal = info.context.require_user()
        social = info.context.services.social
        follows = await social.following(principal.user_id)
        pnl = await social.copy_pnl(follows)
        return [Follow.of(f, pnl.get(f.id, Decimal(0))) for f in follows]

    @strawberry.field(
        description="Your copies (placed or skipped, with the reason), newest first; "
        "optionally of one trader."
    )
    async def copy_trades(
        self, info: Info, trader_id: strawberry.ID | None = None, first: int = 50
    ) -> list[CopyTrade]:
        principal = info.context.require_user()
        rows = await info.context.services.social.copy_trades(
            principal.user_id, str(trader_id) if trader_id is not None else None, first
        )
        return [CopyTrade.of(row) for row in rows]


def public_profile(found: PublicProfile) -> PublicTraderProfile:
    profile = found.profile
    order = list(LeaderboardPeriod)
    return PublicTraderProfile(
        trader_id=strawberry.ID(profile.user_id),
        handle=profile.handle,
        bio=profile.bio,
        avatar_url=avatar_url(profile),
        style_tags=[t for t in profile.style_tags.split(",") if t],
        verified_since=found.verified_since,
        verified_accounts=[VerifiedAccount(venue=a.venue, label=a.label) for a in found.accounts],
        equity_curve=[
            EquityPoint(day=p.day, return_pct=p.return_pct, equity=p.equity) for p in found.curve
        ],
        metrics=sorted(
            (TraderMetrics.of(e) for e in found.entries.values()),
            key=lambda m: order.index(m.period),
        ),
        bots=[ProfileBot.of(b) for b in found.bots],
    )


@strawberry.type
class TraderQuery:
    @strawberry.field(
        description="Ranked traders with the minimum track record (CO_LEADERBOARD_MIN_DAYS, "
        "CO_LEADERBOARD_MIN_TRADES); cached, refreshed by a worker."
    )
    async def leaderboard(
        self,
        info: Info,
        period: LeaderboardPeriod = LeaderboardPeriod.D30,
        metric: LeaderboardMetric = LeaderboardMetric.ROI,
        first: int = 20,
        after: str | None = None,
    ) -> LeaderboardConnection:
        page = await info.context.services.leaderboard.page(
            Period(period.value), Metric(metric.value), first, after
        )
        edges = [
            LeaderboardEdge(
                cursor=cursor_of(row.rank),
                node=LeaderboardRow(
                    rank=row.rank,
                    trader_id=strawberry.ID(row.entry.user_id),
                    handle=row.handle,
                    metrics=TraderMetrics.of(row.entry),
                ),
            )
            for row in page.entries
        ]
        return LeaderboardConnection(
            edges=edges,
            page_info=LeaderboardPageInfo(
                has_next_page=page.has_next, end_cursor=edges[-1].cursor if edges else None
            ),
        )

    @strawberry.field(description="A trader's public profile with the verified equity curve.")
    async def trader_profile(self, info: Info, handle: str) -> PublicTraderProfile:
        return public_profile(await info.context.services.profiles.public(handle))

    @strawberry.field(description="Your own public profile settings (null: not opted in).")
    async def my_trader_profile(self, info: Info) -> TraderProfile | None:
        principal = info.context.require_user()
        row = await info.context.services.profiles.mine(principal.user_id)
        return TraderProfile.of(row) if row else None


@strawberry.type(description="Platform-wide figures (cached for a minute).")
class PlatformStats:
    total_trades: int
    volume_quote: Decimal
    active_traders: int = strawberry.field(description="Users with a fill in the last 30 days.")
    copied_capital: Decimal = strawberry.field(description="Allocations of active follows.")
    computed_at: datetime
    bots_running: int = strawberry.field(default=0, description="Bots running now.")


@strawberry.type
class PlatformQuery:
    @strawberry.field(
        description="Totals for the home screen: trades, volume, traders, bots, copies."
    )
    async def platform_stats(self, info: Info) -> PlatformStats:
        stats = await info.context.services.platform_stats.stats()
        return PlatformStats(
            total_trades=stats.total_trades,
            volume_quote=stats.volume_quote,
            active_traders=stats.active_traders,
            copied_capital=stats.copied_capital,
            computed_at=stats.computed_at,
            bots_running=stats.bots_running,
        )
