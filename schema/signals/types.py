from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from engine.signals import types as signal_types


@strawberry.enum(description="Where the direction model expects the price to go.")
class SignalDirection(Enum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"


@strawberry.enum(description="Volatility regime the regime model expects.")
class VolatilityRegime(Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


@strawberry.type(description="One input of the models, as it was fed to them.")
class SignalFeature:
    name: str
    value: float


@strawberry.type(description="What the signal models say about one symbol after a closed candle.")
class Signal:
    symbol: str
    timeframe: str
    direction: SignalDirection
    probability_up: float = strawberry.field(
        description="P(close higher after the model's horizon), 0..1."
    )
    regime: VolatilityRegime
    model: str
    version: str
    timestamp: datetime = strawberry.field(description="Close time of the candle it is based on.")
    features: list[SignalFeature]

    @classmethod
    def of(cls, s: signal_types.Signal) -> Signal:
        return cls(
            symbol=s.symbol,
            timeframe=s.timeframe,
            direction=SignalDirection(s.direction.value),
            probability_up=s.probability_up,
            regime=VolatilityRegime(s.regime.value),
            model=s.model,
            version=s.version,
            timestamp=s.timestamp,
            features=[SignalFeature(name=k, value=v) for k, v in s.features.items()],
        )
