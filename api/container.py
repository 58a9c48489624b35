"""Builds and tears down every long-lived part of the service, in one visible place."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from api.auth.vault import SecretVault
from api.auth.webauthn import RelyingParty
from api.bus import Bus, create_bus
from api.db.database import Database
from api.services.accounts import AccountService
from api.services.action_labels import ActionLabels
from api.services.alerts import AlertActions, AlertService, AlertStore
from api.services.backtests import BacktestService
from api.services.bots import BotService
from api.services.bots.runtime import RuntimeDeps
from api.services.bots.snapshot import snapshot_key
from api.services.challenges import ChallengeStore
from api.services.credentials import CredentialStore
from api.services.demo import seed_demo
from api.services.exchange_accounts import (
    ExchangeAccountService,
    ccxt_connector,
    public_ccxt_connector,
)
from api.services.feature_links import link_alerts, link_copy_skips, link_push_actions
from api.services.market import MarketService
from api.services.notifications import Notifications, build_notifications
from api.services.orders import OrderService
from api.services.passkeys import PasskeyService
from api.services.pnl import PnlService
from api.services.portfolio import PortfolioService
from api.services.recovery_codes import RecoveryCodeStore
from api.services.signal_models import SignalModelService
from api.services.signals import SignalService
from api.services.social import (
    CopyFanoutService,
    CopyQueue,
    FeedService,
    FollowService,
    LeaderboardService,
    MarketplaceService,
    PlatformStatsService,
    ProfileService,
)
from api.services.step_up import StepUpGuard
from api.services.trading_grants import TradingGrantService
from api.services.venues import VenueRegistry
from api.services.watchlist import WatchlistService
from api.services.widget_tokens import WidgetTokenService
from api.services.widgets import WidgetProviders, WidgetService
from api.services.widgets.push import link_widget_refresh
from api.services.widgets.sources import LastAlertTrigger, StoredBots, StrongestSignal
from api.settings import Settings
from api.tasks import stop_tasks
from api.workers.alert_evaluator import AlertEvaluator
from api.workers.bot_runner import BotRunner
from api.workers.bot_worker import BotDispatch
from api.workers.copy_dispatcher import CopyDispatcher
from api.workers.fee_settlement import FeeSettlementWorker
from api.workers.leader import leader_for
from api.workers.leaderboard import LeaderboardRefresher
from api.workers.live_feeds import LiveBookFeeds
from api.workers.market_feed import SimMarketFeed
from api.workers.news_feed import NewsFeed
from api.workers.pnl_sampler import PnlSampler
from api.workers.private_streams import PrivateStreams
from api.workers.reconciler import Reconciler
from api.workers.signal_feed import SignalFeed
from api.workers.whale_feed import WhaleFeed, sim_transfer_sources
from api.workers.widget_refresher import WidgetRefresher
from engine.market.sim.venue import SimVenue
from engine.signals.onnx_model import SignalModel

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
    pnl: PnlService
    exchange_accounts: ExchangeAccountService
    live_feeds: LiveBookFeeds
    orders: OrderService
    reconciler: Reconciler
    private_streams: PrivateStreams
    feed: SimMarketFeed
    step_up: StepUpGuard
    passkeys: PasskeyService
    trading_grants: TradingGrantService
    bots: BotService
    social: FollowService
    copy_dispatcher: CopyDispatcher
    profiles: ProfileService
    leaderboard: LeaderboardService
    marketplace: MarketplaceService
    social_feed: FeedService
    platform_stats: PlatformStatsService
    widgets: WidgetService
    widget_tokens: WidgetTokenService
    watchlist: WatchlistService
    alerts: AlertService
    alert_evaluator: AlertEvaluator
    notifications: Notifications
    signals: SignalService
    signal_feed: SignalFeed
    news_feed: NewsFeed  # headlines for sentiment bots (news:{venue})
    whale_feed: WhaleFeed  # whale events for bots and alerts (whales:{venue}:{symbol})
    backtests: BacktestService
    signal_models: SignalModelService
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def close(self) -> None:
        await stop_tasks(self._tasks)
        if self.bots.runner.dispatch is not None:
            await self.bots.runner.dispatch.close()
        await self.backtests.close()
        await self.copy_dispatcher.fanout.close()  # skip pushes still in flight
        await self.notifications.close()
        await self.live_feeds.close()
        await self.private_streams.close()
        await self.venues.close()
        await self.bus.close()
        await self.db.dispose()


async def start_services(settings: Settings, *, run_workers: bool = True) -> Services:
    """Connect, migrate, seed and start workers. Raises DatabaseUnavailable / BusUnavailable
    with the (redacted) URL when a configured server does not answer."""
    db = Database(settings.resolved_database_url)
    bus = create_bus(settings.redis_url, settings.bus_namespace)
    try:
        await db.check()
        await db.upgrade()
        await bus.start()
    except BaseException:
        await db.dispose()
        await bus.close()
        raise
    sim = SimVenue(seed=settings.sim_seed, tick_seconds=settings.sim_tick_seconds)
    venues = VenueRegistry(
        sim,
        public_ccxt_connector(settings.exchange_overrides, settings.exchange_timeout_seconds),
        settings.live_market_venues,
    )
    accounts = AccountService(db, timedelta(hours=settings.session_ttl_hours), bus=bus)
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
    step_up.labels = ActionLabels(db)
    passkeys = PasskeyService(
        relying_party, accounts, challenges, credentials, RecoveryCodeStore(db), step_up
    )
    trading_grants = TradingGrantService(db, step_up)
    orders = OrderService(db, venues, bus, authorizer=trading_grants)
    copy_fanout = CopyFanoutService(db, venues, CopyQueue(), bus=bus)
    alert_store = AlertStore(db)
    alert_actions = AlertActions(bus, orders, portfolio, venues)
    bot_deps = RuntimeDeps(db, bus, orders, venues, snapshot_key(settings.resolved_secret_key))
    bot_dispatch = (  # bots on live venues run in `bot-worker` processes
        BotDispatch.from_url(
            settings.redis_url, settings.bus_namespace, settings.bot_worker_lease_seconds
        )
        if settings.bot_workers == "streams" and settings.redis_url
        else None
    )
    bots = BotService(db, bus, orders, venues, step_up, BotRunner(bot_deps, bot_dispatch))
    market = MarketService(venues)  # stateless: one serves every service
    signals = SignalService(market, SignalModel.bundled())
    watchlist = WatchlistService(db, market)
    services = Services(
        settings=settings,
        db=db,
        bus=bus,
        venues=venues,
        market=market,
        pnl=PnlService(db, portfolio, market),
        live_feeds=LiveBookFeeds(venues, bus),
        exchange_accounts=ExchangeAccountService(
            db,
            venues,
            SecretVault(settings.resolved_secret_key),
            step_up,
            ccxt_connector(settings.exchange_overrides, settings.exchange_timeout_seconds),
        ),
        accounts=accounts,
        portfolio=portfolio,
        orders=orders,
        reconciler=Reconciler(orders),
        private_streams=PrivateStreams(orders),
        feed=SimMarketFeed(
            sim, bus, settings.sim_tick_seconds, on_account_events=orders.recorder.record_sim_events
        ),
        step_up=step_up,
        passkeys=passkeys,
        trading_grants=trading_grants,
        bots=bots,
        social=FollowService(db, venues, orders, step_up),
        copy_dispatcher=CopyDispatcher(copy_fanout, orders),
        profiles=ProfileService(db),
        leaderboard=LeaderboardService(
            db,
            venues,
            min_days=settings.leaderboard_min_days,
            min_trades=settings.leaderboard_min_trades,
        ),
        marketplace=MarketplaceService(
            db,
            step_up,
            creator_share_pct=Decimal(str(settings.marketplace_creator_share_pct)),
            bots=bots,  # each subscription runs the subscriber's copy of the listed bot
            venues=venues,
        ),
        social_feed=FeedService(db, bus, posts_per_minute=settings.feed_posts_per_minute),
        platform_stats=PlatformStatsService(db),
        widgets=WidgetService(
            portfolio,
            market,
            WidgetProviders(
                bots=StoredBots(db),
                last_alert=LastAlertTrigger(db),
                strongest_signal=StrongestSignal(signals, sim.symbols),
                watchlist=watchlist.stored_symbols,
            ),
        ),
        widget_tokens=WidgetTokenService(db, accounts),
        watchlist=watchlist,
        alerts=AlertService(alert_store, bus, market, portfolio, step_up),
        alert_evaluator=AlertEvaluator(alert_store, bus, alert_actions, market),
        notifications=build_notifications(settings, db, bus, orders),
        signals=signals,
        signal_feed=SignalFeed(signals, bus, sim.symbols),
        news_feed=NewsFeed(
            bus,
            market,
            sim.symbols,
            settings.sim_seed,
            rss_urls=settings.news_rss_urls,
            rss_venues=settings.live_market_venues,
            poll_s=settings.news_poll_seconds,
        ),
        whale_feed=WhaleFeed(
            bus,
            "sim",
            sim.symbols,
            sim_transfer_sources(settings.sim_seed, {s: sim.ticker(s).last for s in sim.symbols}),
        ),
        backtests=BacktestService(db, bus, venues=venues),
        signal_models=SignalModelService(db),
    )
    bots.runner.feeds = services.live_feeds  # live bots hold their symbol's venue feeds
    link_alerts(alert_actions, services.notifications, bots)
    link_copy_skips(copy_fanout, services.notifications)
    link_push_actions(services.notifications, services.alerts, bots)
    watchlist.listeners.append(services.widgets.watchlist_changed)
    link_widget_refresh(services.widgets, services.notifications)
    restored = await portfolio.restore_sim_accounts()
    live = await services.exchange_accounts.restore()
    log.info("attached %d live exchange accounts", live)
    if settings.demo_data and await seed_demo(db, accounts, portfolio):
        log.info("seeded demo data")
    log.info("restored %d simulated accounts", restored)
    # Before the app serves requests (trading): every order left open or in doubt is resolved.
    resolved = await services.reconciler.reconcile(grace=timedelta(0))
    log.info("reconciled %d orders at start-up", resolved)
    interrupted = await services.backtests.recover()  # jobs a crash left running: failed
    log.info("marked %d interrupted backtests failed", interrupted)
    # The session cache is on only while this follows revocations (any replica's logout).
    services._tasks.append(
        asyncio.create_task(accounts.follow_revocations(), name="session-revocations")
    )
    if run_workers:
        await start_workers(services)
    return services


async def start_workers(services: Services) -> None:
    """The in-process background workers (tests that drive them by hand leave them off)."""
    settings, bus = services.settings, services.bus
    sim_markets = services.venues.sim.markets
    workers: list[tuple[str, Coroutine[Any, Any, None]]] = [
        ("sim-market-feed", services.feed.run()),
        ("reconciler", services.reconciler.run()),
        ("private-streams", services.private_streams.run()),
        ("bot-runner", services.bots.runner.run()),
        ("copy-dispatcher", services.copy_dispatcher.run()),
        (
            "leaderboard",
            LeaderboardRefresher(services.leaderboard, settings.leaderboard_refresh_seconds).run(),
        ),
        # marketplace fee periods
        ("fee-settlement", FeeSettlementWorker(services.marketplace, services.venues).run()),
        ("widget-refresher", WidgetRefresher(bus, services.widgets, sim_markets).run()),
        ("alert-evaluator", services.alert_evaluator.run()),
        # P&L / drawdown alerts (docs/alerts.md)
        (
            "pnl-sampler",
            PnlSampler(
                services.alert_evaluator, services.pnl, services.db, bus, services.market
            ).run(),
        ),
        ("signal-feed", services.signal_feed.run()),
    ]
    for role, feed in (("news-feed", services.news_feed), ("whale-feed", services.whale_feed)):
        lease = leader_for(settings.redis_url, settings.bus_namespace, role)  # once per cluster
        workers.append((role, feed.run(lease)))
    push = services.notifications
    workers.append(("push-delivery", push.delivery.run(push.service.flush_due)))
    services._tasks.extend(asyncio.create_task(work, name=name) for name, work in workers)
    await push.fills.start()
