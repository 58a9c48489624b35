"""Vectorised backtest for rules that are boolean entry/exit arrays (e.g. an SMA cross).

Long-only, all-in: an entry buys with the whole equity, an exit sells the whole position; fees
are a fraction of each fill's notional. Semantics are those of backtesting.py's
`Strategy.next()` with `buy()` / `position.close()` (and of our event-driven runner with market
orders), so the three give the same trades:

* the decision for bar i is made at its close: `entries[i]` opens a position when flat,
  `exits[i]` closes it when long (a bar with both: enter if flat, exit if long);
* `Execution.NEXT_OPEN` fills at the next bar's open (entry bar i + 1); `Execution.SAME_CLOSE`
  fills at bar i's close (entry bar i, backtesting.py's `trade_on_close=True`);
* a decision on the last bar is never filled; a position still open at the end is reported as
  an open trade (`exit_bar` -1) and marked to the last close in the equity curve.

Position sizing is fractional here (backtesting.py buys whole units), so equity differs
slightly from backtesting.py's; trades (bars and prices) are identical. Use the event-driven
runner (`engine.backtest.runner`) for anything path-dependent: limit orders, stops, grids.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np


class Execution(StrEnum):
    NEXT_OPEN = "next_open"
    SAME_CLOSE = "same_close"


@dataclass(frozen=True)
class VectorisedResult:
    entry_bars: np.ndarray  # int64, one per trade
    exit_bars: np.ndarray  # int64, -1 for a trade still open at the end
    entry_prices: np.ndarray  # float64
    exit_prices: np.ndarray  # float64, NaN for an open trade
    trade_returns: np.ndarray  # net of both fees, closed trades only
    equity: np.ndarray  # quote value at each bar's close
    long: np.ndarray  # bool: a position is held at the bar's close
    fees_paid: float

    @property
    def trades(self) -> list[tuple[int, int, float, float]]:
        """(entry bar, exit bar, entry price, exit price) per trade; exit -1/NaN when open."""
        return list(
            zip(
                self.entry_bars.tolist(),
                self.exit_bars.tolist(),
                self.entry_prices.tolist(),
                self.exit_prices.tolist(),
                strict=True,
            )
        )

    @property
    def total_return(self) -> float:
        return float(self.equity[-1] / self.equity[0] - 1) if self.equity.size else 0.0

    @property
    def max_drawdown(self) -> float:
        if not self.equity.size:
            return 0.0
        return float(np.max(1 - self.equity / np.maximum.accumulate(self.equity)))

    @property
    def win_rate(self) -> float:
        r = self.trade_returns
        return float(np.mean(r > 0)) if r.size else 0.0

    @property
    def exposure(self) -> float:
        return float(np.mean(self.long)) if self.long.size else 0.0


def sma(values: np.ndarray, length: int) -> np.ndarray:
    """Simple moving average; NaN for the first length - 1 bars.

    Computed from a running sum so the value at bar t depends on bars <= t only and is the
    same whether the series is cut at t or not (an event-driven strategy keeping the same
    running sum gets bit-identical values)."""
    if length < 1:
        raise ValueError(f"length: must be at least 1, got {length}")
    x = np.asarray(values, dtype=np.float64)
    running = np.cumsum(np.concatenate(([0.0], x)))
    out = np.full(x.shape[0], np.nan)
    if x.shape[0] >= length:
        out[length - 1 :] = (running[length:] - running[:-length]) / length
    return out


def crossover(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True at bar t when a was strictly below b at t - 1 and is strictly above at t."""
    out = np.zeros(np.shape(a), dtype=bool)
    with np.errstate(invalid="ignore"):
        out[1:] = (a[:-1] < b[:-1]) & (a[1:] > b[1:])
    return out


def sma_cross_rule(close: np.ndarray, fast: int, slow: int) -> tuple[np.ndarray, np.ndarray]:
    """(entries, exits): fast SMA crosses above / below the slow one."""
    if not 1 <= fast < slow:
        raise ValueError(f"fast/slow: need 1 <= fast < slow, got {fast}/{slow}")
    f, s = sma(close, fast), sma(close, slow)
    return crossover(f, s), crossover(s, f)


