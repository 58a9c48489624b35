"""Uploading signal models: a real skl2onnx model is accepted, broken ones say why."""

from __future__ import annotations

import asyncio
import base64
import hashlib

import numpy as np
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.linear_model import LogisticRegression

from engine.signals.features import N_FEATURES
from tests.conftest import GraphQLClient

UPLOAD = """mutation($n: String!, $k: SignalModelKind!, $b: String!) {
  uploadSignalModel(name: $n, kind: $k, onnxBase64: $b) { id name kind opset sizeBytes sha256 }
}"""
MODELS = "{ signalModels { id name kind } }"
DELETE = "mutation($id: ID!) { deleteSignalModel(id: $id) }"


def classifier(n_features: int = N_FEATURES, classes: int = 2, opset: int = 17) -> bytes:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, n_features))
    model = LogisticRegression().fit(x, rng.integers(0, classes, 200))
    onx = convert_sklearn(
        model,
        initial_types=[("features", FloatTensorType([None, n_features]))],
        options={id(model): {"zipmap": False}},
        target_opset={"": opset, "ai.onnx.ml": 1},
    )
    return onx.SerializeToString()


def b64(model: bytes) -> str:
    return base64.b64encode(model).decode()


async def upload_error(
    gql: GraphQLClient, token: str, model: str, kind: str = "DIRECTION"
) -> dict[str, object]:
    body = await gql.raw(UPLOAD, {"n": "m", "k": kind, "b": model}, token)
    assert body.get("errors"), body
    error: dict[str, object] = body["errors"][0]
    return error


async def test_a_model_meeting_the_contract_is_stored_and_listed(gql: GraphQLClient) -> None:
    token = await gql.register("ml@example.com")
    direction, regime = classifier(), classifier(classes=3)
    up = await gql.data(UPLOAD, {"n": "my direction", "k": "DIRECTION", "b": b64(direction)}, token)
    model = up["uploadSignalModel"]
    assert model["name"] == "my direction" and model["kind"] == "DIRECTION"
    assert model["opset"] == 17 and model["sizeBytes"] == len(direction)
    assert model["sha256"] == hashlib.sha256(direction).hexdigest()
    await gql.data(UPLOAD, {"n": "my regime", "k": "REGIME", "b": b64(regime)}, token)
    listed = (await gql.data(MODELS, token=token))["signalModels"]
    assert [(m["name"], m["kind"]) for m in listed] == [
        ("my direction", "DIRECTION"),
        ("my regime", "REGIME"),
    ]
    again = await gql.raw(
        UPLOAD, {"n": "my direction", "k": "DIRECTION", "b": b64(direction)}, token
    )
    assert again["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert (await gql.data(DELETE, {"id": model["id"]}, token))["deleteSignalModel"] == model["id"]
    assert [m["name"] for m in (await gql.data(MODELS, token=token))["signalModels"]] == [
        "my regime"
    ]


async def test_broken_models_are_refused_with_the_reason(gql: GraphQLClient) -> None:
    token = await gql.register("bad-ml@example.com")
    cases = [
        (
            b64(classifier(n_features=5)),
            "DIRECTION",
            "input shape is [None, 5], must be [None, 12]",
        ),
        (b64(classifier(classes=2)), "REGIME", "must be float32 [None, 3]"),
        (b64(classifier(opset=8)), "DIRECTION", "opset is 8, must be between 9 and 21"),
        (b64(b"definitely not a model"), "DIRECTION", "not an ONNX model"),
        ("%%% not base64", "DIRECTION", "not valid base64"),
        ("A" * (3 * 1024 * 1024), "DIRECTION", "larger than 2048 KiB"),
    ]
    for model, kind, reason in cases:
        error = await upload_error(gql, token, model, kind)
        extensions = error["extensions"]
        assert extensions == {"code": "BAD_USER_INPUT", "field": "onnxBase64"}, error
        assert reason in str(error["message"]), (reason, error["message"])
    assert (await gql.data(MODELS, token=token))["signalModels"] == []


async def test_user_b_cannot_see_or_delete_the_models_of_user_a(gql: GraphQLClient) -> None:
    alice = await gql.register("alice-ml@example.com")
    bob = await gql.register("bob-ml@example.com")
    up = await gql.data(UPLOAD, {"n": "alpha", "k": "DIRECTION", "b": b64(classifier())}, alice)
    model_id = up["uploadSignalModel"]["id"]
    assert (await gql.data(MODELS, token=bob))["signalModels"] == []
    assert await gql.error_code(DELETE, {"id": model_id}, bob) == "NOT_FOUND"
    assert [m["id"] for m in (await gql.data(MODELS, token=alice))["signalModels"]] == [model_id]
    assert await gql.error_code(MODELS) == "UNAUTHENTICATED"


async def test_a_backtest_runs_on_an_uploaded_model_of_its_owner_only(gql: GraphQLClient) -> None:
    alice = await gql.register("alice-bt-ml@example.com")
    bob = await gql.register("bob-bt-ml@example.com")
    up = await gql.data(UPLOAD, {"n": "mine", "k": "DIRECTION", "b": b64(classifier())}, alice)
    model_id = up["uploadSignalModel"]["id"]
    spec = {
        "symbol": "BTC/USDT", "kind": "momentum", "days": 10, "signalModel": model_id,
        "params": {"quote_amount": "900", "fast_period": 5, "slow_period": 20,
                   "ml_confirm_threshold": 0.0},
    }  # fmt: skip
    run = "mutation($i: BacktestInput!) { runBacktest(input: $i) { id } }"
    job_id = (await gql.data(run, {"i": spec}, alice))["runBacktest"]["id"]
    query = "query($id: ID!) { backtest(id: $id) { status error signals input } }"
    for _ in range(400):
        job = (await gql.data(query, {"id": job_id}, alice))["backtest"]
        if job["status"] not in ("QUEUED", "RUNNING"):
            break
        await asyncio.sleep(0.05)
    assert job["status"] == "DONE", job["error"]
    assert job["signals"] == 10 * 24 - 60 and job["input"]["signal_model"] == model_id
    body = await gql.raw(run, {"i": spec}, bob)  # bob cannot use alice's model
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "signalModel"}
