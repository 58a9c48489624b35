"""Platform-wide figures for the app's home screen, computed at most once per `ttl`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from api.db.bot_tables import Bot
from api.db.database import Database
from api.db.models import FillRecord, utcnow
from api.db.social_tables import Follow

ACTIVE_WINDOW = timedelta(days=30)
FILLS = FillRecord.__table__  # type: ignore[attr-defined]
FOLLOWS = Follow.__table__  # type: ignore[attr-defined]
BOTS = Bot.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PlatformStats:
    total_trades: int
    volume_quote: Decimal  # sum of price × qty over every fill (quote currency)
    active_traders: int  # users with a fill in the last 30 days
    copied_capital: Decimal  # allocations of active follows
    computed_at: datetime
    bots_running: int = 0  # bots whose state is running


class PlatformStatsService:
    def __init__(
        self,
        db: Database,
        ttl: timedelta = timedelta(seconds=60),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.ttl = ttl
        self.clock = clock
        self._cached: PlatformStats | None = None

    async def stats(self) -> PlatformStats:
        now = self.clock()
        if self._cached is None or now - self._cached.computed_at >= self.ttl:
            self._cached = await self._compute(now)
        return self._cached

    async def _compute(self, now: datetime) -> PlatformStats:
        async with self.db.session() as session:
            # Money is exact text on SQLite: sum in Python, one streamed pass.
            volume, trades = Decimal(0), 0
            connection = await session.connection()
            for price, qty in await connection.execute(select(FILLS.c.price, FILLS.c.qty)):
                volume += price * qty
                trades += 1
            active = (
                await connection.execute(
                    select(func.count(func.distinct(FILLS.c.user_id))).where(
                        FILLS.c.executed_at >= now - ACTIVE_WINDOW
                    )
                )
            ).scalar_one()
            allocations: list[Decimal] = list(
                (
                    await connection.execute(
                        select(FOLLOWS.c.allocation).where(FOLLOWS.c.active.is_(True))
                    )
                ).scalars()
            )
            running = (
                await connection.execute(
                    select(func.count()).select_from(BOTS).where(BOTS.c.state == "running")
                )
            ).scalar_one()
        return PlatformStats(
            total_trades=trades,
            volume_quote=volume,
            active_traders=int(active),
            copied_capital=sum(allocations, Decimal(0)),
            computed_at=now,
            bots_running=int(running),
        )
