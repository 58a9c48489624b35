"""Event-driven backtest: any `Strategy` over closed candles, with a configurable fill model.

For each bar, in order:

1. Orders that are active at this bar execute against it. An order placed while bar `p` was
   handled is active from bar `p + 1 + latency_bars` on (default latency 0: the next bar).
   Market orders fill first, completely, at the bar's open moved against us by
   `slippage_pct` + half of `spread_bps` + the size-vs-depth impact
   `impact_factor * min(1, qty / bar volume)`, rounded to the tick (away from us), paying the
   taker fee. Then resting limit orders, nearest to the open first: a buy fills when the
   bar's low goes strictly below its price, a sell when the high goes strictly above it
   ("trades through"), at the limit price, paying the maker fee -- completely, or, with
   `partial_fill_share`, at most that share of the bar's volume (rounded down to the lot
   step); the rest stays open with its reservation and may fill on later bars. Each fill is
   delivered to the strategy at once; what it asks for then is placed now and becomes active
   from the next bar (+ latency).
2. The closed candle is delivered; the intents it yields are placed and become active from
   the next bar (+ latency). A strategy therefore never trades on the bar it has just seen
   (no look-ahead).
3. Equity is marked at the close.

The default `FillModel()` is the simple model (complete fills, no spread, no impact, one bar
of latency) that bench/backtest.py matches trade for trade with backtesting.py.

Limits (by design, documented in docs/strategies.md and docs/backtests.md): no queue position,
no order book (depth is modelled from the bar's volume), cancels take effect at once (latency
applies to placing and amending), intra-bar order of fills is a guess (nearest-to-open first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import numpy as np

from engine.backtest.account import BacktestAccount, Rejection, RoundTrip
from engine.backtest.stats import BacktestStats, compute_stats
from engine.market.models import TIMEFRAMES, Candle, Market, Side
from engine.strategies.base import Event, Strategy, round_to
from engine.trading.models import Fill, Liquidity, OrderType

# deliver(event, bar, now, reference price): hand an event to the strategy, apply its intents
Deliver = Callable[[Event, int, datetime, Decimal], None]


@dataclass(frozen=True, slots=True)
class FillModel:
    """How orders fill. Every default reproduces the simple model (see the module doc)."""

    slippage_pct: Decimal = Decimal(0)  # market orders, against us, in % of the open
    maker_fee: Decimal | None = None  # fraction; None: the market's own
    taker_fee: Decimal | None = None
    spread_bps: Decimal = Decimal(0)  # quoted bid-ask spread; market orders pay half of it
    impact_factor: Decimal = Decimal(0)  # k: market orders pay k * min(1, qty / bar volume)
    latency_bars: int = 0  # extra bars before a placed or amended order becomes active
    partial_fill_share: Decimal | None = None  # limit: max share of a bar's volume; None: all

    def __post_init__(self) -> None:
        if self.slippage_pct < 0:
            raise ValueError("slippage_pct: must not be negative")
        if self.spread_bps < 0:
            raise ValueError("spread_bps: must not be negative")
        if self.impact_factor < 0:
            raise ValueError("impact_factor: must not be negative")
        if self.latency_bars < 0:
            raise ValueError("latency_bars: must not be negative")
        share = self.partial_fill_share
        if share is not None and not 0 < share <= 1:
            raise ValueError("partial_fill_share: must be above 0 and at most 1")

    def market_price(self, side: Side, candle: Candle, qty: Decimal, tick: Decimal) -> Decimal:
        """Where a market order of `qty` fills in `candle`: the open moved against us by
        slippage + half the spread + impact, rounded to the tick away from us."""
        cost = self.slippage_pct / 100 + self.spread_bps / 20_000
        if self.impact_factor:
            volume = candle.volume
            participation = min(Decimal(1), qty / volume) if volume > 0 else Decimal(1)
            cost += self.impact_factor * participation
        if side is Side.BUY:
            return round_to(candle.open * (1 + cost), tick, ROUND_CEILING)
        return round_to(candle.open * (1 - cost), tick, ROUND_FLOOR)

    def limit_qty(self, remaining: Decimal, candle: Candle, step: Decimal) -> Decimal:
        """How much of a limit order with `remaining` qty that trades through fills now."""
        if self.partial_fill_share is None:
            return remaining
        cap = round_to(candle.volume * self.partial_fill_share, step, ROUND_FLOOR)
        return min(remaining, max(cap, Decimal(0)))


@dataclass(frozen=True)
class BacktestResult:
    fills: list[Fill]
    round_trips: list[RoundTrip]
    rejections: list[Rejection]
    times: list[datetime]  # bar close times
    equity: np.ndarray  # quote value at each bar close (float64)
    stats: BacktestStats
    final_quote: Decimal
    final_base: Decimal


def run_backtest(
    strategy: Strategy,
    market: Market,
    candles: Sequence[Candle],
    *,
    initial_quote: Decimal,
    initial_base: Decimal = Decimal(0),
    fill_model: FillModel | None = None,
    on_bar: Callable[[int, int], None] | None = None,
) -> BacktestResult:
    """Run `strategy` over the closed candles of `candles` (a forming last one is skipped).

    `on_bar(done, total)` is called after each bar (progress reports; it may raise to stop the
    run early, e.g. on cancellation); it cannot change the result."""
    bars = [c for c in candles if c.closed and c.symbol == market.symbol]
    if not bars:
        raise ValueError("candles: no closed candle for " + market.symbol)
    fm = fill_model or FillModel()
    account = BacktestAccount(
        market,
        quote=initial_quote,
        base=initial_base,
        maker_fee=market.maker_fee if fm.maker_fee is None else fm.maker_fee,
        taker_fee=market.taker_fee if fm.taker_fee is None else fm.taker_fee,
    )
    bar_length = timedelta(seconds=TIMEFRAMES[bars[0].timeframe])
    start_equity = float(account.equity(bars[0].open))
    times: list[datetime] = []
    equity: list[float] = []

    def deliver(event: Event, bar: int, now: datetime, ref: Decimal) -> None:
        for intent in strategy.on_event(event, account.context(now)):
            account.apply(intent, bar, ref)

    for i, candle in enumerate(bars):
        _execute(account, candle, i, fm, deliver)
        close_time = candle.open_time + bar_length
        deliver(candle, i, close_time, candle.close)
        times.append(close_time)
        equity.append(float(account.equity(candle.close)))
        if on_bar is not None:
            on_bar(i + 1, len(bars))

    curve = np.asarray(equity, dtype=np.float64)
    bars_per_year = 365 * 86400 / bar_length.total_seconds()
    stats = compute_stats(start_equity, curve, account, bars_per_year)
    return BacktestResult(
        fills=list(account.fills),
        round_trips=list(account.round_trips),
        rejections=list(account.rejections),
        times=times,
        equity=curve,
        stats=stats,
        final_quote=account.quote,
        final_base=account.base,
    )


def _execute(
    account: BacktestAccount, candle: Candle, bar: int, fm: FillModel, deliver: Deliver
) -> None:
    tick = account.market.price_tick
    step = account.market.qty_step
    ts = candle.open_time
    # Snapshot: only orders active before this bar started may fill in it.
    eligible = [o for o in account.orders.values() if o.placed_bar + fm.latency_bars < bar]
    market_orders = [o for o in eligible if o.type is OrderType.MARKET]
    limits = sorted(
        (o for o in eligible if o.type is OrderType.LIMIT and o.price is not None),
        key=lambda o: (abs((o.price or candle.open) - candle.open), o.tag),
    )
    for order in market_orders:
        price = fm.market_price(order.side, candle, order.qty, tick)
        fill = account.fill(order, price, Liquidity.TAKER, bar, ts)
        if fill is not None:
            deliver(fill, bar, ts, candle.open)
    for order in limits:
        current = account.orders.get(order.tag)
        if current is not order or order.price is None:
            continue  # cancelled or amended during this bar
        crossed = candle.low < order.price if order.side is Side.BUY else candle.high > order.price
        if not crossed:
            continue
        qty = fm.limit_qty(order.qty, candle, step)
        if qty <= 0:
            continue  # the bar's volume share rounds below one lot: nothing fills this bar
        fill = account.fill(order, order.price, Liquidity.MAKER, bar, ts, qty)
        if fill is not None:
            deliver(fill, bar, ts, order.price)
