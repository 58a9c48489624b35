"""Alert evaluation: the indexed evaluator vs a naive loop over every alert, same run.

100,000 active price alerts over 10 symbols (thresholds within ±5 % of each symbol's price;
above / below / crosses; recurring with a cooldown, so they stay armed) and 1,000,000 ticks
(a seeded random walk per symbol, round-robin). Both evaluators share the series code and the
lifecycle; they differ only in how they find the alerts a tick crossed:

* indexed (`engine.alerts.IndexedEvaluator`): two bisects on the symbol's sorted thresholds.
* naive (`engine.alerts.NaiveEvaluator`): tests every armed alert on every tick. It runs on a
  prefix of the stream (`--naive-ticks`), since 1 M ticks × 100 k alerts would take hours;
  the indexed evaluator is also run on that prefix and must fire exactly the same alerts.

"tick → action enqueued" is the time from handing a tick to the evaluator until its firings are
on the action queue (a deque here; the service's worker then claims and acts).

    python bench/alerts.py                              # 100 k alerts, 1 M ticks
    python bench/alerts.py --alerts 2000 --ticks 20000 --naive-ticks 500   # quick
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import deque
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.alerts import (
    AlertRule,
    Direction,
    Firing,
    IndexedEvaluator,
    MarketTick,
    Metric,
    Mode,
    NaiveEvaluator,
    ThresholdCondition,
)

SYMBOLS = {
    "BTC/USDT": 64_000.0,
    "ETH/USDT": 3_400.0,
    "SOL/USDT": 150.0,
    "BNB/USDT": 580.0,
    "XRP/USDT": 0.6,
    "ADA/USDT": 0.45,
    "DOGE/USDT": 0.15,
    "AVAX/USDT": 35.0,
    "LINK/USDT": 14.0,
    "DOT/USDT": 7.0,
}
Evaluator = IndexedEvaluator | NaiveEvaluator


def make_alerts(n: int, seed: int) -> list[AlertRule]:
    rng = random.Random(seed)
    names = list(SYMBOLS)
    directions = list(Direction)
    rules = []
    for i in range(n):
        symbol = names[i % len(names)]
        threshold = SYMBOLS[symbol] * (1 + rng.uniform(-0.05, 0.05))
        condition = ThresholdCondition(Metric.PRICE, rng.choice(directions), threshold)
        rules.append(
            AlertRule(f"a{i}", f"u{i % 5000}", symbol, condition, Mode.RECURRING, cooldown_s=60.0)
        )
    return rules


def make_ticks(n: int, seed: int) -> tuple[list[str], np.ndarray]:
    """Round-robin symbols; a seeded log random walk per symbol (1 bp steps)."""
    rng = np.random.default_rng(seed)
    names = list(SYMBOLS)
    per = -(-n // len(names))
    steps = rng.normal(0.0, 1e-4, size=(per, len(names)))
    paths = np.exp(np.cumsum(steps, axis=0))
    prices = (paths * np.array([SYMBOLS[s] for s in names])).reshape(-1)[:n]
    symbols = (names * per)[:n]
    return symbols, prices


def run(
    evaluator: Evaluator, symbols: list[str], prices: np.ndarray, n: int, timed: bool
) -> tuple[float, list[tuple[str, int]], list[int]]:
    """Seconds, fired (alert id, tick index), latency (ns) of each tick that fired."""
    queue: deque[Firing] = deque()
    fired: list[tuple[str, int]] = []
    latencies: list[int] = []
    clock = time.perf_counter_ns
    price_list = prices.tolist()
    start = time.perf_counter()
    for i in range(n):
        t0 = clock()
        firings = evaluator.on_tick(MarketTick(symbols[i], i * 0.01, price_list[i]))
        if firings:
            queue.extend(firings)
            latencies.append(clock() - t0)
            if not timed:
                fired.extend((f.rule.id, i) for f in firings)
            queue.clear()
    return time.perf_counter() - start, fired, latencies


def p99(values: list[int]) -> float:
    return float(np.percentile(values, 99)) / 1000 if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--ticks", type=int, default=1_000_000)
    parser.add_argument("--naive-ticks", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rules = make_alerts(args.alerts, args.seed)
    symbols, prices = make_ticks(args.ticks, args.seed)
    naive_n = min(args.naive_ticks, args.ticks)

    def fresh(kind: type[IndexedEvaluator] | type[NaiveEvaluator]) -> Evaluator:
        evaluator = kind()
        evaluator.load(
            AlertRule(r.id, r.user_id, r.symbol, r.condition, r.mode, r.cooldown_s) for r in rules
        )
        return evaluator

    # Same fired set on the prefix both can run.
    _, fired_naive_check, _ = run(fresh(NaiveEvaluator), symbols, prices, naive_n, timed=False)
    _, fired_index_check, _ = run(fresh(IndexedEvaluator), symbols, prices, naive_n, timed=False)
    same = sorted(fired_naive_check) == sorted(fired_index_check)

    t_naive, _, lat_naive = run(fresh(NaiveEvaluator), symbols, prices, naive_n, timed=True)
    indexed = fresh(IndexedEvaluator)
    t_index, _, lat_index = run(indexed, symbols, prices, args.ticks, timed=True)
    fires = sum(r.fires for r in indexed.rules.values())

    per_symbol = args.alerts / len(SYMBOLS)
    naive_tps = naive_n / t_naive
    index_tps = args.ticks / t_index
    print(f"alerts: {args.alerts:,} over {len(SYMBOLS)} symbols; ticks: {args.ticks:,}")
    print(f"same fired set on the first {naive_n:,} ticks: {'yes' if same else 'NO'}")
    print(
        f"naive:   {naive_tps:,.0f} ticks/s ({naive_tps * args.alerts / 1e6:,.1f} M alert "
        f"checks/s, {naive_n:,} ticks in {t_naive:.2f} s); p99 tick->enqueued "
        f"{p99(lat_naive):,.1f} us"
    )
    print(
        f"indexed: {index_tps:,.0f} ticks/s ({index_tps * per_symbol / 1e6:,.1f} M alert "
        f"evaluations/s covered, {args.ticks:,} ticks in {t_index:.2f} s, {fires:,} firings); "
        f"p99 tick->enqueued {p99(lat_index):,.1f} us"
    )
    print(f"ratio indexed/naive (ticks/s): {index_tps / naive_tps:,.0f}x")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
