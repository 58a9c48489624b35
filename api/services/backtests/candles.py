"""Backtest candles from the sim venue's history generator: the same (seed, symbol, timeframe,
days) always gives the same candles, whatever else the venue or other jobs are doing.

One symbol's price process is drawn alone (its own GARCH volatility clustering and jumps, no
cross-asset factor), from a generator seeded with (seed, the symbol's index in the listing), over
a fixed window that ends at `HISTORY_END`, and scaled so the last close is the symbol's start
price, like the venue's own backfill.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

import numpy as np

from engine.market.models import TIMEFRAMES, Candle, Market
from engine.market.sim.history import Tier, generate_history
from engine.market.sim.price_process import AssetDynamics, PriceProcess
from engine.market.sim.symbols import default_symbol_names, select_symbols

HISTORY_END = datetime(2026, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=4)  # re-runs with other params (and walk-forward) reuse the candles
def sim_candles(
    seed: int, symbol: str, timeframe: str, days: int
) -> tuple[Market, tuple[Candle, ...]]:
    """(the market, closed candles oldest first) covering `days` days before HISTORY_END."""
    [spec] = select_symbols([symbol])
    period_ms = TIMEFRAMES[timeframe] * 1000
    end_ms = int(HISTORY_END.timestamp() * 1000)
    count = days * 86_400_000 // period_ms
    process = PriceProcess(
        [
            AssetDynamics(
                annual_vol=spec.annual_vol,
                jumps_per_day=spec.jumps_per_day,
                jump_scale=spec.jump_scale,
                factor_correlation=0.0,
            )
        ],
        np.random.default_rng([seed, list(default_symbol_names()).index(symbol)]),
        factor_index=None,
    )
    tier = Tier(period_ms, end_ms - count * period_ms, end_ms)
    [history] = generate_history([spec], process, [tier], np.random.default_rng([seed, 1]))
    market = spec.market
    tick, step = market.price_tick, market.qty_step
    first = HISTORY_END - count * timedelta(milliseconds=period_ms)
    period = timedelta(milliseconds=period_ms)
    candles = tuple(
        Candle(
            symbol=symbol,
            timeframe=timeframe,
            open_time=first + i * period,
            open=bar.open * tick,
            high=bar.high * tick,
            low=bar.low * tick,
            close=bar.close * tick,
            volume=bar.volume * step,
        )
        for i, bar in enumerate(history[period_ms])
    )
    return market, candles
