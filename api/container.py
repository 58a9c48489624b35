"""Builds and tears down every long-lived part of the service, in one visible place."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from api.auth.webauthn import RelyingParty
from api.bus import Bus, create_bus
from api.db.database import Database
from api.services.accounts import AccountService
from api.services.challenges import ChallengeStore
from api.services.credentials import CredentialStore
from api.services.demo import seed_demo
from api.services.market import MarketService
from api.services.orders import OrderService
from api.services.passkeys import PasskeyService
from api.services.portfolio import PortfolioService
from api.services.recovery_codes import RecoveryCodeStore
from api.services.step_up import StepUpGuard
from api.services.trading_grants import TradingGrantService
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
    step_up: StepUpGuard
    passkeys: PasskeyService
    trading_grants: TradingGrantService
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
    relying_party = RelyingParty.from_settings(settings)
    challenges = ChallengeStore(db)
    credentials = CredentialStore(db)
    step_up = StepUpGuard(
        relying_party,
        challenges,
        credentials,
        paper_trading_needs_step_up=settings.step_up_paper_trading,
    )
    passkeys = PasskeyService(
        relying_party, accounts, challenges, credentials, RecoveryCodeStore(db), step_up
    )
    trading_grants = TradingGrantService(db, step_up)
    orders = OrderService(db, venues, bus, authorizer=trading_grants)
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
            sim, bus, settings.sim_tick_seconds, on_account_events=orders.recorder.record_sim_events
        ),
        step_up=step_up,
        passkeys=passkeys,
        trading_grants=trading_grants,
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
