"""Market series that alerts watch, computed incrementally (O(1) amortised per update).

Price, % change and spread move on every ticker; book imbalance on book updates; RSI, the EMA
gap and the volume ratio on **closed candles** only (`CANDLE_METRICS`: a forming candle's close
still changes, so an indicator on it would flicker across a threshold and back within the
minute). A `SeriesBank` keeps only the series some alert needs (reference counted), so a symbol
with price alerts only never pays for an RSI."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from engine.alerts.rules import Metric

VOLUME_LOOKBACK_WINDOWS = 10  # the "normal" volume is the mean over this many windows
# Indicators computed from closed candles rather than from tickers.
CANDLE_METRICS = frozenset({Metric.RSI, Metric.EMA_GAP_PCT, Metric.VOLUME_RATIO})


class SeriesKey(NamedTuple):
    symbol: str
    metric: Metric
    period: int = 0


@dataclass(frozen=True, slots=True)
class MarketTick:
    symbol: str
    ts: float  # epoch seconds
    last: float
    bid: float | None = None
    ask: float | None = None
    volume_24h: float = 0.0  # cumulative base volume; its increase is the tick's volume


@dataclass(frozen=True, slots=True)
class ClosedCandle:
    """A candle that closed (final values): `ts` is its close time, epoch seconds."""

    symbol: str
    ts: float
    close: float
    volume: float  # base volume traded within the candle


@dataclass(frozen=True, slots=True)
class BookTop:
    symbol: str
    ts: float
    bids: Sequence[tuple[float, float]]  # (price, qty), best first
    asks: Sequence[tuple[float, float]]


class Move(NamedTuple):
    key: SeriesKey
    prev: float
    cur: float


class _ChangePct:
    def __init__(self, window_s: int) -> None:
        self.window = float(window_s)
        self.samples: deque[tuple[float, float]] = deque()

    def update(self, ts: float, price: float) -> float | None:
        samples = self.samples
        samples.append((ts, price))
        # Keep exactly one sample at or before the window start: the reference price.
        while len(samples) > 1 and samples[1][0] <= ts - self.window:
            samples.popleft()
        ref_ts, ref = samples[0]
        if ref_ts > ts - self.window or ref <= 0:
            return None  # not a full window of history yet
        return (price / ref - 1.0) * 100.0


class _Rsi:
    """Wilder's RSI on tick-to-tick price changes."""

    def __init__(self, period: int) -> None:
        self.period = period
        self.prev: float | None = None
        self.count = 0
        self.avg_gain = 0.0
        self.avg_loss = 0.0

    def update(self, price: float) -> float | None:
        prev, self.prev = self.prev, price
        if prev is None:
            return None
        change = price - prev
        gain, loss = max(change, 0.0), max(-change, 0.0)
        n = self.period
        self.count += 1
        if self.count <= n:  # seed with the simple mean of the first n changes
            self.avg_gain += (gain - self.avg_gain) / self.count
            self.avg_loss += (loss - self.avg_loss) / self.count
            if self.count < n:
                return None
        else:
            self.avg_gain = (self.avg_gain * (n - 1) + gain) / n
            self.avg_loss = (self.avg_loss * (n - 1) + loss) / n
        if self.avg_loss == 0.0:
            return 100.0 if self.avg_gain > 0 else 50.0
        return 100.0 - 100.0 / (1.0 + self.avg_gain / self.avg_loss)


class _EmaGap:
    def __init__(self, period: int) -> None:
        self.alpha = 2.0 / (period + 1)
        self.period = period
        self.count = 0
        self.ema = 0.0

    def update(self, price: float) -> float | None:
        self.count += 1
        self.ema = price if self.count == 1 else self.ema + self.alpha * (price - self.ema)
        if self.count < self.period or self.ema <= 0:
            return None
        return (price - self.ema) / self.ema * 100.0


