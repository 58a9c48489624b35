"""Daily equity snapshots and the cached leaderboard (refreshed by api/workers/leaderboard.py).

Verified: equity is the public accounts' balances as last reported by the venue, valued at the
venue's last prices; trades are fills recorded from the venue. Nothing here reads user input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.db.database import Database
from api.db.models import BalanceRecord, FillRecord, utcnow
from api.db.social_tables import (
    DailyEquity,
    Follow,
    LeaderboardEntry,
    LeaderboardState,
    TraderProfile,
)
from api.errors import BadUserInput
from api.services.social.prices import VenuePrices
from api.services.venues import SIM, VenueRegistry
from engine.social.metrics import TrackRecord, window_metrics

QUOTE = "USDT"


class Period(StrEnum):
    D7 = "D7"
    D30 = "D30"
    D90 = "D90"
    ALL = "ALL"


WINDOW_DAYS = {Period.D7: 7, Period.D30: 30, Period.D90: 90, Period.ALL: None}
MAX_WINDOW = 90  # daily points a refresh reads for the windows (ALL: the stored state)


class Metric(StrEnum):
    ROI = "roi_pct"
    SHARPE = "sharpe"
    SORTINO = "sortino"
    MAX_DRAWDOWN = "max_drawdown_pct"  # smaller is better
    WIN_RATE = "win_rate_pct"
    TRADES = "trades"
    FOLLOWERS = "followers"
    COPIED_CAPITAL = "copied_capital"


@dataclass(frozen=True)
class RankedEntry:
    rank: int
    handle: str
    entry: LeaderboardEntry


@dataclass(frozen=True)
class LeaderboardPage:
    entries: list[RankedEntry]
    has_next: bool


class LeaderboardService:
    def __init__(
        self, db: Database, venues: VenueRegistry, *, min_days: int, min_trades: int
    ) -> None:
        self.db = db
        self.venues = venues
        self.min_days = min_days
        self.min_trades = min_trades

    async def snapshot(self, day: date | None = None) -> int:
        """Write today's equity and fill count for every profile; returns how many."""
        day = day or utcnow().date()
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        prices = VenuePrices(self.venues, SIM)
        async with self.db.session() as session:
            profiles = (await session.exec(select(TraderProfile))).all()
            for profile in profiles:
                ids = [i for i in profile.public_account_ids.split(",") if i]
                balances = (
                    await session.exec(
                        select(BalanceRecord).where(
                            col(BalanceRecord.account_id).in_(ids),
                            BalanceRecord.user_id == profile.user_id,
                        )
                    )
                ).all()
                equity = await prices.value(
                    ((b.currency, b.free + b.used) for b in balances), QUOTE
                )
                trades = (
                    await session.exec(
                        select(func.count())
                        .select_from(FillRecord)
                        .where(
                            col(FillRecord.account_id).in_(ids),
                            FillRecord.user_id == profile.user_id,
                            col(FillRecord.executed_at) >= start,
                            col(FillRecord.executed_at) < start + timedelta(days=1),
                        )
                    )
                ).one()
                row = (
                    await session.exec(
                        select(DailyEquity).where(
                            DailyEquity.user_id == profile.user_id, DailyEquity.day == day
                        )
                    )
                ).first() or DailyEquity(user_id=profile.user_id, day=day)
                row.equity, row.trades, row.updated_at = equity, int(trades), utcnow()
                session.add(row)
            await session.commit()
        return len(profiles)

    async def refresh(self, today: date | None = None) -> int:
        """Update every profile's cached metrics for every period; returns how many rows.

        Incremental: the all-time record is a running `TrackRecord` stored per trader
        (`leaderboard_state`) that folds in each closed day once; a refresh reads the state,
        the days not folded yet and the last `MAX_WINDOW` points for the 7/30/90-day windows
        — never the whole history again. Today's point (still moving) is added to a copy."""
        today = today or utcnow().date()
        written = 0
        async with self.db.session() as session:
            profiles = (await session.exec(select(TraderProfile))).all()
            for profile in profiles:
                record, recent = await self._advance(session, profile.user_id, today)
                if not recent:
                    continue
                follows = (
                    await session.exec(
                        select(Follow).where(
                            Follow.leader_id == profile.user_id, col(Follow.active)
                        )
                    )
                ).all()
                existing = {
                    e.period: e
                    for e in (
                        await session.exec(
                            select(LeaderboardEntry).where(
                                LeaderboardEntry.user_id == profile.user_id
                            )
                        )
                    ).all()
                }
                for period, length in WINDOW_DAYS.items():
                    if length is None:
                        metrics = record.metrics()
                    else:
                        window = recent[-length:]
                        metrics = window_metrics(
                            [float(d.equity) for d in window], [d.trades for d in window]
                        )
                    entry = existing.get(period) or LeaderboardEntry(
                        period=period.value,
                        user_id=profile.user_id,
                        days=0,
                        trades=0,
                        roi_pct=0,
                        sharpe=0,
                        sortino=0,
                        max_drawdown_pct=0,
                        win_rate_pct=0,
                    )
                    entry.days, entry.trades = metrics.days, metrics.trades
                    entry.roi_pct, entry.sharpe = metrics.roi_pct, metrics.sharpe
                    entry.sortino, entry.win_rate_pct = metrics.sortino, metrics.win_rate_pct
                    entry.max_drawdown_pct = metrics.max_drawdown_pct
                    entry.followers = len(follows)
                    entry.copied_capital = sum((f.allocation for f in follows), Decimal(0))
                    entry.refreshed_at = utcnow()
                    session.add(entry)
                    written += 1
            await session.commit()
        return written

    async def _advance(
        self, session: AsyncSession, user_id: str, today: date
    ) -> tuple[TrackRecord, list[DailyEquity]]:
        """The all-time record including today (the stored state advanced over the closed
        days since it, saved) and the last MAX_WINDOW daily points, oldest first."""
        state = await session.get(LeaderboardState, user_id)
        unfolded = select(DailyEquity).where(DailyEquity.user_id == user_id)
        if state is not None:
            unfolded = unfolded.where(col(DailyEquity.day) > state.through_day)
        new_days = list((await session.exec(unfolded.order_by(col(DailyEquity.day)))).all())
        latest = (
            await session.exec(
                select(DailyEquity)
                .where(DailyEquity.user_id == user_id)
                .order_by(col(DailyEquity.day).desc())
                .limit(MAX_WINDOW)
            )
        ).all()
        record = TrackRecord.from_state(json.loads(state.record)) if state else TrackRecord()
        closed = [d for d in new_days if d.day < today]
        for day in closed:
            record.add_day(float(day.equity), day.trades)
        if closed:
            folded = json.dumps(record.to_state())
            state = state or LeaderboardState(
                user_id=user_id, through_day=closed[-1].day, record=folded
            )
            state.through_day, state.record, state.updated_at = closed[-1].day, folded, utcnow()
            session.add(state)
        including_today = record.copy()
        for day in new_days:
            if day.day >= today:
                including_today.add_day(float(day.equity), day.trades)
        return including_today, list(reversed(latest))

    async def page(
        self, period: Period, metric: Metric, first: int = 20, after: str | None = None
    ) -> LeaderboardPage:
        """Ranked traders with at least the minimum track record (cached rows only)."""
        if not 1 <= first <= 100:
            raise BadUserInput("first must be between 1 and 100", field="first")
        offset = _offset(after)
        column = getattr(LeaderboardEntry, metric.value)
        order = col(column).asc() if metric is Metric.MAX_DRAWDOWN else col(column).desc()
        async with self.db.session() as session:
            rows: Sequence[tuple[LeaderboardEntry, str]] = (
                await session.exec(
                    select(LeaderboardEntry, TraderProfile.handle)
                    .join(TraderProfile, col(TraderProfile.user_id) == LeaderboardEntry.user_id)
                    .where(
                        LeaderboardEntry.period == period.value,
                        col(LeaderboardEntry.days) >= self.min_days,
                        col(LeaderboardEntry.trades) >= self.min_trades,
                    )
                    .order_by(order, col(TraderProfile.handle))
                    .offset(offset)
                    .limit(first + 1)
                )
            ).all()
        ranked = [
            RankedEntry(offset + n + 1, handle, entry) for n, (entry, handle) in enumerate(rows)
        ]
        return LeaderboardPage(ranked[:first], len(ranked) > first)


def cursor_of(rank: int) -> str:
    return str(rank)


def _offset(after: str | None) -> int:
    if after is None:
        return 0
    if not after.isdigit():
        raise BadUserInput("after must be a cursor from this list", field="after")
    return int(after)
