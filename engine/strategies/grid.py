"""Grid: resting buys below the price and sells above it; each fill re-quotes one level away.

Levels are N prices in [low, high], evenly spaced (arithmetic) or with a constant ratio
(geometric), rounded to the tick. On the first price the grid buys at every level below it and
sells at every level above it (the level at the price stays empty); when the account lacks the
base for the sells, one market buy (tag `grid-seed`) gets it first. A filled buy at level i
places a sell at level i+1 and a filled sell at level i a buy at level i-1, so each
buy-low/sell-high pair earns one grid step. A price at or beyond the stop-loss or take-profit
stops the grid: every order is cancelled and the position is sold at market.

Trailing (`trailing_up` / `trailing_down`): when the price leaves the grid, the grid follows it
one step at a time instead of going idle. Up: a price above the top level shifts every level
one step up (arithmetic: + the step, geometric: x the ratio); the order at the old lowest level
(a buy) is cancelled and the old top level, now below the price, gets a buy — the grid keeps
buying the dips of a rising market with the same quote. Down: a price below the lowest level
shifts every level one step down; the sell at the old top level is cancelled and its base
placed as a sell at the old lowest level (now just above the price), and the new lowest level
gets a buy when it is below the price — the grid keeps trading a falling market, holding the
same base (selling it lower than it was bought: trailing down realises losses a fixed grid
would only carry). A shift never takes a level to or beyond `trail_up_limit` /
`trail_down_limit`, the take-profit or the stop-loss; at a limit the grid waits as a fixed one.

ML hook (`regime_spacing`): the volatility-regime signal scales the distance of every level
from the range's centre by `REGIME_FACTORS` (low 0.75, normal 1, high 1.25): wider spacing
when the market is wild, tighter when it is calm. The spacing in effect changes only when the
grid (re-)centres: at start, and on the first price after the regime changes, when the grid
cancels its ladder and places it again with the new levels around that price. Between
re-centres the levels never move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from itertools import pairwise

from engine.market.models import Market, Side
from engine.signals.types import Regime, Signal
from engine.strategies.base import (
    CancelIntent,
    Intent,
    PlaceIntent,
    PriceDrivenStrategy,
    StrategyContext,
    require,
    round_to,
)
from engine.trading.models import Fill, OrderType

SEED_TAG = "grid-seed"
EXIT_TAG = "grid-exit"
REGIME_FACTORS: dict[Regime, Decimal] = {
    Regime.LOW: Decimal("0.75"),
    Regime.NORMAL: Decimal(1),
    Regime.HIGH: Decimal("1.25"),
}


class GridSpacing(StrEnum):
    ARITHMETIC = "arithmetic"  # constant price difference between levels
    GEOMETRIC = "geometric"  # constant price ratio between levels


@dataclass(frozen=True, slots=True)
class GridParams:
    low: Decimal
    high: Decimal
    levels: int  # number of price levels, both ends included
    qty_per_level: Decimal  # base quantity of each order
    spacing: GridSpacing = GridSpacing.ARITHMETIC
    stop_loss: Decimal | None = None  # price at or below which the grid stops and flattens
    take_profit: Decimal | None = None  # price at or above which the grid stops and flattens
    regime_spacing: bool = False  # scale spacing with the volatility-regime signal
    trailing_up: bool = False  # shift the grid up one step when the price rises above it
    trailing_down: bool = False  # shift the grid down one step when the price falls below it
    trail_up_limit: Decimal | None = None  # no level ever at or above this price
    trail_down_limit: Decimal | None = None  # no level ever at or below this price

    def validate(self, market: Market | None = None) -> None:
        """Raise ValueError naming the first bad field; with `market`, check its rules too."""
        require(self.levels >= 2, "levels", f"need at least 2, got {self.levels}")
        require(self.low > 0, "low", f"must be positive, got {self.low}")
        require(self.high > self.low, "high", f"must be above low {self.low}, got {self.high}")
        require(
            self.qty_per_level > 0, "qty_per_level", f"must be positive, got {self.qty_per_level}"
        )
        if self.stop_loss is not None:
            require(
                0 < self.stop_loss < self.low,
                "stop_loss",
                f"must be positive and below low {self.low}, got {self.stop_loss}",
            )
        if self.take_profit is not None:
            require(
                self.take_profit > self.high,
                "take_profit",
                f"must be above high {self.high}, got {self.take_profit}",
            )
        if self.regime_spacing:
            self._validate_regime_range()
        if self.trail_up_limit is not None:
            require(
                self.trailing_up,
                "trail_up_limit",
                "only applies with trailing_up",
            )
            require(
                self.trail_up_limit > self.high,
                "trail_up_limit",
                f"must be above high {self.high}, got {self.trail_up_limit}",
            )
        if self.trail_down_limit is not None:
            require(self.trailing_down, "trail_down_limit", "only applies with trailing_down")
            require(
                0 <= self.trail_down_limit < self.low,
                "trail_down_limit",
                f"must be 0 or more and below low {self.low}, got {self.trail_down_limit}",
            )
        if market is None:
            return
        require(
            self.qty_per_level >= market.min_qty and self.qty_per_level % market.qty_step == 0,
            "qty_per_level",
            f"must be a multiple of the lot step {market.qty_step} and at least the minimum "
            f"{market.min_qty}, got {self.qty_per_level}",
        )
        narrowest = min(REGIME_FACTORS.values()) if self.regime_spacing else Decimal(1)
        raw = raw_levels(self, narrowest)
        gap = min(b - a for a, b in pairwise(raw))
        require(
            gap >= market.price_tick,
            "levels",
            f"{self.levels} levels in [{self.low}, {self.high}] are {gap:.8g} apart, closer "
            f"than one price tick {market.price_tick}; use fewer levels or a wider range",
        )
        lowest = (
            raw[0]
            if not self.regime_spacing
            else scaled_range(self, max(REGIME_FACTORS.values()))[0]
        )
        require(
            lowest * self.qty_per_level >= market.min_notional,
            "qty_per_level",
            f"an order at the lowest level {lowest:.8g} is worth less than the minimum "
            f"notional {market.min_notional}",
        )

    def _validate_regime_range(self) -> None:
        widest = max(REGIME_FACTORS.values())
        low, high = scaled_range(self, widest)
        floor = self.stop_loss or Decimal(0)
        require(
            low > floor,
            "regime_spacing",
            f"widened by {widest} the grid would reach down to {low:.8g}, at or below "
            f"{'stop_loss' if self.stop_loss else 'zero'}; narrow the range",
        )
        if self.take_profit is not None:
            require(
                high < self.take_profit,
                "regime_spacing",
                f"widened by {widest} the grid would reach up to {high:.8g}, at or above "
                "take_profit; narrow the range or raise take_profit",
            )


def scaled_range(params: GridParams, factor: Decimal) -> tuple[Decimal, Decimal]:
    """[low, high] with each end's distance from the centre multiplied by `factor`."""
    centre = (params.low + params.high) / 2
    return centre - (centre - params.low) * factor, centre + (params.high - centre) * factor