def threshold_rule(
    score: np.ndarray, enter_above: float, exit_below: float
) -> tuple[np.ndarray, np.ndarray]:
    """(entries, exits) from a score per bar, e.g. a signal model's probability of up:
    enter while it is above `enter_above`, exit while it is below `exit_below` (NaN: neither)."""
    if exit_below > enter_above:
        raise ValueError(f"exit_below: {exit_below} must not exceed enter_above {enter_above}")
    s = np.asarray(score, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return s > enter_above, s < exit_below


def run_vectorised(
    open_: np.ndarray,
    close: np.ndarray,
    entries: np.ndarray,
    exits: np.ndarray,
    *,
    fee: float = 0.001,
    execution: Execution = Execution.NEXT_OPEN,
    initial_cash: float = 10_000.0,
) -> VectorisedResult:
    open_ = np.asarray(open_, dtype=np.float64)
    close = np.asarray(close, dtype=np.float64)
    n = close.shape[0]
    if not (open_.shape == close.shape == np.shape(entries) == np.shape(exits)) or n == 0:
        raise ValueError("open, close, entries and exits must be non-empty and of equal length")
    if not 0 <= fee < 0.1:
        raise ValueError(f"fee: must be in [0, 0.1), got {fee}")
    state = _decisions(np.asarray(entries, dtype=bool), np.asarray(exits, dtype=bool))
    state[-1] = state[-2] if n > 1 else False  # a decision on the last bar is never filled
    change = np.diff(state.astype(np.int8), prepend=np.int8(0))
    decided_in = np.flatnonzero(change == 1)
    decided_out = np.flatnonzero(change == -1)

    if execution is Execution.NEXT_OPEN:
        entry_bars, exit_bars, fill_at = decided_in + 1, decided_out + 1, open_
    else:
        entry_bars, exit_bars, fill_at = decided_in, decided_out, close
    entry_prices = fill_at[entry_bars]
    closed_exit_prices = fill_at[exit_bars]
    n_trades, n_closed = entry_bars.size, exit_bars.size

    # Equity: all-in compounding; a trade turns cash c into c * exit(1 - fee) / entry(1 + fee).
    growth = closed_exit_prices * (1 - fee) / (entry_prices[:n_closed] * (1 + fee))
    cash_before = initial_cash * np.concatenate(([1.0], np.cumprod(growth)))  # per trade
    units = cash_before[:n_trades] / (entry_prices * (1 + fee))
    holding = np.zeros(n + 1, dtype=np.int64)  # +1 from the entry bar, -1 from the exit bar
    np.add.at(holding, entry_bars, 1)
    np.add.at(holding, exit_bars, -1)
    long = np.cumsum(holding[:n]) > 0  # at the close: long from the entry bar to before exit
    trade_index = np.cumsum(np.bincount(entry_bars, minlength=n)[:n]) - 1  # latest entry <= t
    completed = np.cumsum(np.bincount(exit_bars, minlength=n)[:n])  # exits <= t
    held_units = units[np.maximum(trade_index, 0)] if n_trades else np.zeros(n)
    equity = np.where(long, held_units * close, cash_before[completed])
    fees_paid = float(
        np.sum(units * entry_prices * fee) + np.sum(units[:n_closed] * closed_exit_prices * fee)
    )
    exit_prices = np.full(n_trades, np.nan)
    exit_prices[:n_closed] = closed_exit_prices
    all_exit_bars = np.full(n_trades, -1, dtype=np.int64)
    all_exit_bars[:n_closed] = exit_bars
    return VectorisedResult(
        entry_bars=entry_bars.astype(np.int64),
        exit_bars=all_exit_bars,
        entry_prices=entry_prices,
        exit_prices=exit_prices,
        trade_returns=growth - 1,
        equity=equity,
        long=long,
        fees_paid=fees_paid,
    )


def _decisions(entries: np.ndarray, exits: np.ndarray) -> np.ndarray:
    """Whether we want to be long after each bar's decision (True = long)."""
    n = entries.shape[0]
    both = entries & exits
    if both.any():  # rare: the outcome depends on the state, so walk the events only
        state = np.zeros(n, dtype=bool)
        long = False
        last = 0
        for i in np.flatnonzero(entries | exits).tolist():
            state[last:i] = long
            long = (not long) if both[i] else bool(entries[i])
            last = i
        state[last:] = long
        return state
    # otherwise the state is the most recent event: forward-fill it
    event_at = np.where(entries | exits, np.arange(n), -1)
    latest = np.maximum.accumulate(event_at)
    return np.where(latest >= 0, entries[np.maximum(latest, 0)], False)
