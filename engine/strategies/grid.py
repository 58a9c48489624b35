"""Grid: resting buys below the price and sells above it; each fill re-quotes one level away.

Levels are N prices in [low, high], evenly spaced (arithmetic) or with a constant ratio
(geometric), rounded to the tick. On the first price the grid buys at every level below it and
sells at every level above it (the level at the price stays empty); when the account lacks the
base for the sells, one market buy (tag `grid-seed`) gets it first. A filled buy at level i
places a sell at level i+1 and a filled sell at level i a buy at level i-1, so each
buy-low/sell-high pair earns one grid step. A price at or beyond the stop-loss or take-profit
stops the grid: every order is cancelled and the position is sold at market.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from itertools import pairwise

from engine.market.models import Market, Side
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
        if market is None:
            return
        require(
            self.qty_per_level >= market.min_qty and self.qty_per_level % market.qty_step == 0,
            "qty_per_level",
            f"must be a multiple of the lot step {market.qty_step} and at least the minimum "
            f"{market.min_qty}, got {self.qty_per_level}",
        )
        raw = raw_levels(self)
        gap = min(b - a for a, b in pairwise(raw))
        require(
            gap >= market.price_tick,
            "levels",
            f"{self.levels} levels in [{self.low}, {self.high}] are {gap:.8g} apart, closer "
            f"than one price tick {market.price_tick}; use fewer levels or a wider range",
        )
        require(
            self.low * self.qty_per_level >= market.min_notional,
            "qty_per_level",
            f"an order at low {self.low} is worth less than the minimum notional "
            f"{market.min_notional}",
        )


def raw_levels(params: GridParams) -> list[Decimal]:
    n = params.levels - 1
    if params.spacing is GridSpacing.ARITHMETIC:
        step = (params.high - params.low) / n
        return [params.low + step * i for i in range(n)] + [params.high]
    ratio = params.high / params.low
    return [params.low * ratio ** (Decimal(i) / n) for i in range(n)] + [params.high]


def grid_levels(params: GridParams, market: Market) -> list[Decimal]:
    """The level prices, lowest first, rounded to the market's tick."""
    return [round_to(p, market.price_tick) for p in raw_levels(params)]


@dataclass
class _GridState:
    started: bool = False
    stopped: bool = False
    seq: int = 0
    orders: dict[str, tuple[int, Side]] = field(default_factory=dict)  # tag -> (level, side)
    pending_sells: list[int] = field(default_factory=list)  # placed once the seed buy fills


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
            return self._start(price, ctx)
        p = self.params
        if (p.stop_loss is not None and price <= p.stop_loss) or (
            p.take_profit is not None and price >= p.take_profit
        ):
            return self._stop(ctx)
        return []

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        tag = fill.client_order_id
        if st.stopped or tag in ctx.open_orders:  # stopped, or only partly filled yet
            return []
        if tag == SEED_TAG:
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

    def _start(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        st.started = True
        buys = [i for i, level in enumerate(self.levels) if level < price]
        sells = [i for i, level in enumerate(self.levels) if level > price]
        intents: list[Intent] = [self._place(i, Side.BUY) for i in buys]
        missing = self.params.qty_per_level * len(sells) - ctx.free_base
        if missing > 0:
            qty = round_to(missing, self.market.qty_step, ROUND_CEILING)
            intents.append(PlaceIntent(SEED_TAG, Side.BUY, OrderType.MARKET, qty))
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
