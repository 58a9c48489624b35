"""Seeded fair-price process: GARCH(1,1) volatility clustering plus Poisson jumps.

Per asset and step of `dt` seconds the log return is

    r = sqrt(v * dt/year) * z - (v * dt/year) / 2 + J

* `v` is the annualised conditional variance. It follows a GARCH(1,1) recursion written in
  annualised units, so a path can switch step length (daily bars, then hourly, then live ticks)
  and keep its volatility regime: ``v' = vol^2 (1 - p) + alpha * eps^2 / (dt/year) + beta * v``
  with persistence ``p = alpha + beta = 0.5 ** (dt / half_life)``.
* `z` is standard normal; other assets load on the factor asset's (BTC's) shock with their
  correlation, giving mild cross-asset co-movement.
* `J` is a jump: Poisson arrivals at `jumps_per_day`, Student-t sized (fat-tailed), clipped.

`PriceProcess.simulate` makes any number of steps at once (used for backfilling history);
`FairPrices` serves the live tick-by-tick path, generating ahead in blocks so a step is cheap.
Same seed, same calls: same path.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

YEAR_SECONDS = 365.0 * 86_400.0
MAX_JUMP = 0.3  # clip on a jump's log size


@dataclass(frozen=True, slots=True)
class AssetDynamics:
    annual_vol: float
    jumps_per_day: float = 2.0
    jump_scale: float = 0.006
    jump_tail_df: float = 3.0
    factor_correlation: float = 0.0  # ignored for the factor asset itself
    vol_half_life_s: float = 6 * 3600.0
    vol_of_vol: float = 0.5  # 0: constant volatility; towards 1: heavier clustering

    def garch(self, dt_seconds: float) -> tuple[float, float]:
        """(alpha, beta) for steps of `dt_seconds`, keeping the fourth moment finite."""
        persistence = 0.5 ** (dt_seconds / self.vol_half_life_s)
        alpha = min(persistence, self.vol_of_vol * math.sqrt((1 - persistence**2) / 2))
        return alpha, persistence - alpha


@dataclass(frozen=True, slots=True)
class PathChunk:
    """`n` steps of `k` assets; every array has shape (n, k)."""

    log_returns: np.ndarray
    jumps: np.ndarray  # the jump part of each return, 0 where there was none
    diffusion_sd: np.ndarray  # conditional standard deviation of the diffusion part


class PriceProcess:
    """The joint process of several assets; it carries the variance state between calls."""

    def __init__(
        self,
        dynamics: Sequence[AssetDynamics],
        rng: np.random.Generator,
        factor_index: int | None = 0,
    ) -> None:
        if not dynamics:
            raise ValueError("a price process needs at least one asset")
        self.dynamics = tuple(dynamics)
        self._rng = rng
        self._vol2 = np.array([d.annual_vol**2 for d in dynamics])
        self.variance = self._vol2.copy()  # annualised, starts at the long-run level
        loadings = np.array([d.factor_correlation for d in dynamics])
        if factor_index is not None:
            loadings[factor_index] = 0.0
        if np.any(np.abs(loadings) > 1):
            raise ValueError("factor correlations must lie in [-1, 1]")
        self._factor_index = factor_index
        self._loadings = loadings
        self._idiosyncratic = np.sqrt(1 - loadings**2)

    def simulate(self, n_steps: int, dt_seconds: float) -> PathChunk:
        k = len(self.dynamics)
        rng = self._rng
        dt_years = dt_seconds / YEAR_SECONDS
        z = rng.standard_normal((n_steps, k))
        if self._factor_index is not None:
            factor = z[:, self._factor_index : self._factor_index + 1]
            z = self._loadings * factor + self._idiosyncratic * z
        jumps = self._jumps(n_steps, dt_seconds)

        garch = [d.garch(dt_seconds) for d in self.dynamics]
        alpha = np.array([a for a, _ in garch]) / dt_years
        beta = np.array([b for _, b in garch])
        base = self._vol2 * (1 - alpha * dt_years - beta)
        v = self.variance
        eps = np.empty((n_steps, k))
        sd = np.empty((n_steps, k))
        for t in range(n_steps):
            s = np.sqrt(v * dt_years)
            e = s * z[t]
            sd[t] = s
            eps[t] = e
            v = base + alpha * (e * e) + beta * v
        self.variance = v
        log_returns = eps - 0.5 * sd * sd + jumps
        return PathChunk(log_returns=log_returns, jumps=jumps, diffusion_sd=sd)

    def _jumps(self, n_steps: int, dt_seconds: float) -> np.ndarray:
        rates = np.array([d.jumps_per_day * dt_seconds / 86_400 for d in self.dynamics])
        counts = self._rng.poisson(rates, (n_steps, len(self.dynamics)))
        jumps = np.zeros(counts.shape)
        rows, cols = np.nonzero(counts)
        if rows.size:
            df = np.array([d.jump_tail_df for d in self.dynamics])[cols]
            scale = np.array([d.jump_scale for d in self.dynamics])[cols]
            size = self._rng.standard_t(df) * scale * np.sqrt(counts[rows, cols])
            jumps[rows, cols] = np.clip(size, -MAX_JUMP, MAX_JUMP)
        return jumps


class FairPrices:
    """Live fair prices, one step of `dt_seconds` at a time (generated ahead in blocks)."""

    def __init__(
        self,
        process: PriceProcess,
        start_prices: Sequence[float],
        dt_seconds: float,
        block: int = 256,
    ) -> None:
        if len(start_prices) != len(process.dynamics):
            raise ValueError("one start price per asset")
        self._process = process
        self._dt = dt_seconds
        self._block = block
        self._log = np.log(np.asarray(start_prices, dtype=float))
        self.current: list[float] = [float(p) for p in start_prices]
        self._ahead: list[list[float]] = []
        self._next = 0

    def step(self) -> list[float]:
        if self._next == len(self._ahead):
            chunk = self._process.simulate(self._block, self._dt)
            path = self._log + np.cumsum(chunk.log_returns, axis=0)
            self._log = path[-1]
            self._ahead = np.exp(path).tolist()
            self._next = 0
        self.current = self._ahead[self._next]
        self._next += 1
        return self.current
