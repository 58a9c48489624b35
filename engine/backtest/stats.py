"""Backtest metrics from the equity curve and the account's fills (numpy floats)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from engine.backtest.account import BacktestAccount


@dataclass(frozen=True, slots=True)
class BacktestStats:
    total_return: float  # final / initial equity - 1
    max_drawdown: float  # largest peak-to-trough fall, as a fraction of the peak (>= 0)
    sharpe: float  # mean / std of per-bar returns, annualised; 0 when flat
    win_rate: float  # share of round trips with a positive P&L; 0 without round trips
    trade_count: int  # fills
    round_trip_count: int
    fees_paid: Decimal
    realized_pnl: Decimal  # sum of round trips' P&L, fees included


def compute_stats(
    start_equity: float, equity: np.ndarray, account: BacktestAccount, bars_per_year: float
) -> BacktestStats:
    curve = np.concatenate(([start_equity], equity))
    peaks = np.maximum.accumulate(curve)
    drawdown = float(np.max(1 - curve / peaks)) if curve.size else 0.0
    returns = np.diff(curve) / curve[:-1]
    std = float(np.std(returns, ddof=1)) if returns.size > 1 else 0.0
    sharpe = float(np.mean(returns)) / std * float(np.sqrt(bars_per_year)) if std > 0 else 0.0
    trips = account.round_trips
    wins = sum(1 for t in trips if t.pnl > 0)
    return BacktestStats(
        total_return=float(curve[-1] / curve[0] - 1),
        max_drawdown=drawdown,
        sharpe=sharpe,
        win_rate=wins / len(trips) if trips else 0.0,
        trade_count=len(account.fills),
        round_trip_count=len(trips),
        fees_paid=account.fees_paid,
        realized_pnl=sum((t.pnl for t in trips), Decimal(0)),
    )
