"""What a signal model says about one symbol at one time (an event strategies may react to)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


class Regime(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class Signal:
    symbol: str
    timeframe: str
    timestamp: datetime
    direction: Direction
    probability_up: float  # P(price higher after the model's horizon), 0..1
    regime: Regime  # volatility regime from the regime model
    model: str
    version: str
    features: Mapping[str, float] = field(default_factory=dict)  # the inputs, inspectable
