"""Side events for event-driven backtests: the headlines and whale transfers that the sentiment
and whale strategies trade on live, rebuilt for the backtest's candles.

* `sentiment`: the sim headline stream (`engine.news.sim`) derived from the candles' own jumps
  (bars whose move is an outlier against the `window` bars before them), each headline
  published after its jump bar has closed (no lead: up to one bar later), plus neutral noise
  headlines; scored by the same VADER + crypto-lexicon scorer as live.
* `whale`: the simulated large-transfer source of the symbol's base asset (as the live whale
  feed uses), sized so that a typical transfer is worth about `SIM_TRANSFER_NOTIONAL` at the
  first candle's close.

Both are seeded by the backtest's seed and the symbol, so the same request gives the same
events and trades. `WithSideEvents` delivers an event at the close of the first bar that ends
at or after it, so a strategy only trades on it from the next bar (no look-ahead).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from engine.market.models import TIMEFRAMES, Candle
from engine.news.models import Headline
from engine.news.scoring import HeadlineScorer, news_events
from engine.news.sim import jumps_from_candles, sim_headlines
from engine.strategies.base import WhaleTransfer
from engine.strategies.feed import SideEvent
from engine.strategies.transfers import SimulatedTransfers

SIM_TRANSFER_NOTIONAL = Decimal(5_000_000)  # as api/workers/whale_feed.py
JUMP_K = 4.0  # a jump: |return| above JUMP_K x the median |return| of the window before
JUMP_WINDOW = 48


@lru_cache(maxsize=1)
def _scorer() -> HeadlineScorer:
    return HeadlineScorer()


def backtest_events(
    kind: str, seed: int, symbol: str, candles: Sequence[Candle]
) -> list[SideEvent]:
    """The side events a `kind` strategy gets over `candles` (oldest first); [] for kinds that
    trade on candles alone."""
    if not candles:
        return []
    if kind == "sentiment":
        return list(news_events(backtest_headlines(seed, symbol, candles), _scorer()))
    if kind == "whale":
        return list(backtest_transfers(seed, symbol, candles))
    return []


def backtest_headlines(seed: int, symbol: str, candles: Sequence[Candle]) -> list[Headline]:
    period = timedelta(seconds=TIMEFRAMES[candles[0].timeframe])
    jumps = [(at + period, size) for at, size in jumps_from_candles(candles, JUMP_K, JUMP_WINDOW)]
    return sim_headlines(
        seed,
        symbol,
        jumps,  # stamped at the jump bar's close; published up to one bar after it
        start=candles[0].open_time,
        end=candles[-1].open_time + period,
        lead_s=0.0,
        lag_s=period.total_seconds(),
    )


def backtest_transfers(seed: int, symbol: str, candles: Sequence[Candle]) -> list[WhaleTransfer]:
    first = candles[0]
    price = first.close
    typical = max(Decimal(1), (SIM_TRANSFER_NOTIONAL / price).quantize(Decimal(1)))
    source = SimulatedTransfers(seed, symbol.split("/")[0], typical_amount=typical)
    end = candles[-1].open_time + timedelta(seconds=TIMEFRAMES[first.timeframe])
    return source.transfers(first.open_time, end)