def raw_levels(params: GridParams, factor: Decimal = Decimal(1), shift: int = 0) -> list[Decimal]:
    """Level prices before rounding; `shift` moves them all that many steps (trailing)."""
    low, high = scaled_range(params, factor) if factor != 1 else (params.low, params.high)
    n = params.levels - 1
    if params.spacing is GridSpacing.ARITHMETIC:
        step = (high - low) / n
        if shift == 0:
            return [low + step * i for i in range(n)] + [high]
        return [low + step * (i + shift) for i in range(n + 1)]
    ratio = high / low
    if shift == 0:
        return [low * ratio ** (Decimal(i) / n) for i in range(n)] + [high]
    return [low * ratio ** (Decimal(i + shift) / n) for i in range(n + 1)]


def grid_levels(
    params: GridParams, market: Market, factor: Decimal = Decimal(1), shift: int = 0
) -> list[Decimal]:
    """The level prices, lowest first, rounded to the market's tick."""
    return [round_to(p, market.price_tick) for p in raw_levels(params, factor, shift)]


@dataclass
class _GridState:
    started: bool = False
    stopped: bool = False
    seq: int = 0
    orders: dict[str, tuple[int, Side]] = field(default_factory=dict)  # tag -> (level, side)
    pending_sells: list[int] = field(default_factory=list)  # placed once the seed buy fills
    factor: Decimal = Decimal(1)  # regime spacing factor of the current levels
    next_factor: Decimal | None = None  # a regime change waiting for the next re-centre
    recentres: int = 0
    shift: int = 0  # trailing: steps the levels moved (up positive, down negative)


