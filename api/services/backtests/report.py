"""A backtest result as the JSON report a job stores: metrics, curve, trades.

`engine.backtest.stats` gives total return, drawdown, Sharpe, win rate and fees; CAGR, Sortino,
profit factor and exposure are derived here from the same equity curve, fills and round trips.
"""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal
from typing import Any

import numpy as np

from engine.backtest.runner import BacktestResult
from engine.market.models import Side

MAX_CURVE_POINTS = 500
MAX_TRADES = 1_000
YEAR = timedelta(days=365)


def metrics(
    result: BacktestResult, start_equity: float, bar_seconds: int
) -> dict[str, float | int | str | None]:
    s = result.stats
    curve = np.concatenate(([start_equity], result.equity))
    returns = np.diff(curve) / curve[:-1]
    bars_per_year = YEAR.total_seconds() / bar_seconds
    span_years = len(result.equity) * bar_seconds / YEAR.total_seconds()
    growth = float(curve[-1] / curve[0])
    cagr = growth ** (1 / span_years) - 1 if growth > 0 and span_years > 0 else -1.0
    downside = returns[returns < 0]
    down_dev = float(np.sqrt(np.sum(downside**2) / returns.size)) if returns.size else 0.0
    sortino = float(np.mean(returns)) / down_dev * math.sqrt(bars_per_year) if down_dev else 0.0
    gains = sum((t.pnl for t in result.round_trips if t.pnl > 0), Decimal(0))
    losses = -sum((t.pnl for t in result.round_trips if t.pnl < 0), Decimal(0))
    profit_factor = float(gains / losses) if losses > 0 else None
    return {
        "total_return": s.total_return,
        "cagr": _finite(cagr),
        "sharpe": s.sharpe,
        "sortino": _finite(sortino),
        "max_drawdown": s.max_drawdown,
        "win_rate": s.win_rate,
        "profit_factor": profit_factor,
        "exposure": exposure(result),
        "fees_paid": str(s.fees_paid),
        "trades": s.trade_count,
        "round_trips": s.round_trip_count,
        "realized_pnl": str(s.realized_pnl),
        "final_equity": float(curve[-1]),
    }


def _finite(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def exposure(result: BacktestResult) -> float:
    """Share of bar closes with a base position held."""
    if not result.times:
        return 0.0
    stamps = np.array([f.timestamp.timestamp() for f in result.fills], dtype=np.float64)
    signed = np.array(
        [float(f.qty) if f.side is Side.BUY else -float(f.qty) for f in result.fills],
        dtype=np.float64,
    )
    closes = np.array([t.timestamp() for t in result.times], dtype=np.float64)
    held = np.concatenate(([0.0], np.cumsum(signed)))[np.searchsorted(stamps, closes, "right")]
    return float(np.mean(held > 1e-12))


def equity_curve(result: BacktestResult) -> list[dict[str, Any]]:
    """At most MAX_CURVE_POINTS (time, equity) points, evenly spaced, always with the last."""
    n = len(result.times)
    if n == 0:
        return []
    index = np.unique(np.linspace(0, n - 1, min(n, MAX_CURVE_POINTS)).round().astype(np.int64))
    return [
        {"t": result.times[i].isoformat(), "equity": float(result.equity[i])}
        for i in index.tolist()
    ]


def trades(result: BacktestResult) -> tuple[list[dict[str, Any]], bool]:
    """(the first MAX_TRADES fills as JSON, whether the list was cut)."""
    fills = result.fills[:MAX_TRADES]
    out = [
        {
            "t": f.timestamp.isoformat(),
            "side": f.side.value,
            "price": str(f.price),
            "qty": str(f.qty),
            "fee": str(f.fee),
            "liquidity": f.liquidity.value,
        }
        for f in fills
    ]
    return out, len(result.fills) > MAX_TRADES


def round_trip_returns(result: BacktestResult, capital: Decimal) -> list[float]:
    """Each round trip's P&L as a fraction of the starting capital: what it added to equity,
    so bootstrapped paths compound at the size the strategy really traded (a grid level is a
    small slice of the capital)."""
    return [float(t.pnl / capital) for t in result.round_trips]
