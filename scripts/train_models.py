"""Train the bundled signal models and write them as ONNX with a model card.

    .venv/bin/python scripts/train_models.py                 # sim-venue data, seed 7
    .venv/bin/python scripts/train_models.py --csv btc.csv   # your candles instead (repeatable)

Data: 1-minute candles drawn by the simulated venue's own price and candle generator
(`engine.market.sim.history`, GARCH volatility clustering + jumps) for every listed symbol, or
CSV files with a header `timestamp,open,high,low,close,volume` (one symbol per file, oldest
first). Features: `engine.signals.features` (row t uses bars <= t only).

Targets, per bar t:
* direction: close[t + H] > close[t] with H = `DIRECTION_HORIZON` bars;
* regime: realised volatility of the next `REGIME_HORIZON` one-bar returns, cut into
  low / normal / high at the training set's terciles.

Split: by time. The first 80 % of every series trains, the last 20 % tests; the last H bars
before the cut are dropped from training so no training label looks into the test period.
Models: standardised logistic regressions (multinomial for the regime), converted with skl2onnx
(`zipmap=False`, input "features" float32 [None, n_features]). Same seed, same models.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import onnx
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, log_loss, roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.market.sim.history import MINUTE_MS, Tier, generate_history  # noqa: E402
from engine.market.sim.price_process import AssetDynamics, PriceProcess  # noqa: E402
from engine.market.sim.symbols import select_symbols  # noqa: E402
from engine.signals.features import FEATURE_NAMES, N_FEATURES, feature_matrix  # noqa: E402
from engine.signals.onnx_model import (  # noqa: E402
    DIRECTION_HORIZON,
    INPUT_NAME,
    MODEL_VERSION,
    OPSET,
    REGIME_HORIZON,
)

MODELS_DIR = ROOT / "engine" / "signals" / "models"
TRAIN_SHARE = 0.8
REGIMES = ("low", "normal", "high")


@dataclass(frozen=True)
class Series:
    name: str
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray


@dataclass(frozen=True)
class Dataset:
    x: np.ndarray
    direction: np.ndarray  # 0/1
    forward_vol: np.ndarray


def sim_series(seed: int, days: int) -> list[Series]:
    """`days` of 1m candles per listed symbol, from the sim venue's generator."""
    specs = select_symbols(None)
    process = PriceProcess(
        [
            AssetDynamics(
                annual_vol=s.annual_vol,
                jumps_per_day=s.jumps_per_day,
                jump_scale=s.jump_scale,
                factor_correlation=s.btc_correlation,
            )
            for s in specs
        ],
        np.random.default_rng(seed),
        factor_index=[s.symbol for s in specs].index("BTC/USDT"),
    )
    start = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp() * 1000)
    tier = Tier(MINUTE_MS, start, start + days * 1440 * MINUTE_MS)
    histories = generate_history(specs, process, [tier], np.random.default_rng([seed, 1]))
    out = []
    for spec, history in zip(specs, histories, strict=True):
        bars = np.array(
            [(b.high, b.low, b.close, b.volume) for b in history[MINUTE_MS]], dtype=np.float64
        )
        tick, step = float(spec.market.price_tick), float(spec.market.qty_step)
        out.append(
            Series(spec.symbol, bars[:, 0] * tick, bars[:, 1] * tick, bars[:, 2] * tick,
                   bars[:, 3] * step)
        )  # fmt: skip
    return out


def csv_series(path: Path) -> Series:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"{path}: no rows")
    try:
        cols = {
            k: np.array([float(r[k]) for r in rows]) for k in ("high", "low", "close", "volume")
        }
    except KeyError as exc:
        need = "timestamp,open,high,low,close,volume"
        raise SystemExit(f"{path}: missing column {exc}; need {need}") from None
    return Series(path.stem, cols["high"], cols["low"], cols["close"], cols["volume"])


