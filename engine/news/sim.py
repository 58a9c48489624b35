"""A seeded, offline headline stream that goes with the sim venue's price jumps.

The sim price process has Poisson jumps (see `engine/market/sim/price_process.py`). For each
jump of at least `min_jump` in log size, with probability `hit_rate`, a headline of the jump's
sign appears up to `lead_s` before or `lag_s` after it (news sometimes leaks, mostly follows);
bigger jumps get stronger words. Between them come neutral headlines at `noise_per_day`.
Same seed and inputs: same headlines. The lead is a property of this simulation, not of real
markets: a strategy that profits from it here proves only that it reacts to news.

Jumps are (time, log return) pairs: from the process directly (`jumps_from_path`) or, for
candles only, `jumps_from_candles` (bars whose move is an outlier against recent bars).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from statistics import median

import numpy as np

from engine.market.models import Candle
from engine.news.assets import ASSET_NAMES
from engine.news.models import Headline

SOURCE = "sim-wire"

POSITIVE = (
    "{name} surges after spot ETF approval",
    "{name} rallies as major exchange announces listing",
    "{name} soars on record inflows",
    "{name} jumps after partnership with global payments firm",
    "{name} climbs as institutional adoption grows",
)
MILD_POSITIVE = (
    "{name} edges higher as upgrade nears",
    "{name} gains as inflows return",
)
NEGATIVE = (
    "{name} plunges after exchange hack",
    "{name} slides as exploit drains lending protocol",
    "{name} crashes after regulator sues major exchange",
    "{name} tumbles on delisting news",
    "{name} drops as liquidations cascade",
)
MILD_NEGATIVE = (
    "{name} dips on outflows",
    "{name} slips as traders turn bearish",
)
NEUTRAL = (
    "{name} trading volume steady ahead of data week",
    "Analysts review {name} network metrics",
    "{name} developers publish quarterly roadmap",
    "What to watch for {name} this week",
    "{name} options volume in line with its average",
)


def _name(asset: str) -> str:
    names = ASSET_NAMES.get(asset)
    return names[0].title() if names else asset


def sim_headlines(
    seed: int,
    symbol: str,
    jumps: Sequence[tuple[datetime, float]],
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    min_jump: float = 0.01,
    hit_rate: float = 0.8,
    lead_s: float = 1800.0,
    lag_s: float = 3600.0,
    noise_per_day: float = 6.0,
) -> list[Headline]:
    """Headlines about `symbol`'s base asset, oldest first (noise spans [start, end))."""
    asset = symbol.split("/")[0]
    name = _name(asset)
    rng = np.random.default_rng([seed, sum(map(ord, symbol))])
    out: list[Headline] = []
    for at, size in jumps:
        if abs(size) < min_jump or rng.random() >= hit_rate:
            continue
        offset = timedelta(seconds=float(rng.uniform(-lead_s, lag_s)))
        strong = abs(size) >= 2 * min_jump
        pool = (POSITIVE if strong else MILD_POSITIVE) if size > 0 else NEGATIVE
        if size < 0 and not strong:
            pool = MILD_NEGATIVE
        title = pool[int(rng.integers(len(pool)))].format(name=name)
        out.append(Headline(at + offset, SOURCE, title, (asset,)))
    if start is not None and end is not None and end > start:
        days = (end - start).total_seconds() / 86_400
        count = int(rng.poisson(noise_per_day * days))
        for s in np.sort(rng.uniform(0, (end - start).total_seconds(), count)):
            title = NEUTRAL[int(rng.integers(len(NEUTRAL)))].format(name=name)
            out.append(Headline(start + timedelta(seconds=float(s)), SOURCE, title, (asset,)))
    return sorted(out, key=lambda h: (h.published, h.title))


def jumps_from_path(
    times: Sequence[datetime], jumps: np.ndarray, asset_index: int = 0
) -> list[tuple[datetime, float]]:
    """(time, size) of each nonzero jump of a `PathChunk.jumps` array (one row per time)."""
    column = jumps[:, asset_index]
    return [(times[int(i)], float(column[i])) for i in np.nonzero(column)[0]]


def jumps_from_candles(
    candles: Sequence[Candle], k: float = 4.0, window: int = 48
) -> list[tuple[datetime, float]]:
    """Bars whose close-to-close log return exceeds `k` times the median absolute return of
    the `window` bars before it, stamped at the bar's open."""
    closes = [float(c.close) for c in candles]
    returns = np.diff(np.log(closes)) if len(closes) > 1 else np.array([])
    out = []
    for i in range(window, len(returns)):
        typical = median(abs(r) for r in returns[i - window : i])
        if typical > 0 and abs(returns[i]) > k * typical:
            out.append((candles[i + 1].open_time, float(returns[i])))
    return out


class LiveSimHeadlines:
    """The same stream, live: headlines made as the sim venue's 1m candles close.

    Live, the future path is unknown, so a jump is found after its bar closed (an outlier bar,
    `jumps_from_candles`) and its headline comes up to `lag_s` after the bar (never before:
    no lead). Each closed bar also gets its share of neutral headlines (`noise_per_day`). The
    draws for a bar are seeded by (seed, symbol, bar time): the same market gives the same
    headlines however the candles arrive. The first call only marks where the stream starts.
    """

    def __init__(
        self,
        seed: int,
        symbol: str,
        *,
        k: float = 4.0,
        window: int = 48,
        min_jump: float = 0.01,
        hit_rate: float = 0.8,
        lag_s: float = 120.0,
        noise_per_day: float = 6.0,
    ) -> None:
        self.seed = seed
        self.hit_rate = hit_rate
        self.symbol = symbol
        self.k = k
        self.window = window
        self.min_jump = min_jump
        self.lag_s = lag_s
        self.noise_per_day = noise_per_day
        self._last_bar: datetime | None = None
        self._pending: list[Headline] = []

    def _seed(self, at: datetime) -> int:
        return self.seed * 1_000_003 + int(at.timestamp())

    def on_candles(self, candles: Sequence[Candle]) -> int:
        """Take the latest closed 1m candles (oldest first, at least `window` + 2 for jumps);
        returns how many headlines were queued."""
        closed = [c for c in candles if c.closed]
        if not closed:
            return 0
        last = self._last_bar
        self._last_bar = max(closed[-1].open_time, last or closed[-1].open_time)
        if last is None:
            return 0
        fresh = [c for c in closed if c.open_time > last]
        made: list[Headline] = []
        for at, size in jumps_from_candles(closed, self.k, self.window):
            if at > last:
                made += sim_headlines(
                    self._seed(at), self.symbol, [(at, size)], min_jump=self.min_jump,
                    hit_rate=self.hit_rate, lead_s=0.0, lag_s=self.lag_s,
                )  # fmt: skip
        for bar in fresh:
            end = bar.open_time + timedelta(seconds=60)
            made += sim_headlines(
                self._seed(bar.open_time), self.symbol, [], start=bar.open_time, end=end,
                noise_per_day=self.noise_per_day,
            )  # fmt: skip
        self._pending = sorted([*self._pending, *made], key=lambda h: (h.published, h.title))
        return len(made)

    def due(self, now: datetime) -> list[Headline]:
        """Queued headlines published at or before `now`, oldest first (taken off the queue)."""
        ready = [h for h in self._pending if h.published <= now]
        self._pending = [h for h in self._pending if h.published > now]
        return ready
