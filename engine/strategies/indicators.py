"""Incremental indicators: each `update` costs O(1) (Donchian: amortised O(1)).

All work in float: indicators decide *whether* to trade; order prices and quantities stay
Decimal in the strategies. Each returns None until it has seen enough values (`ready`).

Definitions (the tests check them against plain numpy computations):

* SMA(n): mean of the last n values.
* EMA(n): alpha = 2 / (n + 1), seeded with the SMA of the first n values.
* RSI(n): Wilder's. The first average gain/loss is the mean of the first n changes, then
  avg = (avg * (n - 1) + x) / n; RSI = 100 - 100 / (1 + gain / loss) (100 when loss is 0).
* ATR(n): Wilder-smoothed true range, max(high - low, |high - prev close|, |low - prev
  close|); the first bar's true range is high - low; seeded with the mean of the first n.
* Rolling z-score(n): (x - mean) / std over the last n values, population std (ddof 0).
* Donchian(n): highest high and lowest low of the last n bars.
"""

from __future__ import annotations

import math
from collections import deque


class Sma:
    def __init__(self, period: int) -> None:
        if period < 1:
            raise ValueError(f"period: must be at least 1, got {period}")
        self.period = period
        self._window: deque[float] = deque()
        self._sum = 0.0
        self.value: float | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def update(self, x: float) -> float | None:
        self._window.append(x)
        self._sum += x
        if len(self._window) > self.period:
            self._sum -= self._window.popleft()
        if len(self._window) == self.period:
            self.value = self._sum / self.period
        return self.value


class Ema:
    def __init__(self, period: int) -> None:
        if period < 1:
            raise ValueError(f"period: must be at least 1, got {period}")
        self.period = period
        self.alpha = 2.0 / (period + 1)
        self._seed = Sma(period)
        self.value: float | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def update(self, x: float) -> float | None:
        if self.value is None:
            self.value = self._seed.update(x)
        else:
            self.value += self.alpha * (x - self.value)
        return self.value


class _Wilder:
    """Wilder's smoothing: mean of the first n values, then (avg * (n - 1) + x) / n."""

    def __init__(self, period: int) -> None:
        self.period = period
        self._count = 0
        self._sum = 0.0
        self.value: float | None = None

    def update(self, x: float) -> float | None:
        if self.value is None:
            self._count += 1
            self._sum += x
            if self._count == self.period:
                self.value = self._sum / self.period
        else:
            self.value = (self.value * (self.period - 1) + x) / self.period
        return self.value


class Rsi:
    def __init__(self, period: int = 14) -> None:
        if period < 1:
            raise ValueError(f"period: must be at least 1, got {period}")
        self.period = period
        self._gain = _Wilder(period)
        self._loss = _Wilder(period)
        self._prev: float | None = None
        self.value: float | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def update(self, x: float) -> float | None:
        if self._prev is not None:
            change = x - self._prev
            gain = self._gain.update(max(change, 0.0))
            loss = self._loss.update(max(-change, 0.0))
            if gain is not None and loss is not None:
                self.value = 100.0 if loss == 0 else 100.0 - 100.0 / (1.0 + gain / loss)
        self._prev = x
        return self.value


class Atr:
    def __init__(self, period: int = 14) -> None:
        if period < 1:
            raise ValueError(f"period: must be at least 1, got {period}")
        self.period = period
        self._smooth = _Wilder(period)
        self._prev_close: float | None = None
        self.value: float | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def update(self, high: float, low: float, close: float) -> float | None:
        tr = high - low
        if self._prev_close is not None:
            tr = max(tr, abs(high - self._prev_close), abs(low - self._prev_close))
        self._prev_close = close
        self.value = self._smooth.update(tr)
        return self.value


class RollingZScore:
    """z-score of the latest value against the last `period` values (itself included)."""

    def __init__(self, period: int) -> None:
        if period < 2:
            raise ValueError(f"period: must be at least 2, got {period}")
        self.period = period
        self._window: deque[float] = deque()
        self._shift: float | None = None  # sums of x - shift keep the variance precise
        self._sum = 0.0
        self._sumsq = 0.0
        self._rolled = 0  # values dropped since the sums were last recomputed
        self.mean: float | None = None
        self.std: float | None = None
        self.value: float | None = None

    @property
    def ready(self) -> bool:
        return self.value is not None

    def _reanchor(self) -> None:
        """Shift to the window's mean and recompute the sums exactly from the window."""
        assert self._shift is not None
        centre = sum(self._window) / len(self._window)
        self._window = deque(d - centre for d in self._window)
        self._shift += centre
        self._sum = sum(self._window)
        self._sumsq = sum(d * d for d in self._window)
        self._rolled = 0

    def update(self, x: float) -> float | None:
        if self._shift is None:
            self._shift = x
        d = x - self._shift
        self._window.append(d)
        self._sum += d
        self._sumsq += d * d
        if len(self._window) > self.period:
            old = self._window.popleft()
            self._sum -= old
            self._sumsq -= old * old
            # getattr: a snapshot saved before this field existed restores without it
            self._rolled = getattr(self, "_rolled", 0) + 1
            if self._rolled >= self.period:  # re-anchor: running sums drift (amortised O(1))
                self._reanchor()
        if len(self._window) < self.period:
            return None
        n = self.period
        mean_d = self._sum / n
        var = max(self._sumsq / n - mean_d * mean_d, 0.0)
        self.mean = mean_d + self._shift
        self.std = math.sqrt(var)
        self.value = 0.0 if self.std == 0 else (x - self.mean) / self.std
        return self.value


class Donchian:
    """Highest high and lowest low of the last `period` bars (monotonic deques)."""

    def __init__(self, period: int) -> None:
        if period < 1:
            raise ValueError(f"period: must be at least 1, got {period}")
        self.period = period
        self._i = 0
        self._highs: deque[tuple[int, float]] = deque()
        self._lows: deque[tuple[int, float]] = deque()
        self.upper: float | None = None
        self.lower: float | None = None

    @property
    def ready(self) -> bool:
        return self.upper is not None

    def update(self, high: float, low: float) -> tuple[float, float] | None:
        i = self._i
        self._i += 1
        while self._highs and self._highs[-1][1] <= high:
            self._highs.pop()
        self._highs.append((i, high))
        while self._lows and self._lows[-1][1] >= low:
            self._lows.pop()
        self._lows.append((i, low))
        oldest = i - self.period + 1
        while self._highs[0][0] < oldest:
            self._highs.popleft()
        while self._lows[0][0] < oldest:
            self._lows.popleft()
        if self._i < self.period:
            return None
        self.upper, self.lower = self._highs[0][1], self._lows[0][1]
        return self.upper, self.lower