def split(series: Series) -> tuple[Dataset, Dataset]:
    """Features and targets of one series, cut in time into train and test."""
    x = feature_matrix(series.high, series.low, series.close, series.volume)
    log_close = np.log(series.close)
    n = log_close.shape[0]
    h, v = DIRECTION_HORIZON, REGIME_HORIZON
    direction = np.full(n, -1)
    direction[: n - h] = (log_close[h:] > log_close[:-h]).astype(int)
    r1 = np.diff(log_close)
    forward_vol = np.full(n, np.nan)  # std of returns t+1..t+v (bars after t only)
    windows = np.lib.stride_tricks.sliding_window_view(r1, v)
    forward_vol[: n - v] = windows.std(axis=1)
    valid = ~np.isnan(x).any(axis=1) & (direction >= 0) & ~np.isnan(forward_vol)
    cut = int(n * TRAIN_SHARE)
    purge = max(h, v)
    train = np.zeros(n, dtype=bool)
    train[: cut - purge] = True
    test = np.zeros(n, dtype=bool)
    test[cut:] = True

    def take(mask: np.ndarray) -> Dataset:
        m = mask & valid
        return Dataset(x[m], direction[m], forward_vol[m])

    return take(train), take(test)


def concat(parts: list[Dataset]) -> Dataset:
    return Dataset(
        np.concatenate([p.x for p in parts]),
        np.concatenate([p.direction for p in parts]),
        np.concatenate([p.forward_vol for p in parts]),
    )


def to_onnx(model: Pipeline, name: str, doc: str) -> bytes:
    onx = convert_sklearn(
        model,
        name=name,
        initial_types=[(INPUT_NAME, FloatTensorType([None, N_FEATURES]))],
        options={id(model): {"zipmap": False}},
        target_opset={"": OPSET, "ai.onnx.ml": 1},
    )
    onx.doc_string = doc
    onx.producer_name = "cryptoorchestrator/scripts/train_models.py"
    onx.model_version = 1
    for key, value in {
        "name": name,
        "version": MODEL_VERSION,
        "features": ",".join(FEATURE_NAMES),
    }.items():
        prop = onx.metadata_props.add()
        prop.key, prop.value = key, value
    onnx.checker.check_model(onx)
    return onx.SerializeToString()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--days", type=int, default=21, help="days of sim 1m bars per symbol")
    parser.add_argument("--csv", type=Path, action="append", default=[], help="candle CSV file")
    parser.add_argument("--out", type=Path, default=MODELS_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()

    if args.csv:
        series = [csv_series(p) for p in args.csv]
        source = "CSV candles: " + ", ".join(p.name for p in args.csv)
    else:
        series = sim_series(args.seed, args.days)
        source = (
            f"simulated venue, seed {args.seed}: {args.days} days of 1m candles for each of "
            f"{len(series)} symbols ({', '.join(s.name for s in series)})"
        )
    parts = [split(s) for s in series]
    train, test = concat([p[0] for p in parts]), concat([p[1] for p in parts])
    if len(train.x) < 1000 or len(test.x) < 200:
        raise SystemExit(f"too little data: {len(train.x)} train / {len(test.x)} test rows")

    direction = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=500))
    direction.fit(train.x, train.direction)
    p_up = direction.predict_proba(test.x)[:, 1]

    edges = np.quantile(train.forward_vol, [1 / 3, 2 / 3])
    regime_train = np.digitize(train.forward_vol, edges)
    regime_test = np.digitize(test.forward_vol, edges)
    regime = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=500))
    regime.fit(train.x, regime_train)
    p_regime = regime.predict_proba(test.x)

    args.out.mkdir(parents=True, exist_ok=True)
    direction_bytes = to_onnx(
        direction, "direction", f"P(close[t+{DIRECTION_HORIZON}] > close[t]) from 1m features"
    )
    regime_bytes = to_onnx(
        regime, "regime", f"volatility regime of the next {REGIME_HORIZON} bars: low/normal/high"
    )
    (args.out / "direction.onnx").write_bytes(direction_bytes)
    (args.out / "regime.onnx").write_bytes(regime_bytes)

    metrics = {
        "direction_auc": roc_auc_score(test.direction, p_up),
        "direction_accuracy": accuracy_score(test.direction, p_up > 0.5),
        "direction_log_loss": log_loss(test.direction, p_up),
        "direction_base_rate": float(test.direction.mean()),
        "direction_base_log_loss": log_loss(
            test.direction, np.full(len(test.direction), train.direction.mean())
        ),
        "regime_accuracy": accuracy_score(regime_test, p_regime.argmax(axis=1)),
        "regime_log_loss": log_loss(regime_test, p_regime, labels=[0, 1, 2]),
        "regime_auc_high": roc_auc_score(regime_test == 2, p_regime[:, 2]),
    }
    confusion = confusion_matrix(regime_test, p_regime.argmax(axis=1), labels=[0, 1, 2])
    card = model_card(
        source, len(train.x), len(test.x), edges, metrics, confusion, direction, regime,
        {"direction.onnx": len(direction_bytes), "regime.onnx": len(regime_bytes)},
    )  # fmt: skip
    (args.out / "MODEL_CARD.md").write_text(card)
    elapsed = time.perf_counter() - started
    print(f"trained on {len(train.x)} rows, tested on {len(test.x)} in {elapsed:.1f} s")
    for key, value in metrics.items():
        print(f"  {key:24s} {value:.4f}")
    return 0


