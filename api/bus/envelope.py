"""The JSON envelope a message travels in: {"k": conflation key, "d": data}.

The in-process bus sends every message through it as well, so both backends deliver the same data
and reject the same payloads (a Decimal or datetime fails in development, not first in production).
"""

from __future__ import annotations

import json
from typing import Any


def encode_envelope(key: str | None, data: dict[str, Any]) -> str:
    """Raises TypeError when `data` is not a JSON-serialisable dict or `key` is not a str."""
    if not isinstance(data, dict):
        raise TypeError(f"bus data must be a dict, not {type(data).__name__}")
    if key is not None and not isinstance(key, str):
        raise TypeError(f"bus key must be a str or None, not {type(key).__name__}")
    return json.dumps({"k": key, "d": data}, separators=(",", ":"))


def decode_envelope(raw: str | bytes) -> tuple[str | None, dict[str, Any]]:
    """Raises ValueError when `raw` is not an envelope (e.g. a foreign publisher on the channel)."""
    envelope = json.loads(raw)
    if not isinstance(envelope, dict):
        raise ValueError("bus envelope must be a JSON object")
    key, data = envelope.get("k"), envelope.get("d")
    if not isinstance(data, dict) or not (key is None or isinstance(key, str)):
        raise ValueError("bus envelope needs a dict 'd' and a str or null 'k'")
    return key, data
