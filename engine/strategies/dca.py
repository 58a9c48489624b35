"""Smart DCA: a base buy, a ladder of safety buys below it, one take-profit on the average.

A cycle starts with a market buy of `base_qty`. Once it fills at price E, safety limit buys
rest below E: safety order k (1-based) sits at a cumulative deviation

    d_k = deviation_pct * (1 + step_scale + ... + step_scale**(k-1))

i.e. at E * (1 - d_k / 100) rounded down to the tick, for `safety_qty * volume_scale**(k-1)`
rounded down to the lot step. A take-profit sell for the whole position rests at
avg_cost * (1 + take_profit_pct / 100), rounded up to the tick, and moves (amend) each time a
safety order fills. When it fills the leftover safety orders are cancelled and, with
`restart`, the next price starts a new cycle.

With `trailing_pct`, no take-profit order rests: once the price reaches the take-profit price
the strategy follows the peak and sells at market when the price falls `trailing_pct` below it.

ML timing (`ml_timing_threshold`): no safety order rests. Safety order k is bought at market
on the first price at or below its level while the latest signal for the symbol says
`probability_up >= ml_timing_threshold`; without such a signal it waits (deeper safety
levels may then be bought together, nearest first). The take-profit moves as usual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from engine.market.models import Market, Side
from engine.signals.types import Signal
from engine.strategies.base import (
    AmendIntent,
    CancelIntent,
    Intent,
    PlaceIntent,
    PriceDrivenStrategy,
    StrategyContext,
    require,
    round_to,
)
from engine.trading.models import Fill, OrderType

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class DcaParams:
    base_qty: Decimal  # base quantity of the opening market buy
    safety_qty: Decimal  # base quantity of the first safety order
    price_deviation_pct: Decimal  # distance of the first safety order below the entry, in %
    max_safety_orders: int
    take_profit_pct: Decimal  # above the average entry price, in %
    step_scale: Decimal = Decimal(1)  # each next safety step is this many times the previous
    volume_scale: Decimal = Decimal(1)  # each next safety order is this many times the previous
    trailing_pct: Decimal | None = None  # trail the take-profit by this % below the peak
    restart: bool = True  # start a new cycle after a take-profit
    ml_timing_threshold: float | None = None  # safety buys wait for probability_up >= this

    def validate(self, market: Market | None = None) -> None:
        """Raise ValueError naming the first bad field; with `market`, check its rules too."""
        require(self.base_qty > 0, "base_qty", f"must be positive, got {self.base_qty}")
        require(self.safety_qty > 0, "safety_qty", f"must be positive, got {self.safety_qty}")
        require(
            0 < self.price_deviation_pct < HUNDRED,
            "price_deviation_pct",
            f"must be between 0 and 100, got {self.price_deviation_pct}",
        )
        require(
            self.max_safety_orders >= 0,
            "max_safety_orders",
            f"must be 0 or more, got {self.max_safety_orders}",
        )
        require(
            self.take_profit_pct > 0,
            "take_profit_pct",
            f"must be positive, got {self.take_profit_pct}",
        )
        require(self.step_scale > 0, "step_scale", f"must be positive, got {self.step_scale}")
        require(self.volume_scale > 0, "volume_scale", f"must be positive, got {self.volume_scale}")
        if self.trailing_pct is not None:
            require(
                0 < self.trailing_pct < HUNDRED,
                "trailing_pct",
                f"must be between 0 and 100, got {self.trailing_pct}",
            )
        if self.ml_timing_threshold is not None:
            require(
                0 <= self.ml_timing_threshold <= 1,
                "ml_timing_threshold",
                f"must be a probability between 0 and 1, got {self.ml_timing_threshold}",
            )
        if self.max_safety_orders:
            last = deviations(self)[-1]
            require(
                last < HUNDRED,
                "max_safety_orders",
                f"the last safety order would sit {last}% below the entry; use fewer orders "
                "or smaller steps",
            )
        if market is not None:
            for name, qty in (("base_qty", self.base_qty), ("safety_qty", self.safety_qty)):
                require(
                    round_to(qty, market.qty_step, ROUND_FLOOR) >= market.min_qty,
                    name,
                    f"is below the market minimum {market.min_qty} after rounding to the lot "
                    f"step {market.qty_step}",
                )


def deviations(params: DcaParams) -> list[Decimal]:
    """Cumulative deviation below the entry (in %) of each safety order."""
    out: list[Decimal] = []
    step, total = params.price_deviation_pct, Decimal(0)
    for _ in range(params.max_safety_orders):
        total += step
        out.append(total)
        step *= params.step_scale
    return out


def safety_ladder(
    entry: Decimal, params: DcaParams, market: Market
) -> list[tuple[Decimal, Decimal]]:
    """(price, qty) of each safety order for an entry price, nearest first."""
    ladder = []
    qty = params.safety_qty
    for d in deviations(params):
        price = round_to(entry * (1 - d / HUNDRED), market.price_tick, ROUND_FLOOR)
        ladder.append((price, round_to(qty, market.qty_step, ROUND_FLOOR)))
        qty *= params.volume_scale
    return ladder


def take_profit_price(avg_cost: Decimal, params: DcaParams, market: Market) -> Decimal:
    return round_to(
        avg_cost * (1 + params.take_profit_pct / HUNDRED), market.price_tick, ROUND_CEILING
    )


class DcaPhase(StrEnum):
    IDLE = "idle"  # no position; the next price opens a cycle
    ENTERING = "entering"  # base order sent
    IN_POSITION = "in_position"  # safety orders (and the take-profit) rest
    EXITING = "exiting"  # trailing exit sent at market
    DONE = "done"  # took profit and `restart` is off


@dataclass
class _DcaState:
    phase: DcaPhase = DcaPhase.IDLE
    cycle: int = 0
    safety_tags: list[str] = field(default_factory=list)
    peak: Decimal | None = None  # trailing: highest price since the take-profit price was hit
    cycles_done: int = 0
    waiting: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)  # ML: tag, price, qty
    probability_up: float | None = None  # the latest signal's


class DcaStrategy(PriceDrivenStrategy):
    def __init__(self, params: DcaParams, market: Market) -> None:
        params.validate(market)
        self.params = params
        self.market = market
        self.state = _DcaState()

    def _tag(self, name: str) -> str:
        return f"dca-{self.state.cycle}-{name}"

    def on_signal(self, signal: Signal, ctx: StrategyContext) -> list[Intent]:
        if signal.symbol == self.market.symbol:
            self.state.probability_up = signal.probability_up
        return []

    def on_price(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        if st.phase is DcaPhase.IDLE:
            st.cycle += 1
            st.phase = DcaPhase.ENTERING
            qty = ctx.round_qty(self.params.base_qty)
            return [PlaceIntent(self._tag("base"), Side.BUY, OrderType.MARKET, qty)]
        if st.phase is not DcaPhase.IN_POSITION:
            return []
        return self._trail(price, ctx) or self._timed_safety_buys(price)

    def _timed_safety_buys(self, price: Decimal) -> list[Intent]:
        st = self.state
        threshold = self.params.ml_timing_threshold
        if not st.waiting or threshold is None:
            return []
        if st.probability_up is None or st.probability_up < threshold:
            return []
        due = [w for w in st.waiting if price <= w[1]]
        st.waiting = [w for w in st.waiting if price > w[1]]
        return [PlaceIntent(tag, Side.BUY, OrderType.MARKET, qty) for tag, _, qty in due]

    def _trail(self, price: Decimal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        trailing = self.params.trailing_pct
        if trailing is None or ctx.avg_cost is None:
            return []
        if st.peak is None:
            if price < take_profit_price(ctx.avg_cost, self.params, self.market):
                return []
            st.peak = price
        st.peak = max(st.peak, price)
        if price > st.peak * (1 - trailing / HUNDRED):
            return []
        st.phase = DcaPhase.EXITING
        exit_order = PlaceIntent(
            self._tag("exit"), Side.SELL, OrderType.MARKET, ctx.round_qty(ctx.position)
        )
        return [*self._cancel_safety(ctx), exit_order]

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        tag = fill.client_order_id
        if tag in ctx.open_orders or not tag.startswith(f"dca-{self.state.cycle}-"):
            return []  # partly filled, or not ours / an old cycle's
        if tag == self._tag("base"):
            return self._open_ladder(fill.price, ctx)
        if tag in self.state.safety_tags:
            return self._move_take_profit(ctx)
        if tag in (self._tag("tp"), self._tag("exit")):
            return self._end_cycle(ctx)
        return []

    def _open_ladder(self, entry: Decimal, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        st.phase = DcaPhase.IN_POSITION
        st.peak = None
        intents: list[Intent] = []
        st.safety_tags = []
        st.waiting = []
        timed = self.params.ml_timing_threshold is not None
        for k, (price, qty) in enumerate(safety_ladder(entry, self.params, self.market), 1):
            tag = self._tag(f"so{k}")
            st.safety_tags.append(tag)
            if timed:
                st.waiting.append((tag, price, qty))
            else:
                intents.append(PlaceIntent(tag, Side.BUY, OrderType.LIMIT, qty, price))
        if self.params.trailing_pct is None and ctx.avg_cost is not None:
            price = take_profit_price(ctx.avg_cost, self.params, self.market)
            qty = ctx.round_qty(ctx.position)
            intents.append(PlaceIntent(self._tag("tp"), Side.SELL, OrderType.LIMIT, qty, price))
        return intents

    def _move_take_profit(self, ctx: StrategyContext) -> list[Intent]:
        if self.params.trailing_pct is not None or ctx.avg_cost is None:
            return []
        price = take_profit_price(ctx.avg_cost, self.params, self.market)
        return [AmendIntent(self._tag("tp"), price=price, qty=ctx.round_qty(ctx.position))]

    def _end_cycle(self, ctx: StrategyContext) -> list[Intent]:
        st = self.state
        st.cycles_done += 1
        st.phase = DcaPhase.IDLE if self.params.restart else DcaPhase.DONE
        return self._cancel_safety(ctx)

    def _cancel_safety(self, ctx: StrategyContext) -> list[Intent]:
        self.state.waiting = []
        return [CancelIntent(t) for t in self.state.safety_tags if t in ctx.open_orders]