class _VolumeRatio:
    def __init__(self, window_s: int) -> None:
        self.window = float(window_s)
        self.prev_total: float | None = None
        self.first_ts: float | None = None
        self.samples: deque[tuple[float, float]] = deque()
        self.recent = 0.0  # volume inside the last window
        self.total = 0.0  # volume inside the lookback
        self.recent_start = 0  # index in samples where the last window starts

    def update(self, ts: float, volume_24h: float) -> float | None:
        """From a cumulative volume (a ticker's 24 h volume): its increase is the volume."""
        prev, self.prev_total = self.prev_total, volume_24h
        volume = max(0.0, volume_24h - prev) if prev is not None else 0.0
        return self.add(ts, volume)

    def add(self, ts: float, volume: float) -> float | None:
        """One period's volume (a closed candle's), at its end time `ts`."""
        if self.first_ts is None:
            self.first_ts = ts
        self.samples.append((ts, volume))
        self.total += volume
        self.recent += volume
        # The newest sample is always inside both windows, so both loops stop.
        while self.samples[self.recent_start][0] <= ts - self.window:
            self.recent -= self.samples[self.recent_start][1]
            self.recent_start += 1
        lookback_start = ts - self.window * VOLUME_LOOKBACK_WINDOWS
        while self.samples[0][0] <= lookback_start:  # already out of the recent window
            self.total -= self.samples.popleft()[1]
            self.recent_start -= 1
        if ts - self.first_ts < self.window * VOLUME_LOOKBACK_WINDOWS:
            return None
        mean = self.total / VOLUME_LOOKBACK_WINDOWS
        return self.recent / mean if mean > 0 else None


def spread_bps(bid: float | None, ask: float | None) -> float | None:
    if bid is None or ask is None or bid <= 0 or ask < bid:
        return None
    return (ask - bid) / ((ask + bid) / 2.0) * 10_000.0


def imbalance(book: BookTop, levels: int) -> float | None:
    bid_qty = sum(q for _, q in book.bids[:levels])
    ask_qty = sum(q for _, q in book.asks[:levels])
    total = bid_qty + ask_qty
    return (bid_qty - ask_qty) / total if total > 0 else None


_Stateful = _ChangePct | _Rsi | _EmaGap | _VolumeRatio


def _new_state(key: SeriesKey) -> _Stateful | None:
    if key.metric is Metric.CHANGE_PCT:
        return _ChangePct(key.period)
    if key.metric is Metric.RSI:
        return _Rsi(key.period)
    if key.metric is Metric.EMA_GAP_PCT:
        return _EmaGap(key.period)
    if key.metric is Metric.VOLUME_RATIO:
        return _VolumeRatio(key.period)
    return None


class SeriesBank:
    """Current value of every watched series; each update returns the moves it made."""

    def __init__(self) -> None:
        self._refs: dict[SeriesKey, int] = {}
        self._by_symbol: dict[str, dict[SeriesKey, _Stateful | None]] = {}
        self._values: dict[SeriesKey, float] = {}

    def watch(self, key: SeriesKey) -> None:
        self._refs[key] = self._refs.get(key, 0) + 1
        if self._refs[key] == 1:
            self._by_symbol.setdefault(key.symbol, {})[key] = _new_state(key)

    def unwatch(self, key: SeriesKey) -> None:
        refs = self._refs.get(key, 0) - 1
        if refs > 0:
            self._refs[key] = refs
            return
        self._refs.pop(key, None)
        self._values.pop(key, None)
        series = self._by_symbol.get(key.symbol)
        if series is not None:
            series.pop(key, None)
            if not series:
                del self._by_symbol[key.symbol]

    def value(self, key: SeriesKey) -> float | None:
        return self._values.get(key)

    def _set(self, key: SeriesKey, value: float | None, moves: list[Move]) -> None:
        if value is None:
            return
        prev = self._values.get(key)
        self._values[key] = value
        if prev is not None and prev != value:
            moves.append(Move(key, prev, value))

    def on_tick(self, tick: MarketTick) -> list[Move]:
        moves: list[Move] = []
        for key, state in self._by_symbol.get(tick.symbol, {}).items():
            metric = key.metric
            value: float | None
            if metric is Metric.PRICE:
                value = tick.last
            elif metric is Metric.SPREAD_BPS:
                value = spread_bps(tick.bid, tick.ask)
            elif isinstance(state, _ChangePct):
                value = state.update(tick.ts, tick.last)
            else:  # book metrics move on book updates, indicators on closed candles
                continue
            self._set(key, value, moves)
        return moves

    def on_candle(self, candle: ClosedCandle) -> list[Move]:
        moves: list[Move] = []
        for key, state in self._by_symbol.get(candle.symbol, {}).items():
            value: float | None
            if isinstance(state, _Rsi | _EmaGap):
                value = state.update(candle.close)
            elif isinstance(state, _VolumeRatio):
                value = state.add(candle.ts, candle.volume)
            else:
                continue
            self._set(key, value, moves)
        return moves

    def on_book(self, book: BookTop) -> list[Move]:
        moves: list[Move] = []
        for key in self._by_symbol.get(book.symbol, {}):
            if key.metric is Metric.IMBALANCE:
                self._set(key, imbalance(book, key.period), moves)
        return moves
