"""A running bot's state and what it reads: the rows of its live orders, the last order states
seen, its ledger and limits, and the `StrategyContext` built from them (one of the runtime's
parts: runtime.py runs the loop, runtime_orders.py talks to the order path, runtime_intents.py
records intents and checks limits)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from api.bus import Bus
from api.db.bot_tables import Bot, BotOrder
from api.db.database import Database
from api.db.models import ExchangeAccount, Order, utcnow
from api.services.accounts import Principal
from api.services.bots.records import bot_limits, ledger_of
from api.services.orders import OrderService
from api.services.venues import VenueRegistry
from api.workers.reconciler import NEVER_ACCEPTED
from engine.exchanges.protocol import Exchange
from engine.market.models import Market, Side
from engine.strategies.base import Event, Intent, OpenOrder, Strategy, StrategyContext
from engine.trading.models import OrderStatus

log = logging.getLogger(__name__)

LIVE = ("intent", "open")
SYNC_EVERY_S = 1.0  # look at our orders at least this often even without an order update
SNAPSHOT_EVERY_S = 30.0  # save a strategy that changed without producing intents


def ended_without_us(order: Order) -> bool:
    if order.qty <= order.filled_qty:
        return False
    if order.status in (OrderStatus.CANCELED.value, OrderStatus.EXPIRED.value):
        return True
    return order.status == OrderStatus.REJECTED.value and order.reject_reason == NEVER_ACCEPTED


class StrategyFailed(Exception):
    """The strategy raised: the bot goes to `error` with this message."""


@dataclass
class RuntimeDeps:
    db: Database
    bus: Bus
    orders: OrderService
    venues: VenueRegistry
    snapshot_key: bytes


def bot_principal(bot: Bot) -> Principal:
    """Who a bot's orders are placed as: its owner (bot orders need no per-order step-up)."""
    return Principal(user_id=bot.user_id, session_id=f"bot-{bot.id}", scope="full")


class RuntimeCore:
    """State shared by the runtime's parts; `_deliver` and `_apply` are the loop's and the
    intent book's (declared here so every part can call them)."""

    def __init__(self, deps: RuntimeDeps, bot: Bot, market: Market, *, resume: bool) -> None:
        self.deps = deps
        self.bot = bot
        self.market = market
        self.resume = resume
        self.principal = bot_principal(bot)
        self.lock = asyncio.Lock()
        self.ledger = ledger_of(bot, market)
        self.limits = bot_limits(bot)
        self.strategy: Strategy | None = None
        self.rows: dict[str, BotOrder] = {}  # client order id -> live row
        self.order_status: dict[str, Order] = {}  # client order id -> last seen order row
        self.mark: Decimal | None = None
        self.now: datetime | None = None
        self._last_candle: datetime | None = None
        self._dirty_since: float | None = None
        self._refusals_reported: set[str] = set()  # limit refusals still standing, already told
        self._exchange_of_account: Exchange | None = None
        # set once the bot listens to its topics and has seen the market (tests wait on it)
        self.ready = asyncio.Event()

    # -- context -------------------------------------------------------------------------
    def _is_open(self, row: BotOrder) -> bool:
        order = self.order_status.get(row.client_order_id)
        if row.delivered_qty >= row.qty:
            return False
        if order is not None and OrderStatus(order.status).is_final:
            return row.delivered_qty < order.filled_qty  # fills still to deliver
        return True

    def open_rows(self) -> list[BotOrder]:
        return [r for r in self.rows.values() if self._is_open(r)]

    async def _context(self) -> StrategyContext:
        exchange = await self._exchange()
        balances = await exchange.fetch_balance()
        base = balances.get(self.market.base)
        quote = balances.get(self.market.quote)
        open_rows = self.open_rows()
        reserved_sells = sum(
            (r.qty - r.delivered_qty for r in open_rows if r.side == Side.SELL.value), Decimal(0)
        )
        own_free = max(Decimal(0), self.ledger.position - reserved_sells)
        open_orders = {
            r.tag: OpenOrder(
                r.tag, Side(r.side), r.price or Decimal(0), r.qty - r.delivered_qty, r.delivered_qty
            )
            for r in open_rows
        }
        return StrategyContext(
            market=self.market,
            now=self.now or utcnow(),
            position=self.ledger.position,
            avg_cost=self.ledger.avg_cost,
            free_quote=quote.free if quote else Decimal(0),
            free_base=min(base.free if base else Decimal(0), own_free),
            open_orders=open_orders,
        )

    async def _exchange(self) -> Exchange:
        if self._exchange_of_account is None:
            async with self.deps.db.session() as session:
                account = await session.get(ExchangeAccount, self.bot.account_id)
            if account is None:
                raise StrategyFailed("the bot's exchange account was removed")
            self._exchange_of_account = self.deps.venues.account_exchange(account)
        return self._exchange_of_account

    async def _deliver(self, event: Event, fill_row: BotOrder | None = None) -> None:
        raise NotImplementedError

    async def _apply(
        self, intents: Sequence[Intent], *, fill_row: BotOrder | None = None, note: str = ""
    ) -> None:
        raise NotImplementedError
