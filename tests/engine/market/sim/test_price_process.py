"""The fair-price process: seeded, volatility clustering, jumps, co-movement with BTC."""

from __future__ import annotations

import numpy as np

from engine.market.sim.price_process import AssetDynamics, FairPrices, PriceProcess

MINUTE = 60.0


def process(seed: int, *dynamics: AssetDynamics) -> PriceProcess:
    return PriceProcess(dynamics or (AssetDynamics(annual_vol=0.6),), np.random.default_rng(seed))


def squared_return_autocorrelation(returns: np.ndarray, lags: range) -> float:
    x = returns**2 - np.mean(returns**2)
    return float(np.mean([np.dot(x[:-lag], x[lag:]) / np.dot(x, x) for lag in lags]))


def test_same_seed_gives_same_path() -> None:
    a = process(42).simulate(2_000, MINUTE).log_returns
    b = process(42).simulate(2_000, MINUTE).log_returns

    assert np.array_equal(a, b)


def test_different_seed_gives_different_path() -> None:
    a = process(42).simulate(500, MINUTE).log_returns
    b = process(43).simulate(500, MINUTE).log_returns

    assert not np.allclose(a, b)


def test_returns_have_the_requested_annual_volatility() -> None:
    calm = AssetDynamics(annual_vol=0.5, jumps_per_day=0)

    returns = process(1, calm).simulate(60_000, MINUTE).log_returns[:, 0]

    realised = np.std(returns) * np.sqrt(365 * 24 * 60)
    assert 0.42 < realised < 0.58


def test_volatility_clusters() -> None:
    clustered = AssetDynamics(annual_vol=0.6, jumps_per_day=0, vol_of_vol=0.6)
    constant = AssetDynamics(annual_vol=0.6, jumps_per_day=0, vol_of_vol=0.0)

    with_garch = process(3, clustered).simulate(40_000, MINUTE).log_returns[:, 0]
    without = process(3, constant).simulate(40_000, MINUTE).log_returns[:, 0]

    # big moves follow big moves: squared returns stay correlated for many lags
    assert squared_return_autocorrelation(with_garch, range(1, 21)) > 0.05
    assert abs(squared_return_autocorrelation(without, range(1, 21))) < 0.02
    shuffled = np.random.default_rng(0).permutation(with_garch)
    assert abs(squared_return_autocorrelation(shuffled, range(1, 21))) < 0.02


def test_jumps_occur() -> None:
    jumpy = AssetDynamics(annual_vol=0.6, jumps_per_day=4, jump_scale=0.01)
    steps = 50_000
    expected = 4 * steps * MINUTE / 86_400

    chunk = process(8, jumpy).simulate(steps, MINUTE)

    jumps = chunk.jumps[:, 0]
    count = int(np.count_nonzero(jumps))
    assert 0.75 * expected < count < 1.25 * expected  # Poisson arrivals at the given rate
    typical_move = float(np.median(chunk.diffusion_sd))
    assert np.max(np.abs(jumps)) > 20 * typical_move  # far beyond what diffusion produces


def kurtosis(x: np.ndarray) -> float:
    return float(np.mean((x - x.mean()) ** 4) / np.var(x) ** 2)


def test_jump_sizes_are_fat_tailed() -> None:
    def jump_sizes(tail_df: float) -> np.ndarray:
        dynamics = AssetDynamics(annual_vol=0.6, jumps_per_day=50, jump_tail_df=tail_df)
        jumps = process(2, dynamics).simulate(50_000, MINUTE).jumps[:, 0]
        return jumps[jumps != 0]

    assert kurtosis(jump_sizes(3.0)) > 6  # Student-t(3): far heavier tails than a normal's 3
    assert kurtosis(jump_sizes(1_000.0)) < 4  # control: a near-normal size distribution


def test_assets_move_with_btc() -> None:
    btc = AssetDynamics(annual_vol=0.5, jumps_per_day=0)
    alt = AssetDynamics(annual_vol=0.9, jumps_per_day=0, factor_correlation=0.5)
    loner = AssetDynamics(annual_vol=0.9, jumps_per_day=0, factor_correlation=0.0)

    returns = process(4, btc, alt, loner).simulate(20_000, MINUTE).log_returns

    correlation = np.corrcoef(returns.T)
    assert 0.43 < correlation[0, 1] < 0.57
    assert abs(correlation[0, 2]) < 0.05


def test_volatility_regime_carries_across_step_lengths() -> None:
    p = process(6, AssetDynamics(annual_vol=0.6, jumps_per_day=0, vol_of_vol=0.9))
    p.simulate(5_000, MINUTE)
    regime = p.variance.copy()

    next_ticks = p.simulate(2_000, 0.25)

    # the first quarter-second ticks start at the variance the minute bars left behind
    first_sd = next_ticks.diffusion_sd[0, 0]
    assert np.isclose(first_sd**2, regime[0] * 0.25 / (365 * 86_400))


def test_fair_prices_start_where_told_and_are_seeded() -> None:
    def path(seed: int) -> list[list[float]]:
        fair = FairPrices(process(seed), [95_000.0], dt_seconds=0.25, block=64)
        return [fair.step() for _ in range(300)]  # crosses several blocks

    a, b = path(1), path(1)

    assert a == b
    assert abs(a[0][0] / 95_000 - 1) < 0.001
    assert len({round(p[0], 6) for p in a}) > 250  # it moves every tick