class GridStrategy(PriceDrivenStrategy):
    def __init__(self, params: GridParams, market: Market) -> None:
        params.validate(market)
        self.params = params
        self.market = market
        self.levels = grid_levels(params, market)
        self.state = _GridState()

    @property
    def stopped(self) -> bool:
        return self.state.stopped

    def on_price(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        if st.stopped:
            return []
        if not st.started:
            return self._start(price, ctx, ctx.free_base)
        p = self.params
        if (p.stop_loss is not None and price <= p.stop_loss) or (
            p.take_profit is not None and price >= p.take_profit
        ):
            return self._stop(ctx)
        if st.next_factor is not None:
            return self._recentre(price, ctx)
        if p.trailing_up and price > self.levels[-1]:
            return self._trail_up(price)
        if p.trailing_down and price < self.levels[0]:
            return self._trail_down(price)
        return []

    # -- trailing ------------------------------------------------------------------------
    def _shifted(self, by: int) -> list[Decimal] | None:
        """The levels moved `by` more steps, or None when that crosses a limit."""
        p, st = self.params, self.state
        levels = grid_levels(p, self.market, st.factor, st.shift + by)
        top_limit = min(
            (x for x in (p.trail_up_limit, p.take_profit) if x is not None), default=None
        )
        bottom_limit = max(
            (x for x in (p.trail_down_limit, p.stop_loss) if x is not None), default=None
        )
        if by > 0 and top_limit is not None and levels[-1] >= top_limit:
            return None
        if by < 0 and (levels[0] <= 0 or (bottom_limit is not None and levels[0] <= bottom_limit)):
            return None
        return levels

    def _at_level(self, level: int) -> list[str]:
        return sorted(tag for tag, (i, _) in self.state.orders.items() if i == level)

    def _trail_up(self, price: Decimal) -> list[Intent]:
        st, intents = self.state, list[Intent]()
        for _ in range(len(self.levels)):  # a gap of several steps: several shifts
            if price <= self.levels[-1]:
                break
            levels = self._shifted(1)
            if levels is None:
                break
            for tag in self._at_level(0):
                del st.orders[tag]
                intents.append(CancelIntent(tag))
            st.orders = {tag: (i - 1, side) for tag, (i, side) in st.orders.items()}
            st.shift += 1
            self.levels = levels
            old_top = len(levels) - 2
            if not self._at_level(old_top) and levels[old_top] < price:
                intents.append(self._place(old_top, Side.BUY))
        return intents

    def _trail_down(self, price: Decimal) -> list[Intent]:
        st, intents = self.state, list[Intent]()
        top = len(self.levels) - 1
        for _ in range(len(self.levels)):
            if price >= self.levels[0]:
                break
            levels = self._shifted(-1)
            if levels is None:
                break
            moved_sell = False
            for tag in self._at_level(top):
                moved_sell = moved_sell or st.orders[tag][1] is Side.SELL
                del st.orders[tag]
                intents.append(CancelIntent(tag))
            st.orders = {tag: (i + 1, side) for tag, (i, side) in st.orders.items()}
            st.shift -= 1
            self.levels = levels
            if moved_sell and not self._at_level(1):
                intents.append(self._place(1, Side.SELL))
            if levels[0] < price and not self._at_level(0):
                intents.append(self._place(0, Side.BUY))
        return intents

    def on_signal(self, signal: Signal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        if not self.params.regime_spacing or signal.symbol != self.market.symbol or st.stopped:
            return []
        factor = REGIME_FACTORS[signal.regime]
        if not st.started:
            st.factor = factor
            self.levels = grid_levels(self.params, self.market, factor)
        else:
            st.next_factor = None if factor == st.factor else factor
        return []

    def _recentre(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        st.factor, st.next_factor = st.next_factor or st.factor, None
        st.recentres += 1
        self.levels = grid_levels(self.params, self.market, st.factor, st.shift)
        cancels: list[Intent] = [CancelIntent(tag) for tag in sorted(ctx.open_orders)]
        st.orders.clear()
        st.pending_sells = []
        # Cancelling frees the base our sells reserved: the whole position is available.
        return cancels + self._start(price, ctx, ctx.position)

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        tag = fill.client_order_id
        if st.stopped or tag in ctx.open_orders:  # stopped, or only partly filled yet
            return []
        if tag.startswith(SEED_TAG):
            sells = [self._place(i, Side.SELL) for i in st.pending_sells]
            st.pending_sells = []
            return list(sells)
        if tag not in st.orders:
            return []
        level, side = st.orders.pop(tag)
        if side is Side.BUY and level + 1 < len(self.levels):
            return [self._place(level + 1, Side.SELL)]
        if side is Side.SELL and level > 0:
            return [self._place(level - 1, Side.BUY)]
        return []

    def _start(self, price: Decimal, ctx: StrategyContext, base: Decimal) -> list[Intent]:
        st = self.state
        st.started = True
        buys = [i for i, level in enumerate(self.levels) if level < price]
        sells = [i for i, level in enumerate(self.levels) if level > price]
        intents: list[Intent] = [self._place(i, Side.BUY) for i in buys]
        missing = self.params.qty_per_level * len(sells) - base
        if missing > 0:
            qty = round_to(missing, self.market.qty_step, ROUND_CEILING)
            # Tags stay unique per order (runners derive idempotent client order ids from them).
            seed = f"{SEED_TAG}-{st.recentres}" if st.recentres else SEED_TAG
            intents.append(PlaceIntent(seed, Side.BUY, OrderType.MARKET, qty))
            st.pending_sells = sells
        else:
            intents.extend(self._place(i, Side.SELL) for i in sells)
        return intents

    def _stop(self, ctx: StrategyContext) -> list[Intent]:
        self.state.stopped = True
        intents: list[Intent] = [CancelIntent(tag) for tag in sorted(ctx.open_orders)]
        qty = ctx.round_qty(ctx.position)
        if qty >= self.market.min_qty:
            intents.append(PlaceIntent(EXIT_TAG, Side.SELL, OrderType.MARKET, qty))
        return intents

    def _place(self, level: int, side: Side) -> PlaceIntent:
        st = self.state
        st.seq += 1
        tag = f"grid-{side.value}-{level}-{st.seq}"
        st.orders[tag] = (level, side)
        price = self.levels[level]
        return PlaceIntent(tag, side, OrderType.LIMIT, self.params.qty_per_level, price)
