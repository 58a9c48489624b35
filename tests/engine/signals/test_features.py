"""Feature vector: fixed names and order, scale-free, and no look-ahead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest

from engine.market.models import Candle
from engine.signals.features import (
    FEATURE_NAMES,
    MIN_BARS,
    N_FEATURES,
    CandleWindow,
    book_imbalance,
    feature_matrix,
    features_at,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def random_walk(n: int, seed: int = 3) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.002, n)))
    high = close * np.exp(np.abs(rng.normal(0, 0.001, n)))
    low = close * np.exp(-np.abs(rng.normal(0, 0.001, n)))
    volume = rng.lognormal(3, 0.5, n)
    return high, low, close, volume


def test_features_at_bar_t_use_only_bars_up_to_t() -> None:
    high, low, close, volume = random_walk(400)
    full = feature_matrix(high, low, close, volume)
    for t in (MIN_BARS - 1, 100, 250, 399):
        prefix = feature_matrix(high[: t + 1], low[: t + 1], close[: t + 1], volume[: t + 1])
        np.testing.assert_allclose(prefix[t], full[t], rtol=1e-12, atol=1e-15)
    # and changing every bar after t leaves row t alone
    t = 200
    shocked = [a.copy() for a in (high, low, close, volume)]
    for a in shocked:
        a[t + 1 :] *= 3.0
    np.testing.assert_allclose(feature_matrix(*shocked)[t], full[t], rtol=1e-12)
    assert not np.allclose(feature_matrix(*shocked)[t + 1], full[t + 1])


def test_rows_before_enough_history_are_nan_and_after_it_are_finite() -> None:
    x = feature_matrix(*random_walk(MIN_BARS + 5))
    assert x.shape == (MIN_BARS + 5, N_FEATURES)
    assert np.isnan(x[: MIN_BARS - 1]).all()
    assert np.isfinite(x[MIN_BARS - 1 :]).all()
    assert np.isnan(feature_matrix(*random_walk(MIN_BARS - 1))).all()


def test_features_do_not_depend_on_the_price_scale() -> None:
    high, low, close, volume = random_walk(200)
    a = feature_matrix(high, low, close, volume)
    b = feature_matrix(high * 1000, low * 1000, close * 1000, volume)
    np.testing.assert_allclose(a[MIN_BARS:], b[MIN_BARS:], rtol=1e-9, atol=1e-12)


def test_known_values_on_a_steady_uptrend() -> None:
    n = 100
    close = 100 * 1.001 ** np.arange(n)
    row = feature_matrix(close, close, close, np.full(n, 5.0))[-1]
    named = dict(zip(FEATURE_NAMES, row, strict=True))
    assert named["ret_1"] == pytest.approx(np.log(1.001))
    assert named["ret_15"] == pytest.approx(15 * np.log(1.001))
    assert named["vol_15"] == pytest.approx(0.0, abs=1e-12)
    assert named["rsi_14"] == 1.0  # only gains
    assert named["sma_gap_30"] > 0
    assert named["volume_z_30"] == 0.0  # constant volume
    assert named["book_imbalance"] == 0.0  # unknown


def test_window_row_equals_the_matrix_row_and_carries_the_book_imbalance() -> None:
    high, low, close, volume = random_walk(150)

    def dec(x: float) -> Decimal:
        return Decimal(str(float(x)))

    candles = [
        Candle("X/USDT", "1m", T0 + timedelta(minutes=i), dec(c), dec(h), dec(lo), dec(c), dec(v))
        for i, (h, lo, c, v) in enumerate(zip(high, low, close, volume, strict=True))
    ]
    forming = Candle("X/USDT", "1m", T0 + timedelta(minutes=150), *(candles[-1].close,) * 4,
                     Decimal(1), closed=False)  # fmt: skip
    window = CandleWindow.from_candles([*candles, forming], book_imbalance=0.25)
    assert len(window) == 150  # the forming candle is left out
    assert window.end == T0 + timedelta(minutes=150)
    row = features_at(window)
    expected = feature_matrix(high, low, close, volume)[-1]
    np.testing.assert_allclose(row[:-1], expected[:-1], rtol=1e-9)
    assert row[-1] == 0.25


def test_book_imbalance_is_signed_share_of_the_bid_side() -> None:
    assert book_imbalance(3, 1) == 0.5
    assert book_imbalance(1, 3) == -0.5
    assert book_imbalance(0, 0) == 0.0
