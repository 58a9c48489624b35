"""Candles: build them from trades and roll fine candles up into coarser ones.

Conventions (the simulated venue and every consumer rely on them):

* Periods are ``[open_time, open_time + length)`` aligned to the Unix epoch, i.e. to UTC
  midnight, so 4h candles open at 00:00, 04:00 ... and 1d candles at 00:00 UTC.
* Candles are continuous: once a series has started, each period opens at the previous close,
  and a period without trades is a flat candle at that price with zero volume. This makes a
  coarse candle exactly the aggregate of the fine candles inside it.
* Every candle but the last one is final; the last one is forming (``closed=False``) until its
  period has ended.

The core works on `Bar`, generic over the number type: `int` ticks and lots inside the
simulator (exact and fast), `Decimal` elsewhere. `build_candles` and `aggregate_candles` are the
`Decimal` / `Candle` front end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Generic, TypeVar

from engine.market.models import TIMEFRAMES, Candle, Trade

N = TypeVar("N", int, Decimal)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def timeframe_ms(timeframe: str) -> int:
    """Length of a timeframe in milliseconds; ValueError for an unknown one."""
    try:
        return TIMEFRAMES[timeframe] * 1000
    except KeyError:
        raise ValueError(
            f"unknown timeframe {timeframe!r}; use one of {', '.join(TIMEFRAMES)}"
        ) from None


def to_ms(moment: datetime) -> int:
    """Milliseconds since the Unix epoch of a timezone-aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("datetime must be timezone-aware (UTC)")
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def from_ms(ms: int) -> datetime:
    """UTC datetime of a millisecond timestamp."""
    return EPOCH + timedelta(milliseconds=ms)


def period_start(ms: int, period_ms: int) -> int:
    return ms - ms % period_ms


@dataclass(slots=True)
class Bar(Generic[N]):
    """One mutable OHLCV period; `open_time` in ms since the epoch."""

    open_time: int
    open: N
    high: N
    low: N
    close: N
    volume: N
    quote_volume: N

    @classmethod
    def flat(cls, open_time: int, price: N, zero: N) -> Bar[N]:
        return cls(open_time, price, price, price, price, zero, zero)

    def add_trade(self, price: N, qty: N) -> None:
        if price > self.high:
            self.high = price
        elif price < self.low:
            self.low = price
        self.close = price
        self.volume += qty
        self.quote_volume += price * qty

    def merge(self, later: Bar[N]) -> None:
        """Absorb a bar that follows this one inside the same coarser period."""
        if later.high > self.high:
            self.high = later.high
        if later.low < self.low:
            self.low = later.low
        self.close = later.close
        self.volume += later.volume
        self.quote_volume += later.quote_volume

    def copy(self, open_time: int | None = None) -> Bar[N]:
        return Bar(
            self.open_time if open_time is None else open_time,
            self.open,
            self.high,
            self.low,
            self.close,
            self.volume,
            self.quote_volume,
        )


class CandleBuilder(Generic[N]):
    """Builds bars of one period length from a time-ordered stream of trades.

    `forming` is the bar of the current period; `advance` and `add_trade` return the bars that
    their call closed, oldest first (flat ones included for periods without trades).
    """

    def __init__(self, period_ms: int, zero: N, forming: Bar[N] | None = None) -> None:
        self.period_ms = period_ms
        self._zero: N = zero
        self.forming: Bar[N] | None = forming
        self._forming_end = forming.open_time + period_ms if forming is not None else 0

    def advance(self, now_ms: int) -> list[Bar[N]]:
        forming = self.forming
        if forming is None or now_ms < self._forming_end:
            return []
        closed: list[Bar[N]] = []
        while now_ms >= self._forming_end:
            closed.append(forming)
            forming = Bar.flat(self._forming_end, forming.close, self._zero)
            self._forming_end += self.period_ms
        self.forming = forming
        return closed

    def add_trade(self, price: N, qty: N, at_ms: int) -> list[Bar[N]]:
        forming = self.forming
        if forming is None:
            start = period_start(at_ms, self.period_ms)
            self.forming = Bar(start, price, price, price, price, qty, price * qty)
            self._forming_end = start + self.period_ms
            return []
        if at_ms < forming.open_time:
            raise ValueError("trades must arrive in time order")
        closed = self.advance(at_ms)
        assert self.forming is not None
        self.forming.add_trade(price, qty)
        return closed


