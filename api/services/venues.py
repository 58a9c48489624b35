"""Which Exchange serves a venue: the shared simulated market, later CCXT accounts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from api.db.models import ExchangeAccount, new_id
from api.errors import NotFound
from api.services.exchange_status import MonitoredExchange, monitored
from engine.exchanges.protocol import Exchange
from engine.market.sim.venue import SimExchange, SimVenue

SIM = "sim"
# Account id the service uses on the sim venue for public data only (holds nothing).
_PUBLIC_SIM_ACCOUNT = "__public__"


# Builds a keyless client for a live venue's public market data.
PublicConnector = Callable[[str], Exchange]


class VenueRegistry:
    def __init__(
        self,
        sim: SimVenue,
        public_connector: PublicConnector | None = None,
        live_venues: Sequence[str] = (),
    ) -> None:
        self.sim = sim
        self._public: dict[str, Exchange] = {SIM: SimExchange(sim, _PUBLIC_SIM_ACCOUNT)}
        self._public_connector = public_connector
        self._live_venues = frozenset(live_venues) if public_connector is not None else frozenset()
        self._accounts: dict[str, Exchange] = {}
        # The sim venue lives in memory and numbers its trades from 1 again after a restart:
        # stored trade ids get this per-run prefix so a new trade never looks like an old one.
        self._sim_run = new_id()[:8]

    @property
    def venue_ids(self) -> list[str]:
        return sorted({SIM, *self._live_venues})

    def public(self, venue: str) -> Exchange:
        """An exchange for public market data on `venue` (live venues: CO_LIVE_MARKET_VENUES)."""
        exchange = self._public.get(venue)
        if exchange is None:
            if venue not in self._live_venues or self._public_connector is None:
                raise NotFound(f"unknown venue {venue!r}", field="venue")
            exchange = self._public[venue] = self._public_connector(venue)
        return exchange

    def sim_account(self, account_id: str, balances: dict[str, Decimal]) -> Exchange:
        """Open (idempotently) a simulated account and return its exchange."""
        self.sim.open_account(account_id, balances)
        return SimExchange(self.sim, account_id)

    def attach_account(self, account_id: str, exchange: Exchange) -> None:
        """Serve `account_id` through `exchange` (a live venue adapter, or a test stand-in),
        measured for `exchangeStatus`."""
        self._accounts[account_id] = monitored(exchange)

    def connection_stats(self, account_id: str) -> MonitoredExchange | None:
        attached = self._accounts.get(account_id)
        return attached if isinstance(attached, MonitoredExchange) else None

    def detach_account(self, account_id: str) -> Exchange | None:
        """Stop serving `account_id` through its live adapter; the adapter, to close."""
        return self._accounts.pop(account_id, None)

    def account_exchange(self, account: ExchangeAccount) -> Exchange:
        """The exchange that trades for `account`."""
        attached = self._accounts.get(account.id)
        if attached is not None:
            return attached
        if account.venue == SIM:
            return self.sim_account(account.id, {})
        raise NotFound(f"venue {account.venue!r} is not connected", field="accountId")

    def trade_key_prefix(self, venue: str) -> str:
        """Prefix of stored trade ids for `venue` (see __init__)."""
        return f"{self._sim_run}:" if venue == SIM else ""

    async def close(self) -> None:
        for exchange in [*self._public.values(), *self._accounts.values()]:
            await exchange.close()
