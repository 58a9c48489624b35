"""Which Exchange serves a venue: the shared simulated market, later CCXT accounts."""

from __future__ import annotations

from decimal import Decimal

from api.errors import NotFound
from engine.exchanges.protocol import Exchange
from engine.market.sim.venue import SimExchange, SimVenue

SIM = "sim"
# Account id the service uses on the sim venue for public data only (holds nothing).
_PUBLIC_SIM_ACCOUNT = "__public__"


class VenueRegistry:
    def __init__(self, sim: SimVenue) -> None:
        self.sim = sim
        self._public: dict[str, Exchange] = {SIM: SimExchange(sim, _PUBLIC_SIM_ACCOUNT)}

    @property
    def venue_ids(self) -> list[str]:
        return sorted(self._public)

    def public(self, venue: str) -> Exchange:
        """An exchange for public market data on `venue`."""
        try:
            return self._public[venue]
        except KeyError:
            raise NotFound(f"unknown venue {venue!r}", field="venue") from None

    def sim_account(self, account_id: str, balances: dict[str, Decimal]) -> Exchange:
        """Open (idempotently) a simulated account and return its exchange."""
        self.sim.open_account(account_id, balances)
        return SimExchange(self.sim, account_id)

    async def close(self) -> None:
        for exchange in self._public.values():
            await exchange.close()
