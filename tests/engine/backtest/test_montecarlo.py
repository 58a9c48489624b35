"""Monte Carlo bands: seeded, ordered, and right on cases whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from engine.backtest.montecarlo import block_bootstrap_returns, bootstrap_trades, returns_of


def test_same_seed_same_bands_and_bands_are_ordered() -> None:
    returns = np.random.default_rng(4).normal(0.002, 0.02, 80)
    a = bootstrap_trades(returns, initial_equity=1000, runs=500, seed=9)
    b = bootstrap_trades(returns, initial_equity=1000, runs=500, seed=9)
    c = bootstrap_trades(returns, initial_equity=1000, runs=500, seed=10)
    assert a == b and a != c
    finals = list(a.final_equity.values())
    drawdowns = list(a.max_drawdown.values())
    assert finals == sorted(finals) and drawdowns == sorted(drawdowns)
    assert 0 <= a.probability_of_loss <= 1 and a.method == "trades" and a.runs == 500


def test_identical_winning_trades_give_one_outcome_and_no_drawdown() -> None:
    r = bootstrap_trades([0.01] * 10, initial_equity=100, runs=50)
    assert list(r.final_equity.values()) == pytest.approx([100 * 1.01**10] * 5)
    assert list(r.max_drawdown.values()) == [0.0] * 5
    assert r.probability_of_loss == 0.0


def test_order_of_trades_changes_the_drawdown_but_not_the_final_equity_of_a_permutation() -> None:
    # one big loss among gains: the median final equity is what the real sequence made only
    # when the mix is the same; the drawdown spreads across paths
    returns = [0.05] * 9 + [-0.3]
    r = bootstrap_trades(returns, runs=2000, seed=1)
    assert r.max_drawdown[5.0] < r.max_drawdown[95.0]
    assert r.max_drawdown[95.0] >= 0.3 - 1e-12
    assert r.final_equity[5.0] < np.prod([1 + x for x in returns]) < r.final_equity[95.0]


def test_block_bootstrap_keeps_whole_blocks_of_the_series() -> None:
    returns = np.array([0.01, -0.01] * 50)  # alternating: any even block is flat overall
    r = block_bootstrap_returns(returns, block=2, runs=200, seed=3)
    assert r.method == "blocks"
    # every path is a sequence of (+1 %, -1 %) or (-1 %, +1 %) pairs: the same final equity
    assert r.final_equity[5.0] == pytest.approx(r.final_equity[95.0])
    # one block as long as the series: every path is a rotation of it, same final equity
    single = block_bootstrap_returns(returns, block=len(returns), runs=50, seed=3)
    assert list(single.final_equity.values()) == pytest.approx([np.prod(1 + returns)] * 5)


def test_block_bootstrap_of_a_long_series_runs_in_chunks_and_is_seeded() -> None:
    returns = np.random.default_rng(0).normal(0, 0.001, 100_000)
    a = block_bootstrap_returns(returns, block=500, runs=120, seed=5)
    b = block_bootstrap_returns(returns, block=500, runs=120, seed=5)
    assert a == b
    assert a.final_equity[5.0] < 1 < a.final_equity[95.0]


def test_returns_of_an_equity_curve() -> None:
    assert returns_of(np.array([100.0, 110, 99])).tolist() == pytest.approx([0.1, -0.1])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: bootstrap_trades([]), "trade_returns: need at least one"),
        (lambda: bootstrap_trades([0.1, -1.5]), "above -100 %"),
        (lambda: bootstrap_trades([0.1], runs=0), "runs"),
        (lambda: bootstrap_trades([0.1], initial_equity=0), "initial_equity"),
        (lambda: block_bootstrap_returns([0.1, 0.2], block=3), "block: must be 1 to 2"),
    ],
)
def test_bad_input_names_the_argument(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]
