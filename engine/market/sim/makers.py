"""The venue's own order flow: market makers that keep the book deep, noise takers that trade.

Makers quote on a fixed price grid (multiples of `gap` ticks), so when the fair price moves by
less than a grid step nothing is requoted, and a move of one step changes about one level per
side: L2 deltas stay small. Levels that were filled or mostly consumed are re-placed with a new
random size, and now and then a level is resized so the book looks alive.
"""

from __future__ import annotations

import math
import random

from engine.market.sim.matching import MatchingEngine, SubmitResult
from engine.market.sim.order_book import RestingOrder
from engine.market.sim.symbols import SymbolSpec

REPLENISH_BELOW = 0.3  # a level left with less than this share of its size is re-placed
RESIZE_PROBABILITY = 0.05  # per step, chance that one random level gets a new size


class MarketMaker:
    def __init__(
        self, engine: MatchingEngine, spec: SymbolSpec, rng: random.Random, levels: int = 20
    ) -> None:
        market = spec.market
        price = float(spec.start_price)
        self._engine = engine
        self._rng = rng
        self._levels = levels
        self._tick = float(market.price_tick)
        price_ticks = price / self._tick
        self.gap = max(1, round(price_ticks * spec.level_gap_bps / 1e4))
        self.half_spread = max(1, round(price_ticks * spec.half_spread_bps / 1e4))
        min_lots = int(market.min_qty / market.qty_step)
        self._level_lots = max(min_lots, spec.level_notional / price / float(market.qty_step))
        self._min_lots = min_lots
        self._bids: dict[int, RestingOrder] = {}
        self._asks: dict[int, RestingOrder] = {}
        self._tops: tuple[int, int] | None = None

    def requote(self, fair_price: float) -> list[SubmitResult]:
        """Bring the ladder in line with `fair_price`; results that traded are returned."""
        fair = fair_price / self._tick
        gap = self.gap
        top_bid = math.floor((fair - self.half_spread) / gap) * gap
        top_ask = math.ceil((fair + self.half_spread) / gap) * gap
        moved = self._tops != (top_bid, top_ask)
        self._tops = (top_bid, top_ask)
        if self._rng.random() < RESIZE_PROBABILITY:
            self._cancel_random_level()
        # all cancels first, so new quotes never meet this maker's stale ones
        dropped = self._drop_stale(self._bids, top_bid - (self._levels - 1) * gap, top_bid)
        dropped |= self._drop_stale(self._asks, top_ask, top_ask + (self._levels - 1) * gap)
        if not (moved or dropped):
            return []
        traded: list[SubmitResult] = []
        self._fill_ladder(self._bids, True, top_bid, -gap, traded)
        self._fill_ladder(self._asks, False, top_ask, gap, traded)
        return traded

    def _drop_stale(self, quotes: dict[int, RestingOrder], low: int, high: int) -> bool:
        stale = [
            price
            for price, order in quotes.items()
            if not low <= price <= high or order.remaining < order.original * REPLENISH_BELOW
        ]
        for price in stale:
            order = quotes.pop(price)
            if order.remaining:
                self._engine.cancel(order.order_no)
        return bool(stale)

    def _cancel_random_level(self) -> None:
        quotes = self._bids if self._rng.random() < 0.5 else self._asks
        if quotes:
            price = self._rng.choice(list(quotes))
            self._engine.cancel(quotes.pop(price).order_no)

    def _fill_ladder(
        self,
        quotes: dict[int, RestingOrder],
        is_buy: bool,
        top: int,
        step: int,
        traded: list[SubmitResult],
    ) -> None:
        for level in range(self._levels):
            price = top + level * step
            if price <= 0:
                break
            if price in quotes:
                continue
            size = self._level_lots * (1 + 0.12 * level) * self._rng.lognormvariate(0, 0.35)
            result = self._engine.submit_limit(is_buy, price, max(self._min_lots, round(size)))
            if result.executions:
                traded.append(result)
            if result.resting is not None:
                quotes[price] = result.resting


class NoiseTaker:
    """Random market orders: Poisson arrivals, either side, log-normal sizes."""

    def __init__(
        self, engine: MatchingEngine, spec: SymbolSpec, rng: random.Random, dt_seconds: float
    ) -> None:
        market = spec.market
        price = float(spec.start_price)
        step = float(market.qty_step)
        self._engine = engine
        self._rng = rng
        self._no_trade_probability = math.exp(-spec.trades_per_minute / 60 * dt_seconds)
        self._median_lots = spec.trade_notional / price / step
        self._min_lots = max(
            int(market.min_qty / market.qty_step),
            math.ceil(float(market.min_notional) / price / step),
        )

    def act(self) -> list[SubmitResult]:
        results: list[SubmitResult] = []
        rng = self._rng
        # Poisson draw by multiplying uniforms (Knuth); the rate per step is small
        threshold = self._no_trade_probability
        product = rng.random()
        while product > threshold:
            lots = max(self._min_lots, round(self._median_lots * rng.lognormvariate(0, 0.9)))
            result = self._engine.submit_market(rng.random() < 0.5, lots)
            if result.executions:
                results.append(result)
            product *= rng.random()
        return results
