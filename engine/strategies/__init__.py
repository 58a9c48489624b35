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
    TransferDirection,
    WhaleTransfer,
)
from engine.strategies.dca import DcaParams, DcaStrategy
from engine.strategies.grid import GridParams, GridSpacing, GridStrategy
from engine.strategies.mean_reversion import MeanReversionParams, MeanReversionStrategy
from engine.strategies.momentum import MomentumEntry, MomentumParams, MomentumStrategy
from engine.strategies.registry import (
    STRATEGY_KINDS,
    ParamSpec,
    StrategyInfo,
    build_strategy,
    describe,
    validate_params,
)
from engine.strategies.sentiment import SentimentParams, SentimentStrategy
from engine.strategies.whale import WhaleMode, WhaleParams, WhaleStrategy

__all__ = [
    "STRATEGY_KINDS",
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
    "MeanReversionParams",
    "MeanReversionStrategy",
    "MomentumEntry",
    "MomentumParams",
    "MomentumStrategy",
    "OpenOrder",
    "ParamSpec",
    "PlaceIntent",
    "SentimentParams",
    "SentimentStrategy",
    "Strategy",
    "StrategyContext",
    "StrategyInfo",
    "TransferDirection",
    "WhaleMode",
    "WhaleParams",
    "WhaleStrategy",
    "WhaleTransfer",
    "build_strategy",
    "describe",
    "validate_params",
]
