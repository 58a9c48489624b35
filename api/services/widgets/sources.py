"""Widget providers: bots and alert triggers from their tables (one read-only query per user)
and the strongest ML signal (shared by every user)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from sqlmodel import col, select

from api.db.alert_tables import Alert, AlertTrigger
from api.db.bot_tables import Bot
from api.db.database import Database
from api.services.signals import SignalService
from engine.signals.types import Direction
from widgets.inputs import AlertLine, BotLine, BotsData, SignalLine

# Which bots a small widget shows first: the ones that need attention, then the busy ones.
_STATE_ORDER = {"error": 0, "running": 1, "paused": 2, "stopped": 3}
TOP_BOTS = 3


class StoredBots:
    """`WidgetProviders.bots`: running and errored counts, top bots with realised P&L."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, user_id: str) -> BotsData | None:
        async with self.db.session() as session:
            bots = list((await session.exec(select(Bot).where(Bot.user_id == user_id))).all())
        if not bots:
            return None
        ranked = sorted(
            bots,
            key=lambda b: (_STATE_ORDER.get(b.state, 4), -b.updated_at.timestamp(), b.name),
        )
        return BotsData(
            running=sum(1 for b in bots if b.state == "running"),
            errors=sum(1 for b in bots if b.state == "error"),
            top=[BotLine(b.id, b.name, b.state, b.realised_pnl) for b in ranked[:TOP_BOTS]],
        )


class LastAlertTrigger:
    """`WidgetProviders.last_alert`: the user's most recent alert trigger."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, user_id: str) -> AlertLine | None:
        async with self.db.session() as session:
            row = (
                await session.exec(
                    select(AlertTrigger, Alert)
                    .join(Alert, col(Alert.id) == AlertTrigger.alert_id)
                    .where(AlertTrigger.user_id == user_id)
                    .order_by(col(AlertTrigger.fired_at).desc())
                    .limit(1)
                )
            ).first()
        if row is None:
            return None
        trigger, alert = row
        return AlertLine(
            id=alert.id,
            symbol=trigger.symbol,
            message=f"{alert.name}: {trigger.value}",
            triggered_at=trigger.fired_at,
        )


class StrongestSignal:
    """`WidgetProviders.strongest_signal`: of the venue's symbols, the signal whose model is
    most sure of a direction. Signals are public (the same for every user), so one inference
    round is shared by all users for `ttl` seconds."""

    def __init__(
        self,
        signals: SignalService,
        symbols: Sequence[str],
        *,
        timeframe: str = "1m",
        ttl: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.signals = signals
        self.symbols = list(symbols)
        self.timeframe = timeframe
        self.ttl = ttl
        self.monotonic = monotonic
        self._cached: tuple[float, SignalLine | None] | None = None

    async def __call__(self, user_id: str) -> SignalLine | None:
        now = self.monotonic()
        if self._cached is None or self._cached[0] <= now:
            self._cached = (now + self.ttl, await self._strongest())
        return self._cached[1]

    async def _strongest(self) -> SignalLine | None:
        found = await self.signals.latest_many(self.symbols, self.timeframe)
        decided = [s for s in found if s.direction != Direction.FLAT]
        if not decided:
            return None
        best = max(decided, key=lambda s: abs(s.probability_up - 0.5))
        return SignalLine(
            symbol=best.symbol,
            direction="buy" if best.direction == Direction.UP else "sell",
            strength=abs(best.probability_up - 0.5) * 2,
            source=f"{best.model} {best.timeframe}",
            at=best.timestamp,
        )
