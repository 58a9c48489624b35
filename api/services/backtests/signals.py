"""ML signals for a backtest: one signal per closed candle from the bundled or an uploaded model.

Features come from `engine.signals.features.feature_matrix` (row t uses candles <= t only) and
both models run once over all rows (one batched session run each). The signal of candle t is
stamped with its close time, so `WithSideEvents` hands it to the strategy just before that
candle: a strategy never sees a signal computed from a candle that had not closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from engine.market.models import TIMEFRAMES, Candle
from engine.signals.features import MIN_BARS, feature_matrix
from engine.signals.onnx_model import DIRECTION_CLASSES, REGIME_CLASSES, OnnxClassifier
from engine.signals.onnx_model import SignalModel as BundledModels
from engine.signals.types import Direction, Regime, Signal

BUNDLED = "bundled"
FLAT_BAND = 0.05  # as the live signal service: |p_up - 0.5| < 0.05 is FLAT
_REGIMES = (Regime.LOW, Regime.NORMAL, Regime.HIGH)


@dataclass(frozen=True)
class UploadedModel:
    name: str
    kind: str  # "direction" or "regime"
    model: bytes


def models_for(uploaded: UploadedModel | None) -> tuple[OnnxClassifier, OnnxClassifier, str]:
    """(direction, regime, name): the bundled pair, with the uploaded model in its place."""
    bundled = BundledModels.bundled()
    if uploaded is None:
        return bundled.direction, bundled.regime, bundled.name
    classes = DIRECTION_CLASSES if uploaded.kind == "direction" else REGIME_CLASSES
    model = OnnxClassifier(uploaded.model, what=uploaded.name, classes=classes)
    if uploaded.kind == "direction":
        return model, bundled.regime, uploaded.name
    return bundled.direction, model, uploaded.name


def candle_signals(candles: Sequence[Candle], uploaded: UploadedModel | None) -> list[Signal]:
    if len(candles) < MIN_BARS:
        return []
    direction, regime, name = models_for(uploaded)
    rows = feature_matrix(
        np.array([float(c.high) for c in candles]),
        np.array([float(c.low) for c in candles]),
        np.array([float(c.close) for c in candles]),
        np.array([float(c.volume) for c in candles]),
    )
    valid = np.flatnonzero(~np.isnan(rows).any(axis=1))  # the first MIN_BARS - 1 are not
    if valid.size == 0:
        return []
    x = rows[valid]  # (features are left out of each Signal: thousands of dicts, unused here)
    p_up = direction.predict_proba(x)[:, 1]
    regimes = regime.predict_proba(x).argmax(axis=1)
    bar = timedelta(seconds=TIMEFRAMES[candles[0].timeframe])
    out = []
    for t, p, k in zip(valid.tolist(), p_up.tolist(), regimes.tolist(), strict=True):
        c = candles[t]
        out.append(
            Signal(
                symbol=c.symbol,
                timeframe=c.timeframe,
                timestamp=c.open_time + bar,
                direction=_direction(p),
                probability_up=p,
                regime=_REGIMES[k],
                model=name,
                version=direction.version,
            )
        )
    return out


def _direction(p_up: float) -> Direction:
    if p_up >= 0.5 + FLAT_BAND:
        return Direction.UP
    if p_up <= 0.5 - FLAT_BAND:
        return Direction.DOWN
    return Direction.FLAT
