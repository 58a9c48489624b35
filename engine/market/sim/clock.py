"""The venue's simulated clock: integer milliseconds, advanced only by `advance`."""

from __future__ import annotations

from datetime import datetime

from engine.market.candles import from_ms


class SimClock:
    def __init__(self, start_ms: int, tick_ms: int) -> None:
        if tick_ms <= 0:
            raise ValueError("the clock tick must be at least 1 ms")
        self.ms = start_ms
        self.tick_ms = tick_ms
        self.now: datetime = from_ms(start_ms)

    def advance(self) -> None:
        self.ms += self.tick_ms
        self.now = from_ms(self.ms)
