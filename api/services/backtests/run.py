"""Run one validated backtest spec to its JSON report (CPU work: called in a worker thread).

Phases, weighted by the bars each one walks so the progress fraction moves evenly: the main
event-driven backtest, then each walk-forward window (every grid combination on the training
bars, the best one on the test bars), then Monte Carlo (cheap, vectorised). `progress(done)`
receives the fraction done (0..1); it may raise to cancel the run.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from api.services.backtests.candles import sim_candles
from api.services.backtests.data_events import backtest_events
from api.services.backtests.report import (
    equity_curve,
    metrics,
    round_trip_returns,
    trades,
)
from api.services.backtests.signals import UploadedModel, candle_signals
from api.services.backtests.spec import BacktestSpec, MonteCarloSpec, WalkForwardSpec
from engine.backtest.montecarlo import (
    MonteCarloResult,
    block_bootstrap_returns,
    bootstrap_trades,
    returns_of,
)
from engine.backtest.runner import BacktestResult, FillModel, run_backtest
from engine.bots import templates as catalogue
from engine.market.models import TIMEFRAMES, Candle, Market
from engine.strategies import registry
from engine.strategies.base import Strategy
from engine.strategies.feed import SideEvent, WithSideEvents, event_time

Progress = Callable[[float], None]
MONTE_CARLO_BLOCK = 60  # bars per block of the block bootstrap


class _Meter:
    """Turns bars walked in each phase into one overall fraction."""

    def __init__(self, total_bars: int, progress: Progress) -> None:
        self.total = max(total_bars, 1)
        self.done = 0
        self.progress = progress

    def on_bar(self, done: int, total: int) -> None:
        self.progress(min(1.0, (self.done + done) / self.total))

    def finish_phase(self, bars: int) -> None:
        self.done += bars
        self.progress(min(1.0, self.done / self.total))


def execute(
    spec: BacktestSpec,
    progress: Progress,
    uploaded: UploadedModel | None = None,
    data: tuple[Market, Sequence[Candle]] | None = None,
) -> dict[str, Any]:
    """`uploaded`: the user's model when `spec.signal_model` names one (its bytes are not in
    the spec, which is stored as the job's input); `data`: the market and candles to run on
    (an imported candle set, api/services/backtests/data.py) instead of the sim history."""
    market, candles = data or sim_candles(spec.seed, spec.symbol, spec.timeframe, spec.days)
    signals = candle_signals(candles, uploaded) if spec.signal_model else []
    events = backtest_events(spec.kind, spec.seed, spec.symbol, candles)  # news, transfers
    progress(0.0)  # a job canceled while its candles were drawn stops here
    params = spec.params
    if spec.template_id is not None:  # sized at the first bar, traded from the second
        template = catalogue.template(spec.template_id)
        params = template.params_for(market, candles[0].close, Decimal(spec.capital))
        candles = candles[1:]
    bars = len(candles)
    wf = spec.walk_forward
    wf_bars = _walk_forward_bars(bars, wf) if wf else 0
    meter = _Meter(bars + wf_bars, progress)
    fills = FillModel(
        slippage_pct=Decimal(spec.slippage_pct),
        maker_fee=None if spec.maker_fee is None else Decimal(spec.maker_fee),
        taker_fee=None if spec.taker_fee is None else Decimal(spec.taker_fee),
        spread_bps=Decimal(spec.spread_bps),
        impact_factor=Decimal(spec.impact_factor),
        latency_bars=spec.latency_bars,
        partial_fill_share=(
            None if spec.partial_fill_share is None else Decimal(spec.partial_fill_share)
        ),
    )
    capital = Decimal(spec.capital)
    side: list[SideEvent] = [*signals, *events]
    strategy = _with_signals(registry.build_strategy(spec.kind, params, market), side)
    result = run_backtest(
        strategy, market, candles, initial_quote=capital, fill_model=fills, on_bar=meter.on_bar
    )
    meter.finish_phase(bars)
    trade_list, truncated = trades(result)
    report: dict[str, Any] = {
        "params": params,
        "start": candles[0].open_time.isoformat(),
        "end": result.times[-1].isoformat(),
        "bars": bars,
        "metrics": metrics(result, float(capital), TIMEFRAMES[spec.timeframe]),
        "equity_curve": equity_curve(result),
        "trades": trade_list,
        "trades_truncated": truncated,
        "rejections": len(result.rejections),
        "signals": len(signals),
        "events": len(events),  # headlines / whale transfers fed
        "monte_carlo": None,
        "walk_forward": None,
    }
    if wf is not None:
        report["walk_forward"] = _walk_forward(
            spec, wf, params, market, candles, capital, fills, meter, side
        )
    if spec.monte_carlo is not None:
        report["monte_carlo"] = _monte_carlo(spec.monte_carlo, result, float(capital))
    progress(1.0)
    return report


def _with_signals(strategy: Strategy, signals: Sequence[SideEvent]) -> Strategy:
    return WithSideEvents(strategy, signals) if signals else strategy


def _split(bars: int, wf: WalkForwardSpec) -> list[tuple[range, range]]:
    width = bars // wf.windows
    train = max(2, int(width * wf.train_share))
    out = []
    for w in range(wf.windows):
        start = w * width
        out.append((range(start, start + train), range(start + train, start + width)))
    return [(tr, te) for tr, te in out if len(te) >= 2]


def _walk_forward_bars(bars: int, wf: WalkForwardSpec) -> int:
    combos = len(list(itertools.product(*wf.grid.values())))
    return sum(len(tr) * combos + len(te) for tr, te in _split(bars, wf))


def _walk_forward(
    spec: BacktestSpec,
    wf: WalkForwardSpec,
    params: dict[str, Any],
    market: Market,
    candles: Sequence[Candle],
    capital: Decimal,
    fills: FillModel,
    meter: _Meter,
    signals: list[SideEvent],
) -> dict[str, Any]:
    names = list(wf.grid)
    combos = [dict(zip(names, c, strict=True)) for c in itertools.product(*wf.grid.values())]

    def run(chosen: dict[str, Any], span: range) -> BacktestResult:
        window = candles[span.start : span.stop]
        first = window[0].open_time  # signals of earlier bars would arrive all at once: skip
        recent = [s for s in signals if event_time(s) > first]
        strategy = _with_signals(
            registry.build_strategy(spec.kind, {**params, **chosen}, market), recent
        )
        result = run_backtest(
            strategy, market, window, initial_quote=capital, fill_model=fills, on_bar=meter.on_bar
        )
        meter.finish_phase(len(window))
        return result

    windows: list[dict[str, Any]] = []
    train_returns: list[float] = []
    test_returns: list[float] = []
    for train, test in _split(len(candles), wf):
        scored = [(run(c, train).stats.total_return, i) for i, c in enumerate(combos)]
        best_return, best = max(scored, key=lambda s: (s[0], -s[1]))  # ties: first in grid
        tested = run(combos[best], test)
        train_returns.append(best_return)
        test_returns.append(tested.stats.total_return)
        windows.append(
            {
                "train_start": candles[train.start].open_time.isoformat(),
                "test_start": candles[test.start].open_time.isoformat(),
                "test_end": tested.times[-1].isoformat(),
                "params": combos[best],
                "train_return": best_return,
                "test_return": tested.stats.total_return,
                "test_trades": tested.stats.trade_count,
                "test_max_drawdown": tested.stats.max_drawdown,
            }
        )
    train_mean = float(np.mean(train_returns)) if windows else 0.0
    test_mean = float(np.mean(test_returns)) if windows else 0.0
    return {
        "windows": windows,
        "out_of_sample_return": float(np.prod(1 + np.asarray(test_returns)) - 1),
        "mean_train_return": train_mean,
        "mean_test_return": test_mean,
        "efficiency": test_mean / train_mean if train_mean else 0.0,
    }


def _monte_carlo(mc: MonteCarloSpec, result: BacktestResult, capital: float) -> dict[str, Any]:
    out: dict[str, Any] = {"trades": None, "blocks": None}
    trip_returns = round_trip_returns(result, Decimal(str(capital)))
    if trip_returns:
        out["trades"] = _bands(
            bootstrap_trades(trip_returns, initial_equity=capital, runs=mc.runs, seed=mc.seed)
        )
    bar_returns = returns_of(np.concatenate(([capital], result.equity)))
    if bar_returns.size:
        block = min(MONTE_CARLO_BLOCK, int(bar_returns.size))
        out["blocks"] = _bands(
            block_bootstrap_returns(
                bar_returns, block=block, initial_equity=capital, runs=mc.runs, seed=mc.seed
            )
        )
    return out


def _bands(r: MonteCarloResult) -> dict[str, Any]:
    return {
        "method": r.method,
        "runs": r.runs,
        "final_equity": [{"percentile": p, "value": v} for p, v in r.final_equity.items()],
        "max_drawdown": [{"percentile": p, "value": v} for p, v in r.max_drawdown.items()],
        "probability_of_loss": r.probability_of_loss,
    }
