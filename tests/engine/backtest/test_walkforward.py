"""Walk-forward: windows tile the series, choices are made on the past only, OOS compounds."""

from __future__ import annotations

import numpy as np
import pytest

from engine.backtest.vectorised import run_vectorised, sma_cross_rule
from engine.backtest.walkforward import walk_forward

GRID = {"fast": [5, 10, 20], "slow": [20, 40]}


def prices(n: int = 3000, seed: int = 8) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0.0001, 0.003, n)))
    return np.concatenate(([close[0]], close[:-1])), close


def test_windows_roll_forward_and_test_periods_tile_the_series() -> None:
    open_, close = prices()
    report = walk_forward(open_, close, sma_cross_rule, GRID, train_bars=1000, test_bars=500)
    assert [(w.train, w.test) for w in report.windows] == [
        ((0, 1000), (1000, 1500)),
        ((500, 1500), (1500, 2000)),
        ((1000, 2000), (2000, 2500)),
        ((1500, 2500), (2500, 3000)),
    ]
    assert report.out_of_sample_return == pytest.approx(
        np.prod([1 + w.test_return for w in report.windows]) - 1
    )
    for w in report.windows:
        assert w.params["fast"] < w.params["slow"]  # the invalid (20, 20) is skipped


def test_the_chosen_parameters_are_the_best_on_the_training_bars() -> None:
    open_, close = prices()
    report = walk_forward(open_, close, sma_cross_rule, GRID, train_bars=1000, test_bars=1000)
    first = report.windows[0]
    scores = {}
    for fast in GRID["fast"]:
        for slow in GRID["slow"]:
            if fast < slow:
                entries, exits = sma_cross_rule(close[:1000], fast, slow)
                r = run_vectorised(open_[:1000], close[:1000], entries, exits)
                scores[(fast, slow)] = r.total_return
    best = max(scores, key=lambda k: scores[k])
    assert (first.params["fast"], first.params["slow"]) == best
    assert first.train_return == pytest.approx(scores[best])


def test_a_window_never_reads_bars_after_its_test_period() -> None:
    open_, close = prices()
    before = walk_forward(open_, close, sma_cross_rule, GRID, train_bars=1000, test_bars=500)
    open2, close2 = open_.copy(), close.copy()
    open2[2000:] *= 1.5  # rewrite the future of window 1 (test ends at 2000)
    close2[2000:] *= 1.5
    after = walk_forward(open2, close2, sma_cross_rule, GRID, train_bars=1000, test_bars=500)
    assert after.windows[:2] == before.windows[:2]


def test_sharpe_score_and_report_figures() -> None:
    open_, close = prices(2000)
    report = walk_forward(
        open_, close, sma_cross_rule, GRID, train_bars=800, test_bars=400, score="sharpe"
    )
    assert report.score == "sharpe" and len(report.windows) == 3
    assert report.mean_test_return == pytest.approx(
        np.mean([w.test_return for w in report.windows])
    )
    assert all(0 <= w.test_max_drawdown < 1 for w in report.windows)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"train_bars": 2000, "test_bars": 2000}, "exceed"),
        ({"train_bars": 100, "test_bars": 100, "score": "luck"}, "score"),
        ({"train_bars": 1, "test_bars": 100}, "at least 2"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object], message: str) -> None:
    open_, close = prices(1000)
    with pytest.raises(ValueError, match=message):
        walk_forward(open_, close, sma_cross_rule, GRID, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no parameter combination"):
        walk_forward(open_, close, sma_cross_rule, {"fast": [50], "slow": [10]},
                     train_bars=300, test_bars=300)  # fmt: skip
