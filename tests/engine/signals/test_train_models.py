"""scripts/train_models.py: deterministic, writes loadable models and an honest card."""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import sys
from pathlib import Path

import numpy as np

from engine.signals.onnx_model import SignalModel

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "train_models.py"


def train(out: Path, *args: str) -> str:
    """Run the script's main() in this process (saves re-importing scikit-learn per run)."""
    spec = importlib.util.spec_from_file_location("train_models", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    if spec.name not in sys.modules:
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert module.main(["--out", str(out), *args]) == 0
    return printed.getvalue()


def test_same_seed_same_models_and_they_load_under_the_contract(tmp_path: Path) -> None:
    first = train(tmp_path / "a", "--days", "2", "--seed", "11")
    train(tmp_path / "b", "--days", "2", "--seed", "11")
    for name in ("direction.onnx", "regime.onnx", "MODEL_CARD.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert "direction_auc" in first
    card = (tmp_path / "a" / "MODEL_CARD.md").read_text()
    assert "seed 11: 2 days of 1m candles" in card and "ROC AUC" in card
    model = SignalModel.bundled(tmp_path / "a")
    assert model.version == "1.0.0"


def test_trains_from_a_csv_of_candles(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    close = 20 * np.exp(np.cumsum(rng.normal(0, 0.002, 3000) * rng.choice([0.5, 2], 3000)))
    path = tmp_path / "XYZ.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["timestamp", "open", "high", "low", "close", "volume"])
        for i, c in enumerate(close):
            writer.writerow([i * 60_000, c, c * 1.001, c * 0.999, c, 10 + i % 7])
    out = train(tmp_path / "m", "--csv", str(path))
    assert "trained on" in out
    assert "CSV candles: XYZ.csv" in (tmp_path / "m" / "MODEL_CARD.md").read_text()
    SignalModel.bundled(tmp_path / "m")
