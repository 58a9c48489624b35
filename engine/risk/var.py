"""Portfolio value at risk, 1 day: historical and parametric (variance-covariance).

Inputs: the current value of each position in the quote currency (negative for a short) and
each asset's daily simple returns, oldest first. Series of unequal length are aligned on their
most recent days (the shortest decides how many days are used).

* Historical: replay every past day's returns on today's positions,
  P&L_t = sum_i value_i * r_i,t; VaR = minus the (1 - confidence) quantile of those P&Ls
  (numpy's default linear interpolation).
* Parametric: P&L ~ Normal(w . mu, w' Sigma w) with the sample covariance Sigma (ddof 1);
  VaR = z_confidence * sigma_p - mu_p, with mu_p = 0 unless `include_mean` (over one day the
  sample mean is mostly noise, and the usual convention drops it).

VaR is a loss, reported as a non-negative amount of quote currency: "with 95 % confidence
tomorrow's loss should not exceed this" - under the model's assumptions (history repeats,
respectively normal returns; both underestimate fat tails).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from statistics import NormalDist

import numpy as np

CONFIDENCES = (0.95, 0.99)
MIN_DAYS = 20


class VarMethod(StrEnum):
    HISTORICAL = "historical"
    PARAMETRIC = "parametric"


@dataclass(frozen=True, slots=True)
class VarFigure:
    method: VarMethod
    confidence: float
    amount: Decimal  # the 1-day loss not exceeded with `confidence`, in quote currency


@dataclass(frozen=True, slots=True)
class VarReport:
    value: Decimal  # sum of position values (net)
    days: int  # daily returns used
    figures: tuple[VarFigure, ...]

    def get(self, method: VarMethod, confidence: float) -> Decimal:
        for f in self.figures:
            if f.method is method and f.confidence == confidence:
                return f.amount
        raise KeyError((method, confidence))


def daily_returns(closes: Sequence[float | Decimal]) -> np.ndarray:
    """Simple returns of consecutive daily closes, oldest first."""
    prices = np.asarray([float(c) for c in closes], dtype=np.float64)
    if prices.size < 2 or np.any(prices <= 0):
        raise ValueError("closes: need at least 2 positive closes")
    return prices[1:] / prices[:-1] - 1.0


def _aligned(
    values: Mapping[str, float | Decimal], returns: Mapping[str, Sequence[float] | np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    assets = sorted(values)
    missing = [a for a in assets if a not in returns]
    if missing:
        raise ValueError(f"returns: none for {', '.join(missing)}")
    if not assets:
        return np.zeros(0), np.zeros((0, 0))
    days = min(len(returns[a]) for a in assets)
    if days < MIN_DAYS:
        raise ValueError(f"returns: need at least {MIN_DAYS} days for every asset, got {days}")
    matrix = np.column_stack([np.asarray(returns[a], dtype=np.float64)[-days:] for a in assets])
    if not np.all(np.isfinite(matrix)):
        raise ValueError("returns: must be finite numbers")
    weights = np.array([float(values[a]) for a in assets], dtype=np.float64)
    return weights, matrix


def historical_var(weights: np.ndarray, matrix: np.ndarray, confidence: float) -> float:
    if weights.size == 0:
        return 0.0
    pnl = matrix @ weights
    return max(0.0, -float(np.quantile(pnl, 1.0 - confidence)))


def parametric_var(
    weights: np.ndarray, matrix: np.ndarray, confidence: float, include_mean: bool = False
) -> float:
    if weights.size == 0:
        return 0.0
    cov = np.atleast_2d(np.cov(matrix, rowvar=False, ddof=1))
    sigma = float(np.sqrt(max(float(weights @ cov @ weights), 0.0)))
    mu = float(matrix.mean(axis=0) @ weights) if include_mean else 0.0
    return max(0.0, NormalDist().inv_cdf(confidence) * sigma - mu)


def _money(x: float) -> Decimal:
    return Decimal(repr(round(x, 8)))


def portfolio_var(
    values: Mapping[str, float | Decimal],
    returns: Mapping[str, Sequence[float] | np.ndarray],
    confidences: Sequence[float] = CONFIDENCES,
    include_mean: bool = False,
) -> VarReport:
    """Historical and parametric 1-day VaR of the positions at each confidence."""
    for c in confidences:
        if not 0.5 <= c < 1:
            raise ValueError(f"confidence: must be in [0.5, 1), got {c}")
    weights, matrix = _aligned(values, returns)
    figures = []
    for method in VarMethod:
        for c in confidences:
            if method is VarMethod.HISTORICAL:
                amount = historical_var(weights, matrix, c)
            else:
                amount = parametric_var(weights, matrix, c, include_mean)
            figures.append(VarFigure(method, c, _money(amount)))
    total = sum((Decimal(str(v)) for v in values.values()), Decimal(0))
    return VarReport(value=total, days=int(matrix.shape[0]), figures=tuple(figures))
