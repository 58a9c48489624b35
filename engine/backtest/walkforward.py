"""Walk-forward optimisation of a vectorised rule: choose on the past, judge on what follows.

The series is cut into rolling windows: `train_bars` to choose parameters, then the next
`test_bars` to trade them, then the windows move on by `step` bars (default `test_bars`, so the
test periods tile the series without overlap). In each window every combination of the grid is
backtested on the training bars only and the best by `score` is kept; it is then traded on the
test bars. Indicators may warm up on the training bars (the past), but trades start flat at the
first test bar and nothing after the test period is ever read. A position still open at the
end of a test period is marked at its last close.

The report lists each window's choice and in/out-of-sample figures and compounds the
out-of-sample returns: the honest estimate of what "re-optimise every period" would have made.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.backtest.vectorised import Execution, VectorisedResult, run_vectorised

Rule = Callable[..., tuple[np.ndarray, np.ndarray]]  # rule(close, **params) -> (entries, exits)
SCORES = ("total_return", "sharpe")


@dataclass(frozen=True)
class WindowResult:
    train: tuple[int, int]  # [start, end) bar indices
    test: tuple[int, int]
    params: dict[str, Any]
    train_score: float
    train_return: float
    test_return: float
    test_trades: int
    test_max_drawdown: float


@dataclass(frozen=True)
class WalkForwardReport:
    windows: list[WindowResult]
    score: str

    @property
    def out_of_sample_return(self) -> float:
        return float(np.prod([1 + w.test_return for w in self.windows]) - 1)

    @property
    def mean_train_return(self) -> float:
        return float(np.mean([w.train_return for w in self.windows]))

    @property
    def mean_test_return(self) -> float:
        return float(np.mean([w.test_return for w in self.windows]))

    @property
    def efficiency(self) -> float:
        """Mean test return over mean train return: near 1 holds up, <= 0 was curve-fitting."""
        train = self.mean_train_return
        return self.mean_test_return / train if train else 0.0


def walk_forward(
    open_: np.ndarray,
    close: np.ndarray,
    rule: Rule,
    grid: Mapping[str, Sequence[Any]],
    *,
    train_bars: int,
    test_bars: int,
    step: int | None = None,
    fee: float = 0.001,
    execution: Execution = Execution.NEXT_OPEN,
    score: str = "total_return",
) -> WalkForwardReport:
    open_ = np.asarray(open_, dtype=np.float64)
    close = np.asarray(close, dtype=np.float64)
    n = close.shape[0]
    step = test_bars if step is None else step
    if score not in SCORES:
        raise ValueError(f"score: use one of {', '.join(SCORES)}, got {score!r}")
    if train_bars < 2 or test_bars < 2 or step < 1:
        raise ValueError("train_bars and test_bars must be at least 2 and step at least 1")
    if train_bars + test_bars > n:
        raise ValueError(f"train_bars + test_bars ({train_bars + test_bars}) exceed the {n} bars")
    if not grid or any(len(values) == 0 for values in grid.values()):
        raise ValueError("grid: give at least one value for every parameter")
    names = list(grid)
    combos = [dict(zip(names, values, strict=True)) for values in itertools.product(*grid.values())]

    windows = []
    for start in range(0, n - train_bars - test_bars + 1, step):
        train = (start, start + train_bars)
        test = (train[1], train[1] + test_bars)
        best = _best_on_train(open_, close, rule, combos, train, fee, execution, score)
        if best is None:
            raise ValueError("grid: no parameter combination is valid for this rule")
        params, train_score, train_return = best
        result = _trade_test(open_, close, rule, params, train, test, fee, execution)
        windows.append(
            WindowResult(
                train=train,
                test=test,
                params=params,
                train_score=train_score,
                train_return=train_return,
                test_return=result.total_return,
                test_trades=int(result.entry_bars.size),
                test_max_drawdown=result.max_drawdown,
            )
        )
    return WalkForwardReport(windows=windows, score=score)


def _best_on_train(
    open_: np.ndarray,
    close: np.ndarray,
    rule: Rule,
    combos: list[dict[str, Any]],
    train: tuple[int, int],
    fee: float,
    execution: Execution,
    score: str,
) -> tuple[dict[str, Any], float, float] | None:
    best: tuple[dict[str, Any], float, float] | None = None
    segment = slice(*train)
    for params in combos:
        try:
            entries, exits = rule(close[segment], **params)
        except ValueError:
            continue  # e.g. fast >= slow: not a valid combination
        result = run_vectorised(
            open_[segment], close[segment], entries, exits, fee=fee, execution=execution
        )
        value = _score(result, score)
        if best is None or value > best[1]:  # ties keep the first (grid order)
            best = (params, value, result.total_return)
    return best


def _trade_test(
    open_: np.ndarray,
    close: np.ndarray,
    rule: Rule,
    params: dict[str, Any],
    train: tuple[int, int],
    test: tuple[int, int],
    fee: float,
    execution: Execution,
) -> VectorisedResult:
    """Signals from train start (warm-up on the past) to test end; trades on test bars only."""
    segment = slice(train[0], test[1])
    entries, exits = rule(close[segment], **params)
    offset = test[0] - train[0]
    tested = slice(offset, None)
    return run_vectorised(
        open_[segment][tested],
        close[segment][tested],
        np.asarray(entries)[tested],
        np.asarray(exits)[tested],
        fee=fee,
        execution=execution,
    )


def _score(result: VectorisedResult, score: str) -> float:
    if score == "total_return":
        return result.total_return
    returns = np.diff(result.equity) / result.equity[:-1]
    sd = float(np.std(returns))
    return float(np.mean(returns)) / sd if sd > 0 else 0.0
