"""Backtest speed: backtesting.py vs `engine.backtest.vectorised`, same rule, same trades.

One year of 1-minute candles (525,600 bars, seeded random walk with daily volatility regimes,
prices on a 0.01 tick grid), SMA(10)/SMA(30) crossover, long-only, 0.1 % fee per fill, fills
at the next bar's open. backtesting.py runs its documented `SmaCross` pattern (`crossover`,
`buy(size=1)`, `position.close()`) with the same SMA values; ours computes the same rule as arrays.
The two trade lists (entry/exit bar and price) are asserted identical, then both times and the
ratio are printed. Also: ONNX batch inference latency of the bundled direction model.

    python bench/backtest.py                 # 525,600 bars
    python bench/backtest.py --bars 5000     # small run (tests)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from backtesting import Backtest, Strategy
from backtesting.lib import crossover

from engine.backtest.vectorised import run_vectorised, sma, sma_cross_rule
from engine.signals.features import N_FEATURES
from engine.signals.onnx_model import SignalModel

YEAR_OF_MINUTES = 525_600
FAST, SLOW = 10, 30
FEE = 0.001
TICK = 0.01


def generate(bars: int, seed: int = 7) -> pd.DataFrame:
    """OHLCV 1m bars from 30,000.00: returns with a volatility level drawn per day."""
    rng = np.random.default_rng(seed)
    daily_vol = rng.lognormal(np.log(0.0008), 0.4, bars // 1440 + 1)
    returns = rng.standard_normal(bars) * np.repeat(daily_vol, 1440)[:bars]
    close = np.round(30_000 * np.exp(np.cumsum(returns)) / TICK) * TICK
    open_ = np.concatenate(([close[0]], close[:-1]))
    wick = np.abs(rng.standard_normal((2, bars))) * np.repeat(daily_vol, 1440)[:bars] * 0.5
    high = np.round(np.maximum(open_, close) * np.exp(wick[0]) / TICK) * TICK
    low = np.round(np.minimum(open_, close) * np.exp(-wick[1]) / TICK) * TICK
    volume = rng.lognormal(1.0, 0.5, bars)
    index = pd.date_range("2025-01-01", periods=bars, freq="1min", tz="UTC")
    return pd.DataFrame(
        {"Open": open_, "High": high, "Low": low, "Close": close, "Volume": volume}, index=index
    )


class SmaCross(Strategy):
    fast = FAST
    slow = SLOW

    def init(self) -> None:
        self.sma_fast = self.I(sma, self.data.Close, self.fast)
        self.sma_slow = self.I(sma, self.data.Close, self.slow)

    def next(self) -> None:
        if crossover(self.sma_fast, self.sma_slow):
            if not self.position:
                self.buy(size=1)
        elif crossover(self.sma_slow, self.sma_fast) and self.position:
            self.position.close()


Trade = tuple[int, int, float, float]


def run_baseline(data: pd.DataFrame) -> list[Trade]:
    # One unit per trade: with fees, an all-in account shrinks below one unit's price after a
    # few thousand trades and backtesting.py then cancels the buys (whole units only).
    bt = Backtest(data, SmaCross, cash=1e7, commission=FEE, finalize_trades=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = bt.run()
    trades = stats["_trades"]
    return list(
        zip(
            trades["EntryBar"].astype(int).tolist(),
            trades["ExitBar"].astype(int).tolist(),
            trades["EntryPrice"].astype(float).tolist(),
            trades["ExitPrice"].astype(float).tolist(),
            strict=True,
        )
    )


def run_ours(data: pd.DataFrame) -> list[Trade]:
    close = data["Close"].to_numpy()
    entries, exits = sma_cross_rule(close, FAST, SLOW)
    result = run_vectorised(data["Open"].to_numpy(), close, entries, exits, fee=FEE)
    return [t for t in result.trades if t[1] >= 0]  # closed trades, as backtesting.py lists


def timed_rounds(
    runs: dict[str, Callable[[], list[Trade]]], rounds: int
) -> tuple[dict[str, tuple[float, float]], dict[str, list[Trade]]]:
    """Interleaved rounds (a busy machine slows both alike): median (wall, CPU) seconds each."""
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    trades: dict[str, list[Trade]] = {}
    for _ in range(rounds):
        for name, fn in runs.items():
            w, c = time.perf_counter(), time.process_time()
            trades[name] = fn()
            wall[name].append(time.perf_counter() - w)
            cpu[name].append(time.process_time() - c)
    medians = {n: (statistics.median(wall[n]), statistics.median(cpu[n])) for n in runs}
    return medians, trades


def onnx_latency(rows: int, repeat: int = 200) -> float:
    """Median seconds of one batched direction-model run over `rows` feature rows."""
    model = SignalModel.bundled().direction
    x = np.random.default_rng(1).normal(size=(rows, N_FEATURES)).astype(np.float32)
    model.predict_proba(x)  # warm-up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        model.predict_proba(x)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bars", type=int, default=YEAR_OF_MINUTES)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs each (median)")
    args = ap.parse_args(argv)

    data = generate(args.bars, args.seed)
    print(f"{args.bars:,} 1m bars (seed {args.seed}), SMA({FAST})/SMA({SLOW}) cross, "
          f"long-only, fee {FEE:.2%}, next-open fills")  # fmt: skip
    times, trades = timed_rounds(
        {"baseline": lambda: run_baseline(data), "ours": lambda: run_ours(data)}, args.repeat
    )
    base_trades, our_trades = trades["baseline"], trades["ours"]
    if base_trades != our_trades:
        first = next(
            (i for i, (a, b) in enumerate(zip(base_trades, our_trades, strict=False)) if a != b),
            min(len(base_trades), len(our_trades)),
        )
        print(f"MISMATCH: {len(base_trades)} vs {len(our_trades)} trades; first difference at "
              f"trade {first}")  # fmt: skip
        return 1
    print(f"trades identical: yes ({len(our_trades):,} closed trades, entry/exit bar and price)")
    (base_wall, base_cpu), (ours_wall, ours_cpu) = times["baseline"], times["ours"]
    print(f"backtesting.py: {base_wall * 1000:9.1f} ms wall, {base_cpu * 1000:9.1f} ms CPU")
    print(f"ours:           {ours_wall * 1000:9.1f} ms wall, {ours_cpu * 1000:9.1f} ms CPU")
    print(f"ratio ours/backtesting.py: {base_wall / ours_wall:.1f}x faster wall, "
          f"{base_cpu / max(ours_cpu, 1e-9):.1f}x CPU "
          f"(median of {args.repeat} interleaved rounds)")  # fmt: skip
    for rows in (1, 1000):
        print(f"onnx direction model, batch of {rows:>5,} rows: "
              f"{onnx_latency(rows) * 1e6:8.1f} us")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