def model_card(
    source: str,
    n_train: int,
    n_test: int,
    edges: np.ndarray,
    m: dict[str, float],
    confusion: np.ndarray,
    direction: Pipeline,
    regime: Pipeline,
    sizes: dict[str, int],
) -> str:
    weights = "\n".join(
        f"| `{name}` | {w:+.4g} | {r:+.4g} |"
        for name, w, r in zip(
            FEATURE_NAMES, direction[-1].coef_[0], regime[-1].coef_[2], strict=True
        )
    )
    matrix = "\n".join(
        f"| {REGIMES[i]} | " + " | ".join(str(int(v)) for v in row) + " |"
        for i, row in enumerate(confusion)
    )
    model_rows = (
        f"| `direction.onnx` | probability that the close {DIRECTION_HORIZON} bars ahead is "
        f"higher than now | `probabilities` float [N, 2] (down, up) | "
        f"{sizes['direction.onnx']:,} B |\n"
        f"| `regime.onnx` | volatility regime of the next {REGIME_HORIZON} bars | "
        f"`probabilities` float [N, 3] (low, normal, high) | {sizes['regime.onnx']:,} B |"
    )
    direction_rows = (
        f"| direction | accuracy at 0.5 | {m['direction_accuracy']:.4f} "
        f"(share of ups: {m['direction_base_rate']:.4f}) |\n"
        f"| direction | log-loss | {m['direction_log_loss']:.4f} "
        f"(constant base rate: {m['direction_base_log_loss']:.4f}) |"
    )
    return f"""# Model card — bundled signal models (version {MODEL_VERSION})

Generated by `scripts/train_models.py`; do not edit by hand (rerun the script).

## Models
| file | what it predicts | output | size |
|---|---|---|---|
{model_rows}

Both: standardised logistic regression (scikit-learn), converted with skl2onnx
(`zipmap=False`, ONNX opset {OPSET}). Input `{INPUT_NAME}`: float32 [N, {N_FEATURES}], the feature
vector of `engine/signals/features.py` in this order: {", ".join(f"`{n}`" for n in FEATURE_NAMES)}.
Row t uses bars <= t only.

## Data
{source}. Timeframe 1m. Book imbalance is not in the candle history, so it is 0 in training
and the models give it no weight; a live book imbalance therefore does not move the models yet.

## Split
By time, per series: first {TRAIN_SHARE:.0%} train, last {1 - TRAIN_SHARE:.0%} test; the last
{max(DIRECTION_HORIZON, REGIME_HORIZON)} bars before the cut are dropped from training (their
labels would look into the test period). {n_train:,} training rows, {n_test:,} test rows.
Regime terciles of forward realised volatility (training set): {edges[0]:.3g}, {edges[1]:.3g}.

## Held-out metrics (test period only)
| model | metric | value |
|---|---|---|
| direction | ROC AUC | {m["direction_auc"]:.4f} |
{direction_rows}
| regime | accuracy (3 classes, chance ≈ 0.33) | {m["regime_accuracy"]:.4f} |
| regime | log-loss (uniform: 1.0986) | {m["regime_log_loss"]:.4f} |
| regime | ROC AUC of "high" vs rest | {m["regime_auc_high"]:.4f} |

Regime confusion matrix (rows: actual, columns: predicted low / normal / high):

| actual | low | normal | high |
|---|---|---|---|
{matrix}

## Honest reading
The simulated prices are a random walk with GARCH volatility clustering and jumps: the *direction*
of the next bars is by construction close to unpredictable, so the direction model is near
chance (AUC ≈ 0.5) and must not be read as an edge; it exists to exercise the contract end to
end. Volatility clusters, so the *regime* model is genuinely informative. On real candles (train
with `--csv`) expect the same pattern; re-check these figures before trusting either model.

## Standardised weights (direction: up; regime: high)
| feature | direction | regime (high) |
|---|---|---|
{weights}
"""


if __name__ == "__main__":
    raise SystemExit(main())
