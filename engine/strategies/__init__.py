"""Strategies: one interface (`base.Strategy`), events in, intents out (docs/strategies.md)."""

from engine.strategies.base import (
    AmendIntent,
    CancelIntent,
    ClockTick,
    Event,
    Intent,
    OpenOrder,
    PlaceIntent,
    Strategy,
    StrategyContext,
)
from engine.strategies.dca import DcaParams, DcaStrategy
from engine.strategies.grid import GridParams, GridSpacing, GridStrategy

__all__ = [
    "AmendIntent",
    "CancelIntent",
    "ClockTick",
    "DcaParams",
    "DcaStrategy",
    "Event",
    "GridParams",
    "GridSpacing",
    "GridStrategy",
    "Intent",
    "OpenOrder",
    "PlaceIntent",
    "Strategy",
    "StrategyContext",
]
