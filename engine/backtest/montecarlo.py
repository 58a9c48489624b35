"""Monte Carlo on a backtest's outcome: how lucky was the path we happened to see?

Two resamplings, both seeded (same seed, same bands):

* `bootstrap_trades`: draw the closed trades' returns with replacement, in random order, as many
  as there were; compounding them gives a possible equity path. Answers "same trades, other
  order and mix": order changes the drawdown, the mix changes the final equity.
* `block_bootstrap_returns`: rebuild a per-bar return series from random contiguous blocks of
  the real one (circular), which keeps volatility clustering and short-range autocorrelation
  that a plain bootstrap destroys.

Each gives percentile bands of final equity and of maximum drawdown, plus the share of paths that
end below the starting equity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

PERCENTILES = (5.0, 25.0, 50.0, 75.0, 95.0)
_MAX_CELLS = 4_000_000  # paths x steps simulated at once (memory bound)


@dataclass(frozen=True)
class MonteCarloResult:
    method: str  # "trades" or "blocks"
    runs: int
    final_equity: dict[float, float]  # percentile -> final equity
    max_drawdown: dict[float, float]  # percentile -> largest peak-to-trough fall (fraction)
    probability_of_loss: float  # share of paths ending below the initial equity


def bootstrap_trades(
    trade_returns: Sequence[float] | np.ndarray,
    *,
    initial_equity: float = 1.0,
    runs: int = 1000,
    seed: int = 0,
    percentiles: Sequence[float] = PERCENTILES,
) -> MonteCarloResult:
    returns = _checked(trade_returns, "trade_returns", runs, initial_equity)
    rng = np.random.default_rng(seed)
    n = returns.shape[0]
    return _simulate(
        "trades", runs, initial_equity, percentiles, n,
        lambda k: returns[rng.integers(0, n, size=(k, n))],
    )  # fmt: skip


def block_bootstrap_returns(
    bar_returns: Sequence[float] | np.ndarray,
    *,
    block: int = 60,
    initial_equity: float = 1.0,
    runs: int = 1000,
    seed: int = 0,
    percentiles: Sequence[float] = PERCENTILES,
) -> MonteCarloResult:
    returns = _checked(bar_returns, "bar_returns", runs, initial_equity)
    n = returns.shape[0]
    if not 1 <= block <= n:
        raise ValueError(f"block: must be 1 to {n} bars, got {block}")
    rng = np.random.default_rng(seed)
    blocks = -(-n // block)
    offsets = np.arange(block)

    def draw(k: int) -> np.ndarray:
        starts = rng.integers(0, n, size=(k, blocks, 1))
        index = ((starts + offsets) % n).reshape(k, blocks * block)[:, :n]
        return returns[index]

    return _simulate("blocks", runs, initial_equity, percentiles, n, draw)


def returns_of(equity: np.ndarray) -> np.ndarray:
    """Per-bar simple returns of an equity curve."""
    curve = np.asarray(equity, dtype=np.float64)
    return curve[1:] / curve[:-1] - 1


def _checked(
    values: Sequence[float] | np.ndarray, name: str, runs: int, initial: float
) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or array.shape[0] == 0:
        raise ValueError(f"{name}: need at least one return")
    if not np.isfinite(array).all() or (array <= -1).any():
        raise ValueError(f"{name}: returns must be finite and above -100 %")
    if runs < 1:
        raise ValueError(f"runs: must be at least 1, got {runs}")
    if initial <= 0:
        raise ValueError(f"initial_equity: must be positive, got {initial}")
    return array


def _simulate(
    method: str,
    runs: int,
    initial: float,
    percentiles: Sequence[float],
    steps: int,
    draw: Callable[[int], np.ndarray],
) -> MonteCarloResult:
    finals = np.empty(runs)
    drawdowns = np.empty(runs)
    chunk = max(1, _MAX_CELLS // steps)
    for start in range(0, runs, chunk):
        k = min(chunk, runs - start)
        paths = initial * np.cumprod(1 + draw(k), axis=1)
        peaks = np.maximum(np.maximum.accumulate(paths, axis=1), initial)
        finals[start : start + k] = paths[:, -1]
        drawdowns[start : start + k] = np.max(1 - paths / peaks, axis=1)
    return MonteCarloResult(
        method=method,
        runs=runs,
        final_equity=_bands(finals, percentiles),
        max_drawdown=_bands(drawdowns, percentiles),
        probability_of_loss=float(np.mean(finals < initial)),
    )


def _bands(values: np.ndarray, percentiles: Sequence[float]) -> dict[float, float]:
    levels = np.percentile(values, list(percentiles))
    return {float(p): float(v) for p, v in zip(percentiles, levels, strict=True)}
