"""Backtests that run the same `Strategy` objects as live trading; see docs/strategies.md."""

from engine.backtest.account import Rejection, RoundTrip
from engine.backtest.runner import BacktestResult, FillModel, run_backtest
from engine.backtest.stats import BacktestStats

__all__ = [
    "BacktestResult",
    "BacktestStats",
    "FillModel",
    "Rejection",
    "RoundTrip",
    "run_backtest",
]
