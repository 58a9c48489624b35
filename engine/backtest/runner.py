"""Event-driven backtest: any `Strategy` over closed candles, with a simple fill model.

For each bar, in order:

1. Orders placed before the bar execute against it. Market orders fill first, completely, at
   the bar's open moved against us by `slippage_pct`, rounded to the tick, paying the taker
   fee. Then resting limit orders, nearest to the open first: a buy fills when the bar's low
   goes strictly below its price, a sell when the high goes strictly above it ("trades
   through"), completely, at the limit price, paying the maker fee. Each fill is delivered to
   the strategy at once; what it asks for then is placed now but can fill from the next bar.
2. The closed candle is delivered; the intents it yields are placed and can fill from the
   next bar. A strategy therefore never trades on the bar it has just seen (no look-ahead).
3. Equity is marked at the close.

Limits (by design, documented in docs/strategies.md): no partial fills, no queue position or
depth, no latency beyond one bar, intra-bar order of fills is a guess (nearest-to-open first).
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
    slippage_pct: Decimal = Decimal(0)  # market orders, against us, in % of the open
    maker_fee: Decimal | None = None  # fraction; None: the market's own
    taker_fee: Decimal | None = None


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
        _execute(account, candle, i, fm.slippage_pct, deliver)
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
    account: BacktestAccount, candle: Candle, bar: int, slippage_pct: Decimal, deliver: Deliver
) -> None:
    tick = account.market.price_tick
    ts = candle.open_time
    # Snapshot: only orders placed before this bar may fill in it.
    eligible = [o for o in account.orders.values() if o.placed_bar < bar]
    market_orders = [o for o in eligible if o.type is OrderType.MARKET]
    limits = sorted(
        (o for o in eligible if o.type is OrderType.LIMIT and o.price is not None),
        key=lambda o: (abs((o.price or candle.open) - candle.open), o.tag),
    )
    slip = slippage_pct / 100
    for order in market_orders:
        if order.side is Side.BUY:
            price = round_to(candle.open * (1 + slip), tick, ROUND_CEILING)
        else:
            price = round_to(candle.open * (1 - slip), tick, ROUND_FLOOR)
        fill = account.fill(order, price, Liquidity.TAKER, bar, ts)
        if fill is not None:
            deliver(fill, bar, ts, candle.open)
    for order in limits:
        current = account.orders.get(order.tag)
        if current is not order or order.price is None:
            continue  # cancelled or amended during this bar
        crossed = candle.low < order.price if order.side is Side.BUY else candle.high > order.price
        if crossed:
            fill = account.fill(order, order.price, Liquidity.MAKER, bar, ts)
            if fill is not None:
                deliver(fill, bar, ts, order.price)
