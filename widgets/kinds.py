"""Widget kinds and sizes: the names clients use and the one-letter size code in payloads."""

from __future__ import annotations

from typing import Literal

WidgetKind = Literal["portfolio", "watchlist", "bots", "alerts", "signal"]
WidgetSize = Literal["small", "medium", "large"]

KINDS: tuple[WidgetKind, ...] = ("portfolio", "watchlist", "bots", "alerts", "signal")
SIZES: tuple[WidgetSize, ...] = ("small", "medium", "large")
SIZE_CODES: dict[WidgetSize, str] = {"small": "s", "medium": "m", "large": "l"}

# Payload format version (`v`); bump on any incompatible change to the keys.
PAYLOAD_VERSION = 1
# Every payload of every kind and size must encode to at most this many bytes.
MAX_PAYLOAD_BYTES = 1024


class UnknownWidget(ValueError):
    """A kind or size that does not exist; `field` names which ("kind" or "size")."""

    def __init__(self, field: str, value: str) -> None:
        choices = KINDS if field == "kind" else SIZES
        super().__init__(f"unknown widget {field} {value!r}; use one of {', '.join(choices)}")
        self.field = field


def parse_kind(value: str) -> WidgetKind:
    for kind in KINDS:
        if value == kind:
            return kind
    raise UnknownWidget("kind", value)


def parse_size(value: str) -> WidgetSize:
    for size in SIZES:
        if value == size:
            return size
    raise UnknownWidget("size", value)
