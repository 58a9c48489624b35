"""Signal models served by onnxruntime: contract-checked at load, batched at inference.

`OnnxClassifier` is one model file (direction or regime). `SignalModel` pairs the two and turns
candle windows into `Signal`s: one feature row per window, one session run per model for the
whole batch (a 1,000-row batch costs about what one row does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort

from engine.signals.features import FEATURE_NAMES, MIN_BARS, N_FEATURES, CandleWindow, features_at
from engine.signals.onnx_contract import (
    INPUT_NAME,
    OUTPUT_NAME,
    check_contract,
    check_opset,
    read_opsets,
)
from engine.signals.types import Direction, Regime, Signal

MODELS_DIR = Path(__file__).parent / "models"
MODEL_VERSION = "1.0.0"  # of the bundled models; scripts/train_models.py writes it as metadata
OPSET = 17  # what scripts/train_models.py converts to
DIRECTION_HORIZON = 5  # bars ahead the direction model looks
REGIME_HORIZON = 15  # bars of forward realised volatility the regime model classifies
DIRECTION_CLASSES = 2  # down, up
REGIME_CLASSES = 3  # low, normal, high
_REGIMES = (Regime.LOW, Regime.NORMAL, Regime.HIGH)

__all__ = [
    "DIRECTION_HORIZON",
    "INPUT_NAME",
    "MODEL_VERSION",
    "OPSET",
    "REGIME_HORIZON",
    "OnnxClassifier",
    "SignalModel",
    "SignalRequest",
]


class OnnxClassifier:
    """One ONNX classifier that meets the contract (see `onnx_contract`)."""

    def __init__(self, model: bytes, *, what: str, classes: int) -> None:
        try:
            opsets = read_opsets(model)
            check_opset(what, opsets)  # before onnxruntime, which would fail less clearly
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # small models: threads cost more than they give
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(
                model, sess_options=options, providers=["CPUExecutionProvider"]
            )
        except ValueError as exc:
            message = str(exc)
            raise ValueError(
                message if message.startswith(what) else f"{what}: {message}"
            ) from None
        except Exception as exc:  # onnxruntime raises its own types for a model it cannot load
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc)
            raise ValueError(f"{what}: onnxruntime cannot load it ({first_line})") from None
        meta = session.get_modelmeta()
        metadata = dict(meta.custom_metadata_map)
        check_contract(what, session.get_inputs(), session.get_outputs(), opsets, metadata, classes)
        self._session = session
        self.what = what
        self.classes = classes
        self.name = metadata.get("name") or meta.graph_name or what
        self.version = metadata.get("version") or str(meta.version)
        self.opset = opsets.get("", opsets.get("ai.onnx", 0))

    @classmethod
    def from_file(cls, path: Path, *, classes: int) -> OnnxClassifier:
        return cls(path.read_bytes(), what=path.name, classes=classes)

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        """(N, classes) probabilities for (N, N_FEATURES) rows, one session run."""
        x = np.ascontiguousarray(rows, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] != N_FEATURES:
            raise ValueError(f"rows: shape {x.shape}, need (N, {N_FEATURES})")
        [probabilities] = self._session.run([OUTPUT_NAME], {INPUT_NAME: x})
        return np.asarray(probabilities, dtype=np.float64)


@dataclass(frozen=True)
class SignalRequest:
    symbol: str
    timeframe: str
    window: CandleWindow


class SignalModel:
    """Direction + regime models; `flat_band` around 0.5 gives FLAT rather than a weak call."""

    def __init__(
        self,
        direction: OnnxClassifier,
        regime: OnnxClassifier,
        *,
        name: str = "co-signals",
        flat_band: float = 0.05,
    ) -> None:
        if direction.classes != DIRECTION_CLASSES or regime.classes != REGIME_CLASSES:
            raise ValueError("direction needs 2 classes and regime 3")
        if not 0 <= flat_band < 0.5:
            raise ValueError(f"flat_band: must be in [0, 0.5), got {flat_band}")
        self.direction = direction
        self.regime = regime
        self.name = name
        self.version = direction.version
        self.flat_band = flat_band

    @classmethod
    def bundled(cls, models_dir: Path = MODELS_DIR) -> SignalModel:
        """The models committed with the code (built by scripts/train_models.py)."""
        return cls(
            OnnxClassifier.from_file(models_dir / "direction.onnx", classes=DIRECTION_CLASSES),
            OnnxClassifier.from_file(models_dir / "regime.onnx", classes=REGIME_CLASSES),
        )

    def predict(self, symbol: str, timeframe: str, windows: Sequence[CandleWindow]) -> list[Signal]:
        return self.predict_batch([SignalRequest(symbol, timeframe, w) for w in windows])

    def predict_batch(self, requests: Sequence[SignalRequest]) -> list[Signal]:
        """One signal per request, in order; every window needs MIN_BARS closed candles."""
        if not requests:
            return []
        for i, request in enumerate(requests):
            if len(request.window) < MIN_BARS:
                raise ValueError(
                    f"windows[{i}] ({request.symbol}): {len(request.window)} closed candles, "
                    f"need at least {MIN_BARS}"
                )
        rows = np.vstack([features_at(r.window) for r in requests])
        p_up = self.direction.predict_proba(rows)[:, 1]
        regimes = self.regime.predict_proba(rows).argmax(axis=1)
        return [
            Signal(
                symbol=r.symbol,
                timeframe=r.timeframe,
                timestamp=r.window.end,
                direction=self._direction(float(p)),
                probability_up=float(p),
                regime=_REGIMES[int(k)],
                model=self.name,
                version=self.version,
                features=dict(zip(FEATURE_NAMES, (float(v) for v in row), strict=True)),
            )
            for r, p, k, row in zip(requests, p_up, regimes, rows, strict=True)
        ]

    def _direction(self, p_up: float) -> Direction:
        if p_up >= 0.5 + self.flat_band:
            return Direction.UP
        if p_up <= 0.5 - self.flat_band:
            return Direction.DOWN
        return Direction.FLAT
