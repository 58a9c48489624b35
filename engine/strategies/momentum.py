"""Momentum: follow a trend from an EMA cross or a channel breakout, with an ATR stop.

Long only, one position at a time, driven by closed candles. Entry (at market, sized to
`quote_amount` of quote currency):

* `ema_cross`: the fast EMA of closes crosses above the slow EMA on this candle.
* `breakout`: the close is above the highest high of the `breakout_period` candles before it.

An entry waits until the ATR is ready (`atr_period` candles). With `ml_confirm_threshold`, an
entry also needs the latest signal for the symbol to say
`probability_up >= ml_confirm_threshold` (no signal yet: no entry).

Exit (at market, on the candle's close; the order fills at the next bar's open):

* stop: the close is at or below entry - `atr_stop_mult` * ATR (ATR as of the entry fill);
  with `trailing`, the stop follows the highest close since entry at the same distance
  (using the current ATR) and never moves down;
* trend end: `ema_cross`, the fast EMA crosses below the slow one; `breakout`, the close is
  below the lowest low of the `breakout_period` candles before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from engine.market.models import Candle, Market
from engine.signals.types import Signal
from engine.strategies.base import Intent, Strategy, StrategyContext, require
from engine.strategies.indicators import Atr, Donchian, Ema
from engine.strategies.position import LongPosition, Phase
from engine.trading.models import Fill


class MomentumEntry(StrEnum):
    EMA_CROSS = "ema_cross"
    BREAKOUT = "breakout"


@dataclass(frozen=True, slots=True)
class MomentumParams:
    quote_amount: Decimal  # quote currency spent per entry
    entry: MomentumEntry = MomentumEntry.EMA_CROSS
    fast_period: int = 12
    slow_period: int = 26
    breakout_period: int = 20
    atr_period: int = 14
    atr_stop_mult: Decimal = Decimal(2)
    trailing: bool = False
    ml_confirm_threshold: float | None = None

    def validate(self, market: Market | None = None) -> None:
        require(self.quote_amount > 0, "quote_amount", f"must be positive, got {self.quote_amount}")
        require(self.fast_period >= 1, "fast_period", f"must be 1 or more, got {self.fast_period}")
        require(
            self.slow_period > self.fast_period,
            "slow_period",
            f"must be above fast_period {self.fast_period}, got {self.slow_period}",
        )
        require(
            self.breakout_period >= 2,
            "breakout_period",
            f"must be 2 or more, got {self.breakout_period}",
        )
        require(self.atr_period >= 1, "atr_period", f"must be 1 or more, got {self.atr_period}")
        require(
            self.atr_stop_mult > 0, "atr_stop_mult", f"must be positive, got {self.atr_stop_mult}"
        )
        if self.ml_confirm_threshold is not None:
            require(
                0 <= self.ml_confirm_threshold <= 1,
                "ml_confirm_threshold",
                f"must be a probability between 0 and 1, got {self.ml_confirm_threshold}",
            )
        if market is not None:
            require(
                self.quote_amount >= market.min_notional,
                "quote_amount",
                f"is below the market minimum notional {market.min_notional}",
            )


class MomentumStrategy(Strategy):
    def __init__(self, params: MomentumParams, market: Market) -> None:
        params.validate(market)
        self.params = params
        self.market = market
        self.position = LongPosition("mom")
        self.fast = Ema(params.fast_period)
        self.slow = Ema(params.slow_period)
        self.channel = Donchian(params.breakout_period)
        self.atr = Atr(params.atr_period)
        self.stop: Decimal | None = None
        self.peak: Decimal | None = None  # highest close since entry
        self.probability_up: float | None = None

    def on_signal(self, signal: Signal, ctx: StrategyContext) -> list[Intent]:
        if signal.symbol == self.market.symbol:
            self.probability_up = signal.probability_up
        return []

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        pos = self.position
        pos.on_closed_candle(ctx.now)
        trend_up, trend_down = self._update(candle)
        close = candle.close
        if pos.phase is Phase.LONG:
            self._trail(close)
            if self.stop is not None and close <= self.stop:
                return pos.exit(ctx, "stop")
            if trend_down:
                return pos.exit(ctx, "trend")
            return []
        if pos.phase is Phase.FLAT and trend_up and self.atr.ready and self._confirmed():
            return pos.enter(ctx, close, self.params.quote_amount)
        return []

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        done = self.position.on_fill(fill)
        if done is Phase.LONG and self.atr.value is not None:
            entry = self.position.entry_price or fill.price
            self.stop = entry - self.params.atr_stop_mult * Decimal(repr(self.atr.value))
            self.peak = entry
        elif done is Phase.FLAT:
            self.stop = self.peak = None
        return []

    def _update(self, candle: Candle) -> tuple[bool, bool]:
        """Feed the indicators; (entry signal, exit signal) on this candle."""
        high, low, close = float(candle.high), float(candle.low), float(candle.close)
        self.atr.update(high, low, close)
        if self.params.entry is MomentumEntry.BREAKOUT:
            upper, lower = self.channel.upper, self.channel.lower  # of the candles before
            self.channel.update(high, low)
            if upper is None or lower is None:
                return False, False
            return close > upper, close < lower
        before = self._spread()
        self.fast.update(close)
        self.slow.update(close)
        after = self._spread()
        if before is None or after is None:
            return False, False
        return before <= 0 < after, before >= 0 > after

    def _spread(self) -> float | None:
        if self.fast.value is None or self.slow.value is None:
            return None
        return self.fast.value - self.slow.value

    def _trail(self, close: Decimal) -> None:
        if not self.params.trailing or self.peak is None or self.atr.value is None:
            return
        self.peak = max(self.peak, close)
        trailed = self.peak - self.params.atr_stop_mult * Decimal(repr(self.atr.value))
        self.stop = trailed if self.stop is None else max(self.stop, trailed)

    def _confirmed(self) -> bool:
        threshold = self.params.ml_confirm_threshold
        if threshold is None:
            return True
        return self.probability_up is not None and self.probability_up >= threshold