def aggregate_bars(bars: Iterable[Bar[N]], period_ms: int) -> list[Bar[N]]:
    """Group time-ordered bars into aligned periods of `period_ms` (new bars, inputs untouched).

    Sources may mix lengths (e.g. 1h bars followed by 1m bars) as long as each lies inside one
    target period.
    """
    out: list[Bar[N]] = []
    current: Bar[N] | None = None
    for bar in bars:
        start = period_start(bar.open_time, period_ms)
        if current is not None and start == current.open_time:
            current.merge(bar)
            continue
        if current is not None and start < current.open_time:
            raise ValueError("bars must be in time order")
        current = bar.copy(open_time=start)
        out.append(current)
    return out


def candle_of(bar: Bar[Decimal], symbol: str, timeframe: str, closed: bool) -> Candle:
    """The domain Candle for a bar of `symbol` in `timeframe`."""
    return Candle(
        symbol=symbol,
        timeframe=timeframe,
        open_time=from_ms(bar.open_time),
        open=bar.open,
        high=bar.high,
        low=bar.low,
        close=bar.close,
        volume=bar.volume,
        closed=closed,
    )


def build_candles(
    trades: Iterable[Trade], timeframe: str = "1m", *, until: datetime | None = None
) -> list[Candle]:
    """Candles of one symbol's time-ordered trades.

    All candles but the last are closed; the last is closed only when `until` (the time "now")
    is at or after its end.
    """
    period = timeframe_ms(timeframe)
    builder: CandleBuilder[Decimal] = CandleBuilder(period, Decimal(0))
    bars: list[Bar[Decimal]] = []
    symbol: str | None = None
    for trade in trades:
        if symbol is None:
            symbol = trade.symbol
        elif trade.symbol != symbol:
            raise ValueError(f"trades of several symbols: {symbol}, {trade.symbol}")
        bars.extend(builder.add_trade(trade.price, trade.qty, to_ms(trade.timestamp)))
    if builder.forming is None or symbol is None:
        return []
    candles = [candle_of(bar, symbol, timeframe, True) for bar in bars]
    last = builder.forming
    last_closed = until is not None and to_ms(until) >= last.open_time + period
    candles.append(candle_of(last, symbol, timeframe, last_closed))
    return candles


def aggregate_candles(candles: Sequence[Candle], timeframe: str) -> list[Candle]:
    """Roll time-ordered candles of one symbol and timeframe up into a coarser timeframe.

    A result is closed when every candle in it is closed and they reach the end of its period.
    """
    if not candles:
        return []
    target = timeframe_ms(timeframe)
    source_tf = candles[0].timeframe
    source = timeframe_ms(source_tf)
    if target % source:
        raise ValueError(f"cannot aggregate {source_tf} candles into {timeframe}")
    symbol = candles[0].symbol
    out: list[Candle] = []
    group: list[Candle] = []

    def flush() -> None:
        bar = aggregate_bars((_bar(c) for c in group), target)[0]
        end = to_ms(group[-1].open_time) + source
        closed = all(c.closed for c in group) and end == bar.open_time + target
        out.append(candle_of(bar, symbol, timeframe, closed))

    previous_ms: int | None = None
    for candle in candles:
        if candle.symbol != symbol or candle.timeframe != source_tf:
            raise ValueError("candles must share one symbol and timeframe")
        open_ms = to_ms(candle.open_time)
        if previous_ms is not None and open_ms <= previous_ms:
            raise ValueError("candles must be in time order")
        previous_ms = open_ms
        if group and period_start(to_ms(candle.open_time), target) != period_start(
            to_ms(group[0].open_time), target
        ):
            flush()
            group = []
        group.append(candle)
    flush()
    return out


def _bar(candle: Candle) -> Bar[Decimal]:
    return Bar(
        to_ms(candle.open_time),
        candle.open,
        candle.high,
        candle.low,
        candle.close,
        candle.volume,
        candle.close * candle.volume,
    )
