"""Vectorised backtester: same trades as the event-driven runner and as backtesting.py."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from backtesting import Backtest
from backtesting import Strategy as BtStrategy
from backtesting.lib import crossover as bt_crossover
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.backtest import run_backtest
from engine.backtest.vectorised import (
    Execution,
    crossover,
    run_vectorised,
    sma,
    sma_cross_rule,
    threshold_rule,
)
from engine.market.models import Candle, Side
from engine.market.sim.venue import SimVenue
from engine.signals.features import feature_matrix
from engine.signals.onnx_model import SignalModel
from engine.strategies.base import Intent, PlaceIntent, Strategy, StrategyContext
from engine.trading.models import OrderType

START = datetime(2026, 3, 2, 12, tzinfo=UTC)


class SmaCrossStrategy(Strategy):
    """The SMA-cross rule as an event-driven strategy: market buy/sell on closed candles.

    Keeps the same running sum as `vectorised.sma`, so both see bit-identical averages."""

    def __init__(self, fast: int, slow: int) -> None:
        self.fast, self.slow = fast, slow
        self.running = [0.0]

    def _sma(self, length: int, bar: int) -> float | None:
        if bar < length - 1:
            return None
        return (self.running[bar + 1] - self.running[bar + 1 - length]) / length

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        self.running.append(self.running[-1] + float(candle.close))
        bar = len(self.running) - 2
        values = [self._sma(n, b) for n in (self.fast, self.slow) for b in (bar - 1, bar)]
        if any(v is None for v in values):
            return []
        f_prev, f_now, s_prev, s_now = (float(v) for v in values if v is not None)
        if f_prev < s_prev and f_now > s_now and ctx.position == 0:
            qty = ctx.round_qty(ctx.free_quote / 2 / candle.close)
            return [PlaceIntent(f"buy-{bar}", Side.BUY, OrderType.MARKET, qty)]
        if s_prev < f_prev and s_now > f_now and ctx.position > 0:
            return [PlaceIntent(f"sell-{bar}", Side.SELL, OrderType.MARKET, ctx.position)]
        return []


def sim_candles(symbol: str) -> list[Candle]:
    venue = SimVenue(seed=11, start=START, history_days=2)
    return [c for c in venue.ohlcv(symbol, "1m", 1500) if c.closed]


@pytest.mark.parametrize(("symbol", "fast", "slow"), [("BTC/USDT", 10, 30), ("SOL/USDT", 5, 20)])
def test_same_trades_as_the_event_driven_runner_on_sim_data(
    symbol: str, fast: int, slow: int
) -> None:
    candles = sim_candles(symbol)
    venue_market = SimVenue(seed=11, start=START, history_days=0).markets[symbol]
    event_driven = run_backtest(
        SmaCrossStrategy(fast, slow), venue_market, candles, initial_quote=Decimal(1_000_000)
    )
    bar_of = {c.open_time: i for i, c in enumerate(candles)}
    fills = event_driven.fills
    assert not event_driven.rejections
    runner_trades = [
        (
            bar_of[buy.timestamp],
            bar_of[sell.timestamp] if sell else -1,
            float(buy.price),
            float(sell.price) if sell else float("nan"),
        )
        for buy, sell in zip(fills[::2], [*fills[1::2], None], strict=False)
    ]

    open_ = np.array([float(c.open) for c in candles])
    close = np.array([float(c.close) for c in candles])
    entries, exits = sma_cross_rule(close, fast, slow)
    result = run_vectorised(open_, close, entries, exits, fee=float(venue_market.taker_fee))

    assert len(runner_trades) >= 10
    np.testing.assert_equal(result.trades, runner_trades)
    # fees and compounding differ in sizing only: each closed trade's gross move is the same
    for (e, x, pe, px), r in zip(runner_trades, result.trade_returns, strict=False):
        assert r == pytest.approx(px * (1 - 0.001) / (pe * (1 + 0.001)) - 1)
        assert x > e


class BtSmaCross(BtStrategy):
    def init(self) -> None:
        self.fast = self.I(sma, self.data.Close, 10)
        self.slow = self.I(sma, self.data.Close, 30)

    def next(self) -> None:
        if bt_crossover(self.fast, self.slow):
            if not self.position:
                self.buy(size=1)
        elif bt_crossover(self.slow, self.fast) and self.position:
            self.position.close()


@pytest.mark.parametrize("execution", list(Execution))
def test_same_trades_as_backtesting_py_for_both_fill_timings(execution: Execution) -> None:
    candles = sim_candles("ETH/USDT")
    frame = pd.DataFrame(
        {
            "Open": [float(c.open) for c in candles],
            "High": [float(c.high) for c in candles],
            "Low": [float(c.low) for c in candles],
            "Close": [float(c.close) for c in candles],
        },
        index=pd.DatetimeIndex([c.open_time for c in candles]),
    )
    bt = Backtest(
        frame, BtSmaCross, cash=1e7, commission=0.001,
        trade_on_close=execution is Execution.SAME_CLOSE,
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trades = bt.run()["_trades"]
    expected = list(
        zip(trades["EntryBar"].tolist(), trades["ExitBar"].tolist(),
            trades["EntryPrice"].tolist(), trades["ExitPrice"].tolist(), strict=True)
    )  # fmt: skip

    close = frame["Close"].to_numpy()
    entries, exits = sma_cross_rule(close, 10, 30)
    result = run_vectorised(frame["Open"].to_numpy(), close, entries, exits, execution=execution)

    assert len(expected) >= 10
    assert [t for t in result.trades if t[1] >= 0] == expected


def test_fills_fees_equity_and_an_open_trade_at_the_end() -> None:
    open_ = np.array([10.0, 10, 11, 12, 12, 15, 14, 16])
    close = np.array([10.0, 11, 12, 12, 15, 14, 16, 17])
    entries = np.array([0, 1, 0, 0, 0, 1, 0, 0], dtype=bool)
    exits = np.array([0, 0, 0, 1, 0, 0, 0, 0], dtype=bool)

    r = run_vectorised(open_, close, entries, exits, fee=0.01, initial_cash=1000)

    assert r.trades[0] == (2, 4, 11.0, 12.0)
    assert r.trades[1][:3] == (6, -1, 14.0) and np.isnan(r.trades[1][3])
    units = 1000 / (11 * 1.01)
    cash = units * 12 * 0.99
    assert r.trade_returns.tolist() == pytest.approx([12 * 0.99 / (11 * 1.01) - 1])
    assert r.long.tolist() == [False, False, True, True, False, False, True, True]
    expected_equity = [1000, 1000, units * 12, units * 12, cash, cash]
    expected_equity += [cash / (14 * 1.01) * 16, cash / (14 * 1.01) * 17]
    assert r.equity.tolist() == pytest.approx(expected_equity)
    assert r.fees_paid == pytest.approx(units * 11 * 0.01 + units * 12 * 0.01 + cash / 1.01 * 0.01)
    assert r.exposure == pytest.approx(4 / 8)


def test_no_trades_keeps_the_cash() -> None:
    close = np.array([10.0, 11, 12])
    never = np.zeros(3, dtype=bool)
    r = run_vectorised(close, close, never, never, initial_cash=500)
    assert r.trades == [] and r.equity.tolist() == [500, 500, 500] and r.fees_paid == 0
    assert (r.total_return, r.max_drawdown, r.win_rate, r.exposure) == (0, 0, 0, 0)


def test_same_close_fills_on_the_decision_bar_and_the_last_bar_never_fills() -> None:
    close = np.array([10.0, 11, 12, 13, 14])
    entries = np.array([0, 1, 0, 0, 1], dtype=bool)
    exits = np.array([0, 0, 0, 1, 0], dtype=bool)
    same = run_vectorised(close, close, entries, exits, execution=Execution.SAME_CLOSE)
    assert same.trades == [(1, 3, 11.0, 13.0)]  # the entry on the last bar is dropped
    nxt = run_vectorised(close, close, entries, exits)
    assert nxt.trades == [(2, 4, 12.0, 14.0)]


def test_repeated_entries_while_long_and_exits_while_flat_are_ignored() -> None:
    close = np.arange(1.0, 11.0)
    entries = np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
    exits = np.array([0, 0, 1, 0, 0, 1, 1, 0, 0, 0], dtype=bool)
    assert [t[:2] for t in run_vectorised(close, close, entries, exits).trades] == [
        (1, 3), (4, 6)
    ]  # fmt: skip
    # a bar flagged both ways enters when flat and exits when long
    both = np.array([1, 0, 1, 0, 1, 0, 0, 0, 0, 0], dtype=bool)
    assert [t[:2] for t in run_vectorised(close, close, both, both).trades] == [(1, 3), (5, -1)]


def test_sma_is_prefix_stable_and_crossover_is_strict() -> None:
    x = np.random.default_rng(2).normal(100, 1, 500)
    full = sma(x, 30)
    assert np.isnan(full[:29]).all()
    assert full[29] == pytest.approx(x[:30].mean())
    for t in (29, 100, 499):
        assert sma(x[: t + 1], 30)[t] == full[t]  # bit-identical, no look-ahead
    a = np.array([1.0, 2, 3, 3, 2])
    b = np.array([2.0, 2, 2, 3, 3])
    assert crossover(a, b).tolist() == [False, False, False, False, False]  # 2 == 2 is no cross
    assert crossover(np.array([1.0, 3]), np.array([2.0, 2])).tolist() == [False, True]


def test_bad_input_names_the_problem() -> None:
    with pytest.raises(ValueError, match="equal length"):
        run_vectorised(np.ones(3), np.ones(4), np.zeros(3, bool), np.zeros(3, bool))
    with pytest.raises(ValueError, match="fee"):
        run_vectorised(np.ones(3), np.ones(3), np.zeros(3, bool), np.zeros(3, bool), fee=0.5)
    with pytest.raises(ValueError, match="fast/slow"):
        sma_cross_rule(np.ones(50), 30, 10)


def test_a_signal_model_probability_drives_a_threshold_rule() -> None:
    candles = sim_candles("BTC/USDT")
    cols = {k: np.array([float(getattr(c, k)) for c in candles]) for k in ("open", "high",
            "low", "close", "volume")}  # fmt: skip
    rows = feature_matrix(cols["high"], cols["low"], cols["close"], cols["volume"])
    valid = ~np.isnan(rows).any(axis=1)
    regime = np.full(len(candles), np.nan)  # P(high volatility) per bar, batched
    regime[valid] = SignalModel.bundled().regime.predict_proba(rows[valid])[:, 2]

    high, low = np.nanquantile(regime, [0.8, 0.4])
    entries, exits = threshold_rule(regime, high, low)
    result = run_vectorised(cols["open"], cols["close"], entries, exits)

    assert not (entries[~valid] | exits[~valid]).any()  # no signal before enough history
    assert len(result.trades) >= 3
    for entry_bar, exit_bar, _, _ in result.trades:
        assert regime[entry_bar - 1] > high  # decided on the bar before the fill
        if exit_bar >= 0:
            assert regime[exit_bar - 1] < low
    with pytest.raises(ValueError, match="exit_below"):
        threshold_rule(regime, 0.4, 0.6)


def reference_trades(
    open_: np.ndarray, close: np.ndarray, entries: np.ndarray, exits: np.ndarray, same_close: bool
) -> list[tuple[int, int, float, float]]:
    """The semantics written as the obvious per-bar loop (what backtesting.py does)."""
    trades: list[list[float]] = []
    long = False
    for i in range(len(close) - 1):  # a decision on the last bar is never filled
        bar, price = (i, close[i]) if same_close else (i + 1, open_[i + 1])
        if entries[i] and not long:
            trades.append([bar, -1, price, float("nan")])
            long = True
        elif exits[i] and long:
            trades[-1][1], trades[-1][3] = bar, price
            long = False
    return [(int(a), int(b), float(c), float(d)) for a, b, c, d in trades]


@given(
    flags=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=60),
    same_close=st.booleans(),
)
@settings(max_examples=150, deadline=None)
def test_vectorised_trades_equal_the_per_bar_loop(
    flags: list[tuple[bool, bool]], same_close: bool
) -> None:
    n = len(flags)
    close = 100 + np.arange(n, dtype=np.float64)
    open_ = close - 0.5
    entries = np.array([e for e, _ in flags])
    exits = np.array([x for _, x in flags])
    execution = Execution.SAME_CLOSE if same_close else Execution.NEXT_OPEN
    result = run_vectorised(open_, close, entries, exits, execution=execution)
    np.testing.assert_equal(
        result.trades, reference_trades(open_, close, entries, exits, same_close)
    )
