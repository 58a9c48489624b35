"""Venues whose public market data this server serves: the simulated venue, always first,
then the live venues of `CO_LIVE_MARKET_VENUES` (keyless CCXT clients). Public facts only:
no keys, no per-user data."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import ccxt

from api.services.venues import SIM

SIM_DISPLAY_NAME = "Simulated"


@dataclass(frozen=True)
class MarketVenue:
    id: str
    display_name: str
    simulated: bool
    live: bool


@functools.lru_cache(maxsize=32)
def venue_display_name(venue: str) -> str:
    """CCXT's name for `venue` (e.g. "OKX", "Gate"); the id itself when CCXT has none.
    Building a CCXT client sends nothing (it only reads the exchange's description)."""
    if venue == SIM:
        return SIM_DISPLAY_NAME
    exchange_class = getattr(ccxt, venue, None)
    if not isinstance(exchange_class, type) or not issubclass(exchange_class, ccxt.Exchange):
        return venue
    name = exchange_class().name
    return name if isinstance(name, str) and name else venue


def market_venues(venue_ids: Iterable[str]) -> list[MarketVenue]:
    """The sim venue first (always present), then each live venue once, by display name."""
    live = sorted(
        {v for v in venue_ids if v != SIM}, key=lambda v: (venue_display_name(v).casefold(), v)
    )
    return [
        MarketVenue(id=SIM, display_name=SIM_DISPLAY_NAME, simulated=True, live=False),
        *(
            MarketVenue(id=v, display_name=venue_display_name(v), simulated=False, live=True)
            for v in live
        ),
    ]
