"""Every timeframe of one symbol's candles, in ticks and lots, plus its rolling 24 h figures.

Only 1m bars are built from trades. Each coarser timeframe keeps its closed bars and a partial
bar (the closed 1m bars of its current period); its forming bar is that partial merged with the
forming 1m bar, so every timeframe is by construction the aggregate of the 1m bars inside it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from engine.market.candles import Bar, CandleBuilder, aggregate_bars, period_start, timeframe_ms
from engine.market.models import TIMEFRAMES

MINUTE_MS = 60_000
WINDOW_MINUTES = 24 * 60
KEEP_BARS = 1500  # closed bars kept per timeframe (a fetch returns at most 1500 bars)
_TRIM_AT = 2 * KEEP_BARS
_COARSER = {tf: secs * 1000 for tf, secs in TIMEFRAMES.items() if tf != "1m"}


class Stats24h(NamedTuple):
    open: int
    high: int
    low: int
    base_volume: int  # lots
    quote_volume: int  # ticks * lots


class SymbolCandles:
    def __init__(
        self,
        now_ms: int,
        last_price: int,
        history: Mapping[int, Sequence[Bar[int]]] | None = None,
    ) -> None:
        """`history` maps a bar length (ms) to closed bars, oldest first; coarser lengths must
        come earlier in time, and the finest must end at the minute of `now_ms`."""
        minute = period_start(now_ms, MINUTE_MS)
        self._minute: CandleBuilder[int] = CandleBuilder(
            MINUTE_MS, 0, Bar.flat(minute, last_price, 0)
        )
        self._closed: dict[str, list[Bar[int]]] = {tf: [] for tf in TIMEFRAMES}
        self._partial: dict[str, Bar[int] | None] = dict.fromkeys(_COARSER)
        window: list[Bar[int]] = []
        if history:
            window = list(history.get(MINUTE_MS, ()))[-(WINDOW_MINUTES - 1) :]
            for tf in TIMEFRAMES:
                self._load(tf, history, minute)
        self._window: deque[Bar[int]] = deque(window, maxlen=WINDOW_MINUTES - 1)
        self._window_base = sum(b.volume for b in window)
        self._window_quote = sum(b.quote_volume for b in window)
        self._window_high = max((b.high for b in window), default=None)
        self._window_low = min((b.low for b in window), default=None)

    def _load(self, tf: str, history: Mapping[int, Sequence[Bar[int]]], minute: int) -> None:
        period = timeframe_ms(tf)
        sources = [
            bar
            for length in sorted(history, reverse=True)
            if period % length == 0
            for bar in history[length]
        ]
        groups = aggregate_bars(sources, period)
        if groups and groups[-1].open_time + period > minute:
            self._partial[tf] = groups.pop()
        self._closed[tf] = groups[-KEEP_BARS:]

    # -- updates -------------------------------------------------------------------------
    def advance(self, now_ms: int) -> None:
        for bar in self._minute.advance(now_ms):
            self._minute_closed(bar)

    def add_trade(self, price: int, lots: int, at_ms: int) -> None:
        for bar in self._minute.add_trade(price, lots, at_ms):
            self._minute_closed(bar)

    def _minute_closed(self, bar: Bar[int]) -> None:
        self._append("1m", bar)
        end = bar.open_time + MINUTE_MS
        for tf, period in _COARSER.items():
            partial = self._partial[tf]
            if partial is None:
                partial = bar.copy(open_time=period_start(bar.open_time, period))
                self._partial[tf] = partial
            else:
                partial.merge(bar)
            if end == partial.open_time + period:
                self._append(tf, partial)
                self._partial[tf] = None
        self._roll_window(bar)

    def _append(self, tf: str, bar: Bar[int]) -> None:
        bars = self._closed[tf]
        bars.append(bar)
        if len(bars) > _TRIM_AT:
            del bars[:-KEEP_BARS]

    def _roll_window(self, bar: Bar[int]) -> None:
        window = self._window
        if len(window) == window.maxlen:
            oldest = window[0]
            self._window_base -= oldest.volume
            self._window_quote -= oldest.quote_volume
        window.append(bar)
        self._window_base += bar.volume
        self._window_quote += bar.quote_volume
        self._window_high = max(b.high for b in window)
        self._window_low = min(b.low for b in window)

    # -- reads ---------------------------------------------------------------------------
    @property
    def last_price(self) -> int:
        forming = self._minute.forming
        assert forming is not None
        return forming.close

    def forming(self, tf: str) -> Bar[int]:
        minute = self._minute.forming
        assert minute is not None
        if tf == "1m":
            return minute.copy()
        partial = self._partial[tf]
        if partial is None:
            return minute.copy(open_time=period_start(minute.open_time, timeframe_ms(tf)))
        bar = partial.copy()
        bar.merge(minute)
        return bar

    def bars(self, tf: str, limit: int) -> list[Bar[int]]:
        """The last `limit` bars of a timeframe, oldest first; the last one is forming."""
        closed = self._closed[tf]
        start = max(0, len(closed) - (limit - 1))
        return [*closed[start:], self.forming(tf)]

    def stats_24h(self) -> Stats24h:
        """Rolling figures over the forming 1m bar and the 1439 closed before it."""
        minute = self._minute.forming
        assert minute is not None
        high, low = minute.high, minute.low
        if self._window_high is not None and self._window_high > high:
            high = self._window_high
        if self._window_low is not None and self._window_low < low:
            low = self._window_low
        return Stats24h(
            open=self._window[0].open if self._window else minute.open,
            high=high,
            low=low,
            base_volume=self._window_base + minute.volume,
            quote_volume=self._window_quote + minute.quote_volume,
        )
