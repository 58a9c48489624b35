"""Builds and tears down every long-lived part of the service, in one visible place."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from api.bus import Bus, create_bus
from api.db.database import Database
from api.services.accounts import AccountService
from api.services.demo import seed_demo
from api.services.market import MarketService
from api.services.orders import OrderService
from api.services.portfolio import PortfolioService
from api.services.venues import VenueRegistry
from api.settings import Settings
from api.tasks import stop_tasks
from api.workers.market_feed import SimMarketFeed
from api.workers.reconciler import Reconciler
from engine.market.sim.venue import SimVenue

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    db: Database
    bus: Bus
    venues: VenueRegistry
    market: MarketService
    accounts: AccountService
    portfolio: PortfolioService
    orders: OrderService
    reconciler: Reconciler
    feed: SimMarketFeed
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def close(self) -> None:
        await stop_tasks(self._tasks)
        await self.venues.close()
        await self.bus.close()
        await self.db.dispose()


async def start_services(settings: Settings, *, run_workers: bool = True) -> Services:
    """Connect, migrate, seed and start workers. Raises DatabaseUnavailable / BusUnavailable
    with the (redacted) URL when a configured server does not answer."""
    db = Database(settings.resolved_database_url)
    bus = create_bus(settings.redis_url)
    try:
        await db.check()
        await db.upgrade()
        await bus.start()
    except BaseException:
        await db.dispose()
        await bus.close()
        raise
    sim = SimVenue(seed=settings.sim_seed, tick_seconds=settings.sim_tick_seconds)
    venues = VenueRegistry(sim)
    accounts = AccountService(db, timedelta(hours=settings.session_ttl_hours))
    portfolio = PortfolioService(db, venues)
    orders = OrderService(db, venues, bus)
    services = Services(
        settings=settings,
        db=db,
        bus=bus,
        venues=venues,
        market=MarketService(venues),
        accounts=accounts,
        portfolio=portfolio,
        orders=orders,
        reconciler=Reconciler(orders),
        feed=SimMarketFeed(
            sim, bus, settings.sim_tick_seconds, on_account_events=orders.record_sim_events
        ),
    )
    restored = await portfolio.restore_sim_accounts()
    if settings.demo_data and await seed_demo(db, accounts, portfolio):
        log.info("seeded demo data")
    log.info("restored %d simulated accounts", restored)
    # Before the app serves requests (trading): every order left open or in doubt is resolved.
    resolved = await services.reconciler.reconcile(grace=timedelta(0))
    log.info("reconciled %d orders at start-up", resolved)
    if run_workers:
        services._tasks.append(asyncio.create_task(services.feed.run(), name="sim-market-feed"))
        services._tasks.append(asyncio.create_task(services.reconciler.run(), name="reconciler"))
    return services
