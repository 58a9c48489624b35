"""Backfilled candle history, generated in one go when the venue starts.

The past is made at three resolutions, each only as far back as it is needed, so a venue starts
in milliseconds. With `end` the venue's start minute and `history_days` D:

    [D0, T2)   1d bars   D0 = UTC midnight, D days before end's day
    [T2, T1)   1h bars   T2 = max(D0, midnight of T1's day - 17 days)
    [T1, end)  1m bars   T1 = max(D0, end's hour - 26 h)

Every other timeframe is aggregated from these (see `SymbolCandles`), so candles agree wherever
they overlap: 5m/15m come from the 1m bars (>= 104 of 15m), 1h/4h from the 1h and 1m bars
(>= 18 days, >= 108 of 4h), 1d from all of them (D + 1 days). The default D = 120 therefore
gives at least 100 candles in every timeframe.

The path is drawn oldest first by the venue's price process (its volatility regime carries from
tier to tier and into the live ticks) and scaled so the last close is the symbol's start price.
Wicks come from each bar's diffusion volatility; volume from the symbol's trade rate, larger on
bars that moved more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.market.candles import Bar, period_start
from engine.market.sim.price_process import YEAR_SECONDS, PriceProcess
from engine.market.sim.symbols import SymbolSpec

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS
MINUTE_TIER_HOURS = 26
HOUR_TIER_DAYS = 17
WICK = 0.7  # wick length in units of the bar's diffusion standard deviation


@dataclass(frozen=True, slots=True)
class Tier:
    period_ms: int
    start_ms: int
    end_ms: int

    @property
    def count(self) -> int:
        return (self.end_ms - self.start_ms) // self.period_ms


def plan_history(now_ms: int, history_days: int) -> list[Tier]:
    """Tiers oldest first, ending at the minute of `now_ms`; empty ones left out."""
    if history_days <= 0:
        return []
    end = period_start(now_ms, MINUTE_MS)
    first = period_start(end, DAY_MS) - history_days * DAY_MS
    minutes_from = max(first, period_start(end, HOUR_MS) - MINUTE_TIER_HOURS * HOUR_MS)
    hours_from = max(first, period_start(minutes_from, DAY_MS) - HOUR_TIER_DAYS * DAY_MS)
    tiers = [
        Tier(DAY_MS, first, hours_from),
        Tier(HOUR_MS, hours_from, minutes_from),
        Tier(MINUTE_MS, minutes_from, end),
    ]
    return [tier for tier in tiers if tier.count > 0]


def generate_history(
    specs: Sequence[SymbolSpec],
    process: PriceProcess,
    tiers: Sequence[Tier],
    rng: np.random.Generator,
) -> list[dict[int, list[Bar[int]]]]:
    """Per symbol: bar length (ms) -> closed bars in ticks and lots, oldest first."""
    if not tiers:
        return [{} for _ in specs]
    chunks = [process.simulate(tier.count, tier.period_ms / 1000) for tier in tiers]
    returns = np.concatenate([c.log_returns for c in chunks])
    sd = np.concatenate([c.diffusion_sd for c in chunks])
    shape = returns.shape
    seconds = np.concatenate([np.full(t.count, t.period_ms / 1000) for t in tiers])[:, None]

    start = np.array([float(s.start_price) for s in specs])
    log_path = np.cumsum(returns, axis=0)
    close = start * np.exp(log_path - log_path[-1])
    first_open = close[0] * np.exp(-returns[0])
    opens = np.vstack([first_open, close[:-1]])
    high = np.maximum(opens, close) * np.exp(WICK * np.abs(rng.standard_normal(shape)) * sd)
    low = np.minimum(opens, close) * np.exp(-WICK * np.abs(rng.standard_normal(shape)) * sd)

    quote_per_second = np.array([s.trade_notional * s.trades_per_minute / 60 for s in specs])
    typical_move = np.sqrt(np.array([s.annual_vol**2 for s in specs]) * seconds / YEAR_SECONDS)
    activity = 0.5 + 0.6 * np.abs(returns) / typical_move
    quote_volume = quote_per_second * seconds * activity * np.exp(0.3 * rng.standard_normal(shape))

    tick = np.array([float(s.market.price_tick) for s in specs])
    step = np.array([float(s.market.qty_step) for s in specs])
    c_t = np.rint(close / tick).astype(np.int64)
    o_t = np.vstack([np.rint(first_open / tick).astype(np.int64), c_t[:-1]])
    h_t = np.maximum(np.rint(high / tick).astype(np.int64), np.maximum(o_t, c_t))
    l_t = np.maximum(1, np.minimum(np.rint(low / tick).astype(np.int64), np.minimum(o_t, c_t)))
    lots = np.rint(quote_volume / close / step).astype(np.int64)
    quote_lots = (o_t + h_t + l_t + c_t) // 4 * lots

    columns = [a.T.tolist() for a in (o_t, h_t, l_t, c_t, lots, quote_lots)]
    histories: list[dict[int, list[Bar[int]]]] = []
    for k in range(len(specs)):
        o, h, lo, c, v, qv = (col[k] for col in columns)
        by_length: dict[int, list[Bar[int]]] = {}
        row = 0
        for tier in tiers:
            bars = by_length.setdefault(tier.period_ms, [])
            for i in range(tier.count):
                j = row + i
                t = tier.start_ms + i * tier.period_ms
                bars.append(Bar(t, o[j], h[j], lo[j], c[j], v[j], qv[j]))
            row += tier.count
        histories.append(by_length)
    return histories
