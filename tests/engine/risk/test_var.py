"""Portfolio VaR against known distributions."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from engine.risk.var import (
    VarMethod,
    daily_returns,
    historical_var,
    parametric_var,
    portfolio_var,
)

H, P = VarMethod.HISTORICAL, VarMethod.PARAMETRIC


def normal_returns(sigma: float, days: int, seed: int = 1) -> np.ndarray:
    r = np.random.default_rng(seed).normal(0.0, sigma, days)
    return (r - r.mean()) / r.std(ddof=1) * sigma  # exactly mean 0, sd sigma


def test_parametric_var_of_one_normal_asset_is_z_sigma_value() -> None:
    report = portfolio_var({"BTC": 10_000}, {"BTC": normal_returns(0.02, 500)})
    assert float(report.get(P, 0.95)) == pytest.approx(1.6449 * 0.02 * 10_000, rel=1e-4)
    assert float(report.get(P, 0.99)) == pytest.approx(2.3263 * 0.02 * 10_000, rel=1e-4)
    assert report.value == Decimal(10_000) and report.days == 500


def test_historical_var_of_many_normal_days_is_close_to_parametric() -> None:
    report = portfolio_var({"BTC": 10_000}, {"BTC": normal_returns(0.02, 20_000, seed=3)})
    for c in (0.95, 0.99):
        assert float(report.get(H, c)) == pytest.approx(float(report.get(P, c)), rel=0.05)
    assert report.get(H, 0.99) > report.get(H, 0.95)


def test_historical_var_is_the_interpolated_quantile_of_replayed_pnl() -> None:
    # 100 days: losses of 1..10 % on ten of them, +1 % on the rest; position 1000
    r = np.full(100, 0.01)
    r[np.arange(10) * 9] = -np.arange(1, 11) / 100
    w = np.array([1000.0])
    # sorted P&L -100, -90, ..., -10, +10...: the 5 % point sits at rank 4.95 of 0..99
    assert historical_var(w, r[:, None], 0.95) == pytest.approx(50.5)  # -60 + 0.95 * 10
    assert historical_var(w, r[:, None], 0.99) == pytest.approx(90.1)  # -100 + 0.99 * 10
    assert historical_var(w, np.abs(r)[:, None], 0.99) == 0.0  # never a loss


def test_diversification_with_independent_assets_and_hedging_with_a_short() -> None:
    a, b = normal_returns(0.02, 400, seed=1), normal_returns(0.02, 400, seed=2)
    b = b - np.dot(b, a) / np.dot(a, a) * a  # exactly uncorrelated with a
    b = b / b.std(ddof=1) * 0.02
    two = portfolio_var({"A": 5000, "B": 5000}, {"A": a, "B": b})
    assert float(two.get(P, 0.95)) == pytest.approx(1.6449 * 0.02 * 5000 * np.sqrt(2), rel=1e-3)

    hedged = portfolio_var({"A": 5000, "A2": -5000}, {"A": a, "A2": a})
    assert hedged.get(P, 0.99) == 0 and hedged.get(H, 0.99) == 0


def test_perfectly_correlated_assets_add_up() -> None:
    a = normal_returns(0.03, 300)
    w, m = np.array([2000.0, 3000.0]), np.column_stack([a, a])
    assert parametric_var(w, m, 0.95) == pytest.approx(
        parametric_var(np.array([5000.0]), a[:, None], 0.95)
    )


def test_the_mean_is_left_out_unless_asked() -> None:
    r = normal_returns(0.01, 250) + 0.002
    without = portfolio_var({"X": 1000}, {"X": r})
    with_mean = portfolio_var({"X": 1000}, {"X": r}, include_mean=True)
    assert float(without.get(P, 0.95)) - float(with_mean.get(P, 0.95)) == pytest.approx(2.0)


def test_series_are_aligned_on_their_latest_days() -> None:
    long = normal_returns(0.02, 300)
    short = long[-100:]
    report = portfolio_var({"L": 1000, "S": 1000}, {"L": long, "S": short})
    assert report.days == 100
    assert float(report.get(P, 0.95)) == pytest.approx(
        parametric_var(np.array([2000.0]), short[:, None], 0.95)
    )


def test_daily_returns_from_closes() -> None:
    np.testing.assert_allclose(daily_returns([100, 110, Decimal(99)]), [0.1, -0.1])
    with pytest.raises(ValueError, match=r"^closes: "):
        daily_returns([100])


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ValueError, match=r"^returns: none for ETH"):
        portfolio_var({"ETH": 1}, {})
    with pytest.raises(ValueError, match=r"^returns: need at least 20 days"):
        portfolio_var({"ETH": 1}, {"ETH": [0.01] * 5})
    with pytest.raises(ValueError, match=r"^returns: must be finite"):
        portfolio_var({"ETH": 1}, {"ETH": [0.01] * 19 + [float("nan")]})
    with pytest.raises(ValueError, match=r"^confidence: "):
        portfolio_var({"ETH": 1}, {"ETH": [0.01] * 30}, confidences=(1.0,))


def test_an_empty_portfolio_has_no_risk() -> None:
    report = portfolio_var({}, {})
    assert report.value == 0 and all(f.amount == 0 for f in report.figures)
    assert {(f.method, f.confidence) for f in report.figures} == {
        (m, c) for m in VarMethod for c in (0.95, 0.99)
    }
