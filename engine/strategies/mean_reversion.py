"""Mean reversion: buy a stretch below the rolling mean, sell back at the mean.

Long only, one position at a time, driven by closed candles. z is the close's rolling z-score
over `period` candles (Bollinger bands at mean +- `entry_z` standard deviations).

Entry (at market, sized to `quote_amount`):

* `reentry` (default): a close back inside the lower band (z >= -entry_z) right after one or
  more closes below it: the fall has stopped. Buying the first close below the band instead
  (`reentry` off) catches more falling knives.
* RSI filter (`rsi_max`): the lowest RSI seen while below the band (or, without `reentry`,
  the current RSI) must be at or below `rsi_max`.

Exit, checked on each close in this order: stop (`stop_pct` below the entry price), the mean
(z >= `exit_z`, 0 = the rolling mean), time (`max_bars` candles held).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from engine.market.models import Candle, Market
from engine.strategies.base import Intent, Strategy, StrategyContext, require
from engine.strategies.indicators import RollingZScore, Rsi
from engine.strategies.position import LongPosition, Phase
from engine.trading.models import Fill

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class MeanReversionParams:
    quote_amount: Decimal  # quote currency spent per entry
    period: int = 20
    entry_z: Decimal = Decimal(2)
    exit_z: Decimal = Decimal(0)
    reentry: bool = True
    rsi_period: int = 14
    rsi_max: Decimal | None = Decimal(30)
    stop_pct: Decimal | None = None
    max_bars: int | None = 48

    def validate(self, market: Market | None = None) -> None:
        require(self.quote_amount > 0, "quote_amount", f"must be positive, got {self.quote_amount}")
        require(self.period >= 2, "period", f"must be 2 or more, got {self.period}")
        require(self.entry_z > 0, "entry_z", f"must be positive, got {self.entry_z}")
        require(
            self.exit_z > -self.entry_z,
            "exit_z",
            f"must be above -entry_z ({-self.entry_z}), got {self.exit_z}",
        )
        require(self.rsi_period >= 1, "rsi_period", f"must be 1 or more, got {self.rsi_period}")
        if self.rsi_max is not None:
            require(
                0 < self.rsi_max < HUNDRED,
                "rsi_max",
                f"must be between 0 and 100, got {self.rsi_max}",
            )
        if self.stop_pct is not None:
            require(
                0 < self.stop_pct < HUNDRED,
                "stop_pct",
                f"must be between 0 and 100, got {self.stop_pct}",
            )
        if self.max_bars is not None:
            require(self.max_bars >= 1, "max_bars", f"must be 1 or more, got {self.max_bars}")
        if market is not None:
            require(
                self.quote_amount >= market.min_notional,
                "quote_amount",
                f"is below the market minimum notional {market.min_notional}",
            )


class MeanReversionStrategy(Strategy):
    def __init__(self, params: MeanReversionParams, market: Market) -> None:
        params.validate(market)
        self.params = params
        self.market = market
        self.position = LongPosition("mr")
        self.zscore = RollingZScore(params.period)
        self.rsi = Rsi(params.rsi_period)
        self.below_band = False  # the previous close was below the lower band
        self.lowest_rsi: float | None = None  # lowest RSI while below the band

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        pos = self.position
        pos.on_closed_candle(ctx.now)
        z = self.zscore.update(float(candle.close))
        rsi = self.rsi.update(float(candle.close))
        if z is None:
            return []
        signal = self._entry_signal(z, rsi)
        if pos.phase is Phase.LONG:
            return self._exit(candle.close, z, ctx)
        if pos.phase is Phase.FLAT and signal:
            return pos.enter(ctx, candle.close, self.params.quote_amount)
        return []

    def _entry_signal(self, z: float, rsi: float | None) -> bool:
        """Track the excursion below the band; whether this close is an entry."""
        was_below = self.below_band
        self.below_band = z < -float(self.params.entry_z)
        if self.below_band and rsi is not None:
            self.lowest_rsi = rsi if self.lowest_rsi is None else min(self.lowest_rsi, rsi)
        if self.params.reentry:
            signal = was_below and not self.below_band and self._rsi_ok(self.lowest_rsi)
        else:
            signal = self.below_band and self._rsi_ok(rsi)
        if not self.below_band:
            self.lowest_rsi = None  # the excursion is over
        return signal

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        self.position.on_fill(fill)
        return []

    def _exit(self, close: Decimal, z: float, ctx: StrategyContext) -> list[Intent]:
        p, pos = self.params, self.position
        entry = pos.entry_price
        if (
            p.stop_pct is not None
            and entry is not None
            and close <= entry * (1 - p.stop_pct / HUNDRED)
        ):
            return pos.exit(ctx, "stop")
        if z >= float(p.exit_z):
            return pos.exit(ctx, "mean")
        if p.max_bars is not None and pos.bars_held >= p.max_bars:
            return pos.exit(ctx, "time")
        return []

    def _rsi_ok(self, rsi: float | None) -> bool:
        if self.params.rsi_max is None:
            return True
        return rsi is not None and rsi <= float(self.params.rsi_max)
