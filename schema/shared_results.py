"""One GraphQL execution and one JSON encoding per published frame, shared by every subscriber.

A market-data frame (an order book at one depth, say) is the same for every viewer. Strawberry
executes a subscription's selection set once per subscriber per event and encodes each `next`
message on its own, so N subscribers of one book cost N executions and N `json.dumps` of the
same data. Frames whose type derives from `SharedFrame` are instead executed once per
(frame, document, variables) — the first subscriber computes, the others reuse the result — and
the result's data is encoded once; each socket then gets that text with its own operation id.

Only error-free, synchronously computed results are shared, and only for payload types that
declare (by deriving from `SharedFrame`) that none of their fields depends on the viewer.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from graphql import ExecutionResult, OperationType
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

RESULTS_KEPT = 1024
ENCODINGS_KEPT = 1024


class SharedFrame:
    """Marker base for subscription payloads whose fields do not depend on the viewer."""

    __slots__ = ()


class SnapshotFrame(SharedFrame):
    """A `SharedFrame` that is the whole state each time: a newer frame replaces an older one.

    Subscriptions of such a payload are served by one broadcast group per (document, variables)
    (schema/broadcast.py): a subscriber that joins late, or whose socket is slow, only needs the
    latest frame."""

    __slots__ = ()


# (id(frame), document key) -> (frame, result). The frame is kept with its result, so its id
# cannot be reused by another object while the entry lives.
_results: OrderedDict[tuple[int, str], tuple[object, ExecutionResult]] = OrderedDict()
# id(result data) -> (data, encoded JSON or None until first encoded)
_encodings: OrderedDict[int, tuple[object, str | None]] = OrderedDict()


def _document_key(executor: SharingExecutionContext) -> str:
    operation = executor.operation
    body = operation.loc.source.body if operation.loc is not None else repr(operation)
    variables = json.dumps(executor.variable_values.coerced, sort_keys=True, default=str)
    name = operation.name.value if operation.name is not None else ""
    return f"{name}\x00{variables}\x00{body}"


class SharingExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core executor that reuses a subscription event's result across subscribers."""

    _share_key: str | None = None

    def build_per_event_executor(self, payload: Any) -> Any:
        if isinstance(payload, SharedFrame):
            if self._share_key is None:
                self._share_key = _document_key(self)  # once per subscription; copied per event
            cached = _results.get((id(payload), self._share_key))
            if cached is not None and cached[0] is payload:
                return _Executed(cached[1])  # no per-event copy of the executor
        return super().build_per_event_executor(payload)

    def execute_operation(self, serially: bool | None = None) -> Any:
        frame = self.root_value
        if (
            self._share_key is None
            or not isinstance(frame, SharedFrame)
            or self.operation.operation is not OperationType.SUBSCRIPTION
        ):
            return super().execute_operation(serially)
        key = (id(frame), self._share_key)
        cached = _results.get(key)
        if cached is not None and cached[0] is frame:
            return cached[1]
        result = super().execute_operation(serially)
        if isinstance(result, ExecutionResult) and not result.errors:
            _results[key] = (frame, result)
            if len(_results) > RESULTS_KEPT:
                _results.popitem(last=False)
            if result.data is not None:
                _encodings[id(result.data)] = (result.data, None)
                if len(_encodings) > ENCODINGS_KEPT:
                    _encodings.popitem(last=False)
        return result


class _Executed:
    """Stands in for a per-event executor whose result is already known."""

    __slots__ = ("result",)

    def __init__(self, result: ExecutionResult) -> None:
        self.result = result

    def execute_operation(self, serially: bool | None = None) -> ExecutionResult:
        return self.result


def encode_message(message: Mapping[str, object]) -> str | None:
    """The JSON text of a `next` message whose data is a shared result (encoded once), else None."""
    if message.get("type") != "next":
        return None
    payload = message.get("payload")
    if not isinstance(payload, Mapping) or len(payload) != 1:
        return None  # errors or extensions: not shared
    data = payload.get("data")
    entry = _encodings.get(id(data))
    if entry is None or entry[0] is not data:
        return None
    text = entry[1]
    if text is None:
        text = json.dumps(data, separators=(",", ":"))
        _encodings[id(data)] = (data, text)
    return f'{{"id":{json.dumps(message.get("id"))},"type":"next","payload":{{"data":{text}}}}}'
