"""Backtest jobs over the API: validation, candles, the run itself and the job service."""

from api.services.backtests.service import (
    BacktestService,
    Canceled,
    RateLimited,
    backtest_topic,
    input_of,
    result_of,
)
from api.services.backtests.spec import BacktestRequest

__all__ = [
    "BacktestRequest",
    "BacktestService",
    "Canceled",
    "RateLimited",
    "backtest_topic",
    "input_of",
    "result_of",
]
