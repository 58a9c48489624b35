"""The signal models' feature vector, from a window of candles (and a book imbalance if known).

Every feature is scale-free (log returns, ratios, z-scores), so one model serves symbols of any
price. The row for bar t is computed from bars <= t only: `feature_matrix` gives every bar's row
at once (training, backtests), `features_at` the last bar's row (live inference); both use the
same code, so what a model was trained on is what it is served.

Rows before `MIN_BARS` bars of history are NaN (not enough data), never silently padded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from engine.market.models import TIMEFRAMES, Candle

FEATURE_NAMES: tuple[str, ...] = (
    "ret_1",  # log return over the last bar
    "ret_5",  # ... over 5 bars
    "ret_15",  # ... over 15 bars
    "ret_30",  # ... over 30 bars
    "vol_15",  # realised volatility: std of 1-bar log returns over 15 bars
    "vol_60",  # ... over 60 bars
    "vol_ratio",  # vol_15 / vol_60 (volatility expanding > 1, contracting < 1)
    "rsi_14",  # relative strength over 14 bars, 0..1 (simple averages of gains and losses)
    "range_15",  # log(highest high / lowest low) over 15 bars
    "sma_gap_30",  # close / SMA(30) of closes - 1
    "volume_z_30",  # z-score of log(1 + volume) against the previous 30 bars
    "book_imbalance",  # (bid qty - ask qty) / (bid qty + ask qty) near the touch; 0 when unknown
)
N_FEATURES = len(FEATURE_NAMES)
MIN_BARS = 61  # vol_60 needs 60 one-bar returns


@dataclass(frozen=True)
class CandleWindow:
    """The recent closed candles of one symbol and timeframe, oldest first, as float arrays."""

    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray
    end: datetime  # close time of the last bar: when its features became known
    book_imbalance: float | None = None

    @classmethod
    def from_candles(
        cls, candles: Sequence[Candle], book_imbalance: float | None = None
    ) -> CandleWindow:
        """Closed candles only (a forming one would be look-ahead within its bar)."""
        bars = [c for c in candles if c.closed]
        if not bars:
            raise ValueError("candles: need at least one closed candle")
        columns = np.array(
            [[float(c.open), float(c.high), float(c.low), float(c.close), float(c.volume)]
             for c in bars],
            dtype=np.float64,
        )  # fmt: skip
        last = bars[-1]
        end = last.open_time + timedelta(seconds=TIMEFRAMES[last.timeframe])
        o, h, lo, c, v = columns.T
        return cls(o, h, lo, c, v, end=end, book_imbalance=book_imbalance)

    def __len__(self) -> int:
        return int(self.close.shape[0])


def book_imbalance(bid_qty: float, ask_qty: float) -> float:
    total = bid_qty + ask_qty
    return 0.0 if total <= 0 else (bid_qty - ask_qty) / total


def feature_matrix(
    high: np.ndarray,
    low: np.ndarray,
    close: np.ndarray,
    volume: np.ndarray,
    imbalance: np.ndarray | None = None,
) -> np.ndarray:
    """(n, N_FEATURES) float64; row t uses bars <= t only; rows t < MIN_BARS - 1 are NaN."""
    close = np.asarray(close, dtype=np.float64)
    n = close.shape[0]
    out = np.full((n, N_FEATURES), np.nan)
    if n < MIN_BARS:
        return out
    log_close = np.log(close)
    r1 = np.full(n, np.nan)
    r1[1:] = np.diff(log_close)
    col = dict(zip(FEATURE_NAMES, range(N_FEATURES), strict=True))

    for name, k in (("ret_1", 1), ("ret_5", 5), ("ret_15", 15), ("ret_30", 30)):
        out[k:, col[name]] = log_close[k:] - log_close[:-k]
    vol_15 = _trailing(r1, 15, np.std)
    vol_60 = _trailing(r1, 60, np.std)
    out[:, col["vol_15"]] = vol_15
    out[:, col["vol_60"]] = vol_60
    with np.errstate(divide="ignore", invalid="ignore"):
        out[:, col["vol_ratio"]] = np.where(vol_60 > 0, vol_15 / vol_60, 1.0)
        gains = _trailing(np.maximum(r1, 0.0), 14, np.mean)
        losses = _trailing(np.maximum(-r1, 0.0), 14, np.mean)
        total = gains + losses
        out[:, col["rsi_14"]] = np.where(total > 0, gains / total, 0.5)
        highest = _trailing(np.log(np.asarray(high, dtype=np.float64)), 15, np.max)
        lowest = _trailing(np.log(np.asarray(low, dtype=np.float64)), 15, np.min)
        out[:, col["range_15"]] = highest - lowest
        out[:, col["sma_gap_30"]] = close / _trailing(close, 30, np.mean) - 1.0
        log_volume = np.log1p(np.maximum(np.asarray(volume, dtype=np.float64), 0.0))
        previous = np.full(n, np.nan)
        previous[1:] = log_volume[:-1]
        mean = _trailing(previous, 30, np.mean)
        sd = _trailing(previous, 30, np.std)
        out[:, col["volume_z_30"]] = np.where(sd > 0, (log_volume - mean) / sd, 0.0)
    out[:, col["book_imbalance"]] = 0.0 if imbalance is None else np.nan_to_num(imbalance)
    out[: MIN_BARS - 1] = np.nan
    return out


def features_at(window: CandleWindow) -> np.ndarray:
    """The feature row of the window's last bar (NaN if the window is shorter than MIN_BARS)."""
    tail = slice(max(0, len(window) - MIN_BARS), None)  # older bars do not change the row
    imbalance = np.zeros(len(window.close[tail]))
    imbalance[-1] = window.book_imbalance or 0.0
    rows = feature_matrix(
        window.high[tail], window.low[tail], window.close[tail], window.volume[tail], imbalance
    )
    return rows[-1]


def _trailing(values: np.ndarray, length: int, reduce: object) -> np.ndarray:
    """reduce() over each trailing window of `length` values ending at t; NaN before."""
    out = np.full(values.shape[0], np.nan)
    if values.shape[0] >= length:
        windows = sliding_window_view(values, length)
        out[length - 1 :] = reduce(windows, axis=1)  # type: ignore[operator]
    return out
