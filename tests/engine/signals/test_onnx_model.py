"""The committed ONNX models load under the contract, predict in batches; wrong models fail."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import onnx
import pytest
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType, Int64TensorType
from sklearn.linear_model import LogisticRegression

from engine.signals.features import FEATURE_NAMES, MIN_BARS, N_FEATURES, CandleWindow
from engine.signals.onnx_contract import read_opsets
from engine.signals.onnx_model import MODELS_DIR, OnnxClassifier, SignalModel
from engine.signals.types import Direction, Regime

END = datetime(2026, 1, 1, tzinfo=UTC)


def window(seed: int, n: int = 120, vol: float = 0.001) -> CandleWindow:
    rng = np.random.default_rng(seed)
    close = 50 * np.exp(np.cumsum(rng.normal(0, vol, n)))
    wick = np.abs(rng.normal(0, vol / 2, n))
    return CandleWindow(
        open=close, high=close * np.exp(wick), low=close * np.exp(-wick), close=close,
        volume=rng.lognormal(2, 0.4, n), end=END,
    )  # fmt: skip


def classifier_bytes(
    n_features: int = N_FEATURES,
    classes: int = 2,
    input_name: str = "features",
    zipmap: bool = False,
    int_input: bool = False,
) -> bytes:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, n_features))
    model = LogisticRegression().fit(x, rng.integers(0, classes, 300))
    tensor = Int64TensorType if int_input else FloatTensorType
    onx = convert_sklearn(
        model,
        initial_types=[(input_name, tensor([None, n_features]))],
        options={id(model): {"zipmap": zipmap}},
        target_opset={"": 17, "ai.onnx.ml": 1},
    )
    return onx.SerializeToString()


def test_bundled_models_meet_the_contract_and_are_small() -> None:
    model = SignalModel.bundled()
    assert (model.direction.opset, model.regime.opset) == (17, 17)
    assert model.version == "1.0.0"
    for name in ("direction.onnx", "regime.onnx"):
        assert (MODELS_DIR / name).stat().st_size < 1_000_000
    assert (MODELS_DIR / "MODEL_CARD.md").read_text().count("Held-out metrics") == 1


def test_predict_gives_one_signal_per_window_with_its_inspectable_features() -> None:
    model = SignalModel.bundled()
    windows = [window(seed) for seed in range(5)]
    signals = model.predict("BTC/USDT", "1m", windows)

    assert len(signals) == 5
    for s in signals:
        assert (s.symbol, s.timeframe, s.timestamp) == ("BTC/USDT", "1m", END)
        assert 0.0 <= s.probability_up <= 1.0
        assert s.regime in set(Regime)
        assert list(s.features) == list(FEATURE_NAMES)
        expected = Direction.FLAT if abs(s.probability_up - 0.5) < 0.05 else s.direction
        assert s.direction is expected
    # batched == one at a time
    single = [model.predict("BTC/USDT", "1m", [w])[0] for w in windows]
    assert [s.probability_up for s in single] == pytest.approx([s.probability_up for s in signals])


def test_the_regime_model_tells_calm_from_turbulent_markets() -> None:
    model = SignalModel.bundled()
    calm = model.predict("X", "1m", [window(1, vol=0.0002)])[0]
    wild = model.predict("X", "1m", [window(1, vol=0.01)])[0]
    assert (calm.regime, wild.regime) == (Regime.LOW, Regime.HIGH)


def test_a_batch_of_a_thousand_rows_runs_in_one_call() -> None:
    model = SignalModel.bundled()
    rows = np.random.default_rng(1).normal(size=(1000, N_FEATURES))
    p = model.direction.predict_proba(rows)
    assert p.shape == (1000, 2)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-5)


def test_a_window_that_is_too_short_is_refused_naming_it() -> None:
    with pytest.raises(ValueError, match=rf"windows\[1\] \(ETH/USDT\): 10 closed .* {MIN_BARS}"):
        SignalModel.bundled().predict("ETH/USDT", "1m", [window(1), window(2, n=10)])


@pytest.mark.parametrize(
    ("kwargs", "classes", "message"),
    [
        ({"n_features": 5}, 2, r"input shape is \[None, 5\], must be \[None, 12\]"),
        ({"input_name": "x"}, 2, r"input is named 'x', must be 'features'"),
        ({"int_input": True}, 2, r"is tensor\(int64\), must be float32"),
        ({"zipmap": True}, 2, r"no output 'probabilities' .* convert with zipmap off"),
        ({"classes": 3}, 2, r"must be float32 \[None, 2\]"),
    ],
)
def test_a_model_with_the_wrong_contract_is_rejected_with_what_is_wrong(
    kwargs: dict[str, object], classes: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        OnnxClassifier(classifier_bytes(**kwargs), what="upload.onnx", classes=classes)  # type: ignore[arg-type]


@pytest.mark.parametrize("opset", [8, 40])
def test_an_opset_outside_the_supported_range_is_rejected(opset: int) -> None:
    onx = onnx.load_from_string(classifier_bytes())
    for entry in onx.opset_import:
        if entry.domain == "":
            entry.version = opset
    raw = onx.SerializeToString()
    assert read_opsets(raw)[""] == opset
    with pytest.raises(
        ValueError, match=rf"^upload.onnx: ai.onnx opset is {opset}, must be between 9 and 21$"
    ):
        OnnxClassifier(raw, what="upload.onnx", classes=2)


def test_declared_feature_names_must_match_ours() -> None:
    onx = onnx.load_from_string(classifier_bytes())
    prop = onx.metadata_props.add()
    prop.key, prop.value = "features", ",".join(reversed(FEATURE_NAMES))
    with pytest.raises(ValueError, match="metadata features"):
        OnnxClassifier(onx.SerializeToString(), what="m.onnx", classes=2)


def test_bytes_that_are_not_a_model_are_rejected() -> None:
    with pytest.raises(ValueError, match=r"junk.onnx: .*"):
        OnnxClassifier(b"\xff\xff\xff\xff not onnx", what="junk.onnx", classes=2)
    with pytest.raises(ValueError, match=r"junk\.onnx"):
        OnnxClassifier(b"", what="junk.onnx", classes=2)
