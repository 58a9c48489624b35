"""Leaderboard metrics from a trader's daily equity series (floats: analytics, not money).

`TrackRecord` is updated one day at a time (O(1) per day: running sums, peak and drawdown), so
the leaderboard worker folds in each new day instead of recomputing history. Windows (7/30/90
days) are computed from the last N points with `window_metrics`.

Definitions (per day d with equity e_d, daily return r_d = e_d / e_{d-1} - 1):
- ROI %: (last / first - 1) * 100 over the window.
- Sharpe: mean(r) / stdev(r) * sqrt(365) (sample stdev; 0 when flat or < 2 returns).
- Sortino: mean(r) / downside deviation * sqrt(365), downside deviation = sqrt(mean(min(r,0)^2)).
- Max drawdown %: the largest fall from a running peak, in percent of that peak.
- Win rate %: share of days with a positive return among days with a non-zero return.
- Trades: fills counted into the days.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ANNUALISE = math.sqrt(365)


@dataclass(frozen=True, slots=True)
class Metrics:
    days: int
    roi_pct: float
    sharpe: float
    sortino: float
    max_drawdown_pct: float
    win_rate_pct: float
    trades: int


@dataclass(slots=True)
class TrackRecord:
    """Running metrics over every day seen so far."""

    days: int = 0
    first: float = 0.0
    last: float = 0.0
    peak: float = 0.0
    max_drawdown: float = 0.0  # fraction
    returns: int = 0
    sum_r: float = 0.0
    sum_r2: float = 0.0
    sum_down2: float = 0.0
    wins: int = 0
    moves: int = 0
    trades: int = 0
    _prev: float | None = field(default=None, repr=False)

    def add_day(self, equity: float, trades: int = 0) -> None:
        if self.days == 0:
            self.first = equity
        self.days += 1
        self.trades += trades
        self.last = equity
        if self._prev is not None and self._prev > 0:
            r = equity / self._prev - 1
            self.returns += 1
            self.sum_r += r
            self.sum_r2 += r * r
            self.sum_down2 += min(r, 0.0) ** 2
            if r != 0:
                self.moves += 1
                self.wins += r > 0
        self._prev = equity
        self.peak = max(self.peak, equity)
        if self.peak > 0:
            self.max_drawdown = max(self.max_drawdown, (self.peak - equity) / self.peak)

    def to_state(self) -> dict[str, float | int | None]:
        """Every running value (exact: floats survive JSON), for storing between refreshes."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_state(cls, state: Mapping[str, float | int | None]) -> TrackRecord:
        record = cls()
        for name in cls.__dataclass_fields__:
            if name in state:
                setattr(record, name, state[name])
        return record

    def copy(self) -> TrackRecord:
        return TrackRecord.from_state(self.to_state())

    def metrics(self) -> Metrics:
        n = self.returns
        mean = self.sum_r / n if n else 0.0
        variance = (self.sum_r2 - n * mean * mean) / (n - 1) if n > 1 else 0.0
        stdev = math.sqrt(max(variance, 0.0))
        downside = math.sqrt(self.sum_down2 / n) if n else 0.0
        return Metrics(
            days=self.days,
            roi_pct=(self.last / self.first - 1) * 100 if self.first > 0 else 0.0,
            sharpe=mean / stdev * ANNUALISE if stdev > 1e-12 else 0.0,
            sortino=mean / downside * ANNUALISE if downside > 1e-12 else 0.0,
            max_drawdown_pct=self.max_drawdown * 100,
            win_rate_pct=self.wins / self.moves * 100 if self.moves else 0.0,
            trades=self.trades,
        )


def window_metrics(equity: Sequence[float], trades: Sequence[int] | None = None) -> Metrics:
    """Metrics of one window (e.g. the last 30 daily points)."""
    record = TrackRecord()
    counts = trades if trades is not None else [0] * len(equity)
    for value, count in zip(equity, counts, strict=True):
        record.add_day(value, count)
    return record.metrics()
