from __future__ import annotations

import strawberry

from schema.context import Info
from schema.signals.types import Signal


@strawberry.type
class SignalQuery:
    @strawberry.field(
        description="Latest ML signal of a symbol on the simulated venue, from its last closed "
        "candle of `timeframe` (models trained on 1m candles; see docs/signals.md)."
    )
    async def signals(self, info: Info, symbol: str, timeframe: str = "1m") -> Signal:
        return Signal.of(await info.context.services.signals.latest(symbol, timeframe))
