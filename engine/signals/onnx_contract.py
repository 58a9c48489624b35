"""The input/output contract every signal model must meet, checked before it is ever run.

A model (bundled or uploaded) is an ONNX classifier with

* one input named `features`: float32, shape [N, N_FEATURES] with N dynamic (batches);
* an output named `probabilities`: float32, shape [N, classes] (2 for direction, 3 for regime);
* the default ("ai.onnx") operator set between MIN_OPSET and MAX_OPSET;
* optionally metadata `features` (comma-separated names) which must then equal ours.

`check_contract` raises `ValueError` naming the first thing that is wrong. The opset is read
from the model bytes directly (protobuf field 8 of ModelProto), so `engine` needs no `onnx`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from engine.signals.features import FEATURE_NAMES, N_FEATURES

INPUT_NAME = "features"
OUTPUT_NAME = "probabilities"
MIN_OPSET = 9
MAX_OPSET = 21
_FLOAT = "tensor(float)"


def check_contract(
    what: str,
    inputs: Sequence[Any],
    outputs: Sequence[Any],
    opsets: Mapping[str, int],
    metadata: Mapping[str, str],
    classes: int,
) -> None:
    """`inputs`/`outputs`: onnxruntime NodeArg-like objects (name, type, shape)."""
    if len(inputs) != 1:
        names = ", ".join(repr(i.name) for i in inputs)
        raise ValueError(f"{what}: needs exactly one input {INPUT_NAME!r}, has {names or 'none'}")
    [arg] = inputs
    if arg.name != INPUT_NAME:
        raise ValueError(f"{what}: input is named {arg.name!r}, must be {INPUT_NAME!r}")
    if arg.type != _FLOAT:
        raise ValueError(f"{what}: input {INPUT_NAME!r} is {arg.type}, must be float32")
    shape = list(arg.shape)
    if len(shape) != 2 or isinstance(shape[0], int) or shape[1] != N_FEATURES:
        raise ValueError(
            f"{what}: input shape is {shape}, must be [None, {N_FEATURES}] "
            f"(a dynamic batch of {N_FEATURES} features)"
        )
    out = next((o for o in outputs if o.name == OUTPUT_NAME), None)
    if out is None:
        names = ", ".join(repr(o.name) for o in outputs)
        raise ValueError(
            f"{what}: no output {OUTPUT_NAME!r} (has {names}); convert with zipmap off"
        )
    out_shape = list(out.shape)
    if out.type != _FLOAT or len(out_shape) != 2 or out_shape[1] != classes:
        raise ValueError(
            f"{what}: output {OUTPUT_NAME!r} is {out.type} {out_shape}, "
            f"must be float32 [None, {classes}]"
        )
    check_opset(what, opsets)
    declared = metadata.get("features")
    if declared is not None and declared.split(",") != list(FEATURE_NAMES):
        raise ValueError(
            f"{what}: metadata features {declared!r} differ from ours {','.join(FEATURE_NAMES)!r}"
        )


def check_opset(what: str, opsets: Mapping[str, int]) -> None:
    opset = opsets.get("", opsets.get("ai.onnx"))
    if opset is None or not MIN_OPSET <= opset <= MAX_OPSET:
        raise ValueError(
            f"{what}: ai.onnx opset is {opset}, must be between {MIN_OPSET} and {MAX_OPSET}"
        )


def read_opsets(model: bytes) -> dict[str, int]:
    """domain -> version of each `opset_import` entry of a serialized ModelProto."""
    opsets: dict[str, int] = {}
    for field, value in _fields(model):
        if field == 8 and isinstance(value, bytes):
            domain, version = "", 0
            for sub_field, sub_value in _fields(value):
                if sub_field == 1 and isinstance(sub_value, bytes):
                    domain = sub_value.decode("utf-8", "replace")
                elif sub_field == 2 and isinstance(sub_value, int):
                    version = sub_value
            opsets[domain] = version
    return opsets


def _fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """Top-level (field number, value) pairs of a protobuf message; ValueError if malformed."""
    pos, end = 0, len(data)
    while pos < end:
        key, pos = _varint(data, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
            yield field, value
        elif wire == 2:
            length, pos = _varint(data, pos)
            if pos + length > end:
                raise ValueError("not an ONNX model: truncated field")
            yield field, data[pos : pos + length]
            pos += length
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise ValueError(f"not an ONNX model: unsupported wire type {wire}")


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("not an ONNX model: bad varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
