"""Incremental indicators against straightforward numpy reference computations."""

from __future__ import annotations

import numpy as np
import pytest

from engine.strategies.indicators import Atr, Donchian, Ema, RollingZScore, Rsi, Sma

RNG = np.random.default_rng(7)
PRICES = 100 * np.exp(np.cumsum(RNG.normal(0, 0.01, 300)))
HIGHS = PRICES * (1 + RNG.uniform(0, 0.01, 300))
LOWS = PRICES * (1 - RNG.uniform(0, 0.01, 300))


def ref_sma(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(len(x), np.nan)
    for i in range(n - 1, len(x)):
        out[i] = x[i - n + 1 : i + 1].mean()
    return out


def ref_ema(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(len(x), np.nan)
    out[n - 1] = x[:n].mean()
    a = 2 / (n + 1)
    for i in range(n, len(x)):
        out[i] = a * x[i] + (1 - a) * out[i - 1]
    return out


def ref_wilder(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(len(x), np.nan)
    out[n - 1] = x[:n].mean()
    for i in range(n, len(x)):
        out[i] = (out[i - 1] * (n - 1) + x[i]) / n
    return out


def ref_rsi(x: np.ndarray, n: int) -> np.ndarray:
    change = np.diff(x)
    gain = ref_wilder(np.maximum(change, 0), n)
    loss = ref_wilder(np.maximum(-change, 0), n)
    return np.concatenate([[np.nan], 100 - 100 / (1 + gain / loss)])


def ref_atr(h: np.ndarray, lo: np.ndarray, c: np.ndarray, n: int) -> np.ndarray:
    prev = np.concatenate([[np.nan], c[:-1]])
    tr = np.nanmax(np.stack([h - lo, np.abs(h - prev), np.abs(lo - prev)]), axis=0)
    return ref_wilder(tr, n)


def ref_z(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(len(x), np.nan)
    for i in range(n - 1, len(x)):
        w = x[i - n + 1 : i + 1]
        out[i] = (x[i] - w.mean()) / w.std()
    return out


def run(update: object, *series: np.ndarray) -> np.ndarray:
    values = [update(*(float(s[i]) for s in series)) for i in range(len(series[0]))]  # type: ignore[operator]
    return np.array([np.nan if v is None else v for v in values], dtype=float)


@pytest.mark.parametrize("n", [1, 5, 20])
def test_sma_and_ema_match_numpy(n: int) -> None:
    np.testing.assert_allclose(run(Sma(n).update, PRICES), ref_sma(PRICES, n), rtol=1e-12)
    np.testing.assert_allclose(run(Ema(n).update, PRICES), ref_ema(PRICES, n), rtol=1e-12)


@pytest.mark.parametrize("n", [2, 14])
def test_rsi_matches_numpy(n: int) -> None:
    np.testing.assert_allclose(run(Rsi(n).update, PRICES), ref_rsi(PRICES, n), rtol=1e-9)


def test_rsi_is_100_without_losses_and_between_0_and_100() -> None:
    rsi = Rsi(3)
    assert [rsi.update(x) for x in (1, 2, 3, 4, 5)][-1] == 100.0
    values = run(Rsi(14).update, PRICES)
    assert np.nanmin(values) >= 0 and np.nanmax(values) <= 100


@pytest.mark.parametrize("n", [1, 14])
def test_atr_matches_numpy(n: int) -> None:
    got = run(Atr(n).update, HIGHS, LOWS, PRICES)
    np.testing.assert_allclose(got, ref_atr(HIGHS, LOWS, PRICES, n), rtol=1e-12)


@pytest.mark.parametrize("n", [2, 20, 100])
def test_rolling_z_score_matches_numpy(n: int) -> None:
    np.testing.assert_allclose(run(RollingZScore(n).update, PRICES), ref_z(PRICES, n), rtol=1e-7)


def test_rolling_z_score_keeps_its_precision_at_large_prices() -> None:
    x = 1e6 + RNG.normal(0, 0.5, 500)
    np.testing.assert_allclose(run(RollingZScore(50).update, x), ref_z(x, 50), rtol=1e-5)


def test_rolling_z_score_of_a_flat_window_is_zero() -> None:
    z = RollingZScore(3)
    assert [z.update(5.0) for _ in range(4)] == [None, None, 0.0, 0.0]


@pytest.mark.parametrize("n", [1, 3, 20])
def test_donchian_matches_numpy(n: int) -> None:
    d = Donchian(n)
    for i in range(len(PRICES)):
        out = d.update(float(HIGHS[i]), float(LOWS[i]))
        if i < n - 1:
            assert out is None
        else:
            assert out == (HIGHS[i - n + 1 : i + 1].max(), LOWS[i - n + 1 : i + 1].min())


def test_periods_are_validated() -> None:
    for make in (Sma, Ema, Rsi, Atr, Donchian):
        with pytest.raises(ValueError, match=r"^period: "):
            make(0)
    with pytest.raises(ValueError, match=r"^period: "):
        RollingZScore(1)
