"""The simulated exchange venue (see venue.py)."""

from engine.market.sim.events import AccountEvents, StepEvents, SymbolEvents
from engine.market.sim.exchange import SimExchange
from engine.market.sim.symbols import DEFAULT_SYMBOLS, SymbolSpec
from engine.market.sim.venue import SimVenue

__all__ = [
    "DEFAULT_SYMBOLS",
    "AccountEvents",
    "SimExchange",
    "SimVenue",
    "StepEvents",
    "SymbolEvents",
    "SymbolSpec",
]
