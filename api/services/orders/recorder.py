"""Records what venues report about our orders: rows, fills and balances, then the bus."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from api.bus import Bus, BusUnavailable
from api.db.database import Database
from api.db.models import ExchangeAccount, Order
from api.services.orders.records import (
    apply_venue_order,
    insert_fills,
    orders_by_client_id,
    orders_topic,
)
from api.services.orders.records import (
    save_balances as store_balances,
)
from api.services.venues import SIM, VenueRegistry
from engine.exchanges.errors import ExchangeError
from engine.exchanges.protocol import Exchange
from engine.market.sim.events import AccountEvents
from engine.trading.models import ExchangeOrder, Fill

log = logging.getLogger(__name__)


class OrderRecorder:
    def __init__(self, db: Database, venues: VenueRegistry, bus: Bus) -> None:
        self.db = db
        self.venues = venues
        self.bus = bus

    async def record_sim_events(self, accounts: dict[str, AccountEvents]) -> None:
        await self.record_venue_events(SIM, accounts)

    async def record_venue_events(self, venue: str, accounts: dict[str, AccountEvents]) -> None:
        """Persist one venue step's order changes and fills (one transaction), then publish."""
        changed: list[Order] = []
        async with self.db.session() as session:
            for account_id, events in accounts.items():
                changed += await self.record_account_state(
                    session, account_id, events.orders, events.fills, venue
                )
            await session.commit()
        await self.publish(changed)

    async def record_account_state(
        self,
        session: AsyncSession,
        account_id: str,
        venue_orders: Sequence[ExchangeOrder],
        fills: Sequence[Fill],
        venue: str,
    ) -> list[Order]:
        """Apply venue orders and fills of one account to our rows; returns the changed orders.

        Orders and fills we did not place (unknown client order ids) are ignored.
        """
        ids = {o.client_order_id for o in venue_orders} | {f.client_order_id for f in fills}
        rows = await orders_by_client_id(session, account_id, sorted(ids))
        if not rows:
            return []
        prefix = self.venues.trade_key_prefix(venue)
        changed: dict[str, Order] = {}
        for fill in fills:
            order = rows.get(fill.client_order_id)
            if order is not None and await insert_fills(session, order, [fill], prefix):
                changed[order.id] = order
        for venue_order in venue_orders:
            order = rows.get(venue_order.client_order_id)
            if order is not None and apply_venue_order(order, venue_order):
                session.add(order)
                changed[order.id] = order
        account = await session.get(ExchangeAccount, account_id)
        if account is not None and changed:
            exchange = self.venues.account_exchange(account)
            await self.save_balances(session, exchange, account.user_id, account_id)
        return list(changed.values())

    async def save_balances(
        self, session: AsyncSession, exchange: Exchange, user_id: str, account_id: str
    ) -> None:
        try:
            balances = await exchange.fetch_balance()
        except ExchangeError as exc:  # the next update or reconciliation saves them
            log.warning("could not read balances of account %s: %s", account_id, exc)
            return
        await store_balances(session, user_id, account_id, balances)

    async def publish(self, orders: Sequence[Order]) -> None:
        """Tell subscribers which orders changed (key: order id, so the latest state wins)."""
        try:
            for order in orders:
                await self.bus.publish(
                    orders_topic(order.user_id),
                    {"id": order.id, "status": order.status},
                    key=order.id,
                )
        except BusUnavailable as exc:  # the rows are stored; clients re-read on reconnect
            log.warning("bus unavailable, order updates not published: %s", exc)
