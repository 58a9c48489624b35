"""One running bot: market events and its own fills in, orders and cancels out.

Every step (a market event or one fill) runs under the bot's lock in this order:

1. build the StrategyContext (the bot's own position from its ledger, the account's free
   funds, the bot's open orders), hand the event to the strategy and collect its intents;
2. check each place intent against the bot's and the account's risk limits (refused: a
   `limit` event, the intent is dropped);
3. in ONE transaction: record the accepted intents as `bot_orders` rows (state `intent`, with
   a client order id derived from bot id, sequence number and tag), advance the sequence,
   store the ledger, the delivered fill quantity and the strategy snapshot;
4. only then send: cancels first, then places through the one order path
   (`OrderService.place_order`, source "bot", idempotent by client order id).

A crash after 3 leaves `intent` rows that the next start re-sends with the same client order
id (the order path returns the stored order if it got that far); a crash before 3 replays the
same event into the same snapshot, which produces the same intents with the same sequence
numbers. Either way no order is placed twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from api.bus import Bus
from api.db.bot_tables import Bot, BotOrder
from api.db.database import Database
from api.db.models import ExchangeAccount, FillRecord, Order, utcnow
from api.errors import ApiError
from api.services.accounts import Principal
from api.services.bots.account_risk import account_risk
from api.services.bots.records import (
    add_event,
    bot_limits,
    ledger_of,
    loads,
    publish_bot,
    store_ledger,
)
from api.services.bots.snapshot import dump_strategy, load_strategy
from api.services.market import book_from_message, book_topic, ticker_topic
from api.services.market_streams import trades_from_message, trades_topic
from api.services.orders import OrderService, PlaceOrder, orders_topic
from api.services.venues import VenueRegistry
from api.workers.reconciler import NEVER_ACCEPTED
from engine.bots.lifecycle import BotState
from engine.bots.order_ids import bot_client_order_id
from engine.exchanges.protocol import Exchange
from engine.market.models import Candle, Market, OrderBookSnapshot, Side
from engine.risk.limits import RiskLimits, RiskState, check, daily_loss_breached
from engine.strategies import registry
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
    price_of,
)
from engine.trading.models import Fill, Liquidity, OrderStatus, OrderType, TimeInForce

log = logging.getLogger(__name__)

LIVE = ("intent", "open")
SYNC_EVERY_S = 1.0  # look at our orders at least this often even without an order update
SNAPSHOT_EVERY_S = 30.0  # save a strategy that changed without producing intents


def _ended_without_us(order: Order) -> bool:
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


class BotRuntime:
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
        self._exchange_of_account: Exchange | None = None

    # -- main loop -----------------------------------------------------------------------
    async def run(self) -> None:
        venue, symbol = self.bot.venue, self.bot.symbol
        topics = (
            book_topic(venue, symbol),
            ticker_topic(venue, symbol),
            trades_topic(venue, symbol),
        )
        async with self.deps.bus.subscribe(*topics, orders_topic(self.bot.user_id)) as sub:
            async with self.lock:
                await self._prepare()
                book = await self.deps.venues.public(venue).fetch_order_book(symbol, 20)
                await self._market_event(book)
            loop = asyncio.get_running_loop()
            next_sync = loop.time() + SYNC_EVERY_S
            while True:
                try:
                    message = await sub.get(timeout=max(0.0, next_sync - loop.time()))
                except TimeoutError:
                    message = None
                async with self.lock:
                    if message is None or message.topic.startswith("orders:"):
                        await self._sync_orders()
                    elif message.topic.startswith("book:"):
                        _, book = book_from_message(message.data, 20)
                        await self._market_event(book)
                    elif message.topic.startswith("trades:"):
                        for trade in trades_from_message(message.data):
                            await self._deliver(trade)
                    else:
                        await self._ticker(message.data)
                    if loop.time() >= next_sync:
                        next_sync = loop.time() + SYNC_EVERY_S
                        await self._sync_orders()
                        await self._check_daily_loss(account=True)
                        await self._maybe_snapshot(loop.time())
                if self.bot.state != BotState.RUNNING:
                    return  # paused itself (daily loss limit)

    # -- start / resume ------------------------------------------------------------------
    async def _prepare(self) -> None:
        async with self.deps.db.session() as session:
            rows = (
                await session.exec(
                    select(BotOrder)
                    .where(col(BotOrder.bot_id) == self.bot.id, col(BotOrder.state).in_(LIVE))
                    .order_by(col(BotOrder.seq))
                )
            ).all()
        self.rows = {r.client_order_id: r for r in rows}
        restored = load_strategy(self.bot.strategy_state, self.deps.snapshot_key)
        if self.resume and restored is not None:
            self.strategy = restored
            # Every live row: open ones may have been lost by the venue, recorded intents may
            # never have reached it.
            was_live = list(self.rows.values())
            for row in [r for r in was_live if r.state == "intent"]:
                await self._send(row)  # recorded before a crash: same client order id
            await self._sync_orders()
            await self._restore_lost(was_live)
            return
        # Fresh start: the new strategy knows none of the old orders.
        await self.cancel_rows(list(self.rows.values()), reason="fresh start")
        self.strategy = registry.build_strategy(self.bot.kind, loads(self.bot.params), self.market)
        await self._sync_orders()

    async def _restore_lost(self, was_live: Sequence[BotOrder]) -> None:
        """Limit orders the bot did not cancel that ended while it was not running — cancelled
        by a venue that lost its book on restart, or never accepted because the process died
        before sending — are placed again once, under a new sequence number."""
        lost = [
            row
            for row in was_live
            if row.state == "done"
            and not row.cancel_requested
            and row.type == OrderType.LIMIT.value
            and (order := self.order_status.get(row.client_order_id)) is not None
            and _ended_without_us(order)
        ]
        intents: list[Intent] = []
        for row in lost:
            order = self.order_status[row.client_order_id]
            intents.append(
                PlaceIntent(
                    row.tag,
                    Side(row.side),
                    OrderType.LIMIT,
                    order.qty - order.filled_qty,
                    row.price,
                    TimeInForce(row.time_in_force),
                )
            )
        if intents:
            await self._apply(intents, note="re-placed orders lost while stopped")

    # -- events --------------------------------------------------------------------------
    async def _ticker(self, data: dict[str, Any]) -> None:
        now = datetime.fromisoformat(data["timestamp"])
        self.now = now
        # The candle after the last closed one closes 2 minutes after that one opened.
        if self._last_candle is None or (now - self._last_candle).total_seconds() >= 120:
            await self._closed_candles(now)
        await self._deliver(ClockTick(now))

    async def _closed_candles(self, now: datetime) -> None:
        exchange = self.deps.venues.public(self.bot.venue)
        candles: list[Candle] = await exchange.fetch_ohlcv(self.bot.symbol, "1m", 3)
        fresh = [
            c
            for c in candles
            if c.closed and (self._last_candle is None or c.open_time > self._last_candle)
        ]
        if self._last_candle is None:  # first look: only remember where we are
            fresh = []
        for candle in fresh:
            await self._deliver(candle)
        closed = [c.open_time for c in candles if c.closed]
        self._last_candle = max(closed) if closed else now

    async def _market_event(self, book: OrderBookSnapshot) -> None:
        self.now = book.timestamp
        price = price_of(book)
        if price is not None:
            self.mark = price
        await self._deliver(book)
        await self._check_daily_loss()

    async def _deliver(self, event: Event, fill_row: BotOrder | None = None) -> None:
        if self.strategy is None or self.bot.state != BotState.RUNNING:
            return
        ctx = await self._context()
        try:
            intents = self.strategy.on_event(event, ctx)
        except Exception as exc:
            raise StrategyFailed(f"{type(exc).__name__}: {exc}") from exc
        if intents or fill_row is not None:
            await self._apply(intents, fill_row=fill_row)
        elif self._dirty_since is None:
            self._dirty_since = asyncio.get_running_loop().time()

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

    # -- fills ---------------------------------------------------------------------------
    async def _sync_orders(self) -> None:
        """Read our live orders' state and deliver fills the strategy has not seen yet."""
        ids = [r.client_order_id for r in self.rows.values() if r.state == "open"]
        if not ids:
            return
        async with self.deps.db.session() as session:
            orders = (
                await session.exec(
                    select(Order).where(
                        col(Order.account_id) == self.bot.account_id,
                        col(Order.client_order_id).in_(ids),
                    )
                )
            ).all()
            by_order = {o.id: o for o in orders}
            fills = (
                await session.exec(
                    select(FillRecord)
                    .where(col(FillRecord.order_id).in_(list(by_order)))
                    .order_by(col(FillRecord.executed_at), col(FillRecord.id))
                )
            ).all()
        for order in orders:
            self.order_status[order.client_order_id] = order
        per_order: dict[str, list[FillRecord]] = {}
        for f in fills:
            per_order.setdefault(f.order_id, []).append(f)
        for order in sorted(orders, key=lambda o: o.updated_at):
            row = self.rows.get(order.client_order_id)
            if row is None:
                continue
            seen = Decimal(0)
            for record in per_order.get(order.id, []):
                seen += record.qty
                if seen > row.delivered_qty:
                    await self._fill(row, record)
            if OrderStatus(order.status).is_final and row.delivered_qty >= order.filled_qty:
                await self._finish_row(row)

    async def _fill(self, row: BotOrder, record: FillRecord) -> None:
        side = Side(record.side)
        self.ledger.apply(
            side, record.price, record.qty, record.fee, record.fee_currency, record.executed_at
        )
        row.delivered_qty += record.qty
        fill = Fill(
            trade_id=record.trade_id,
            order_id=record.order_id,
            client_order_id=row.tag,  # the strategy knows its orders by tag
            symbol=record.symbol,
            side=side,
            price=record.price,
            qty=record.qty,
            fee=record.fee,
            fee_currency=record.fee_currency,
            liquidity=Liquidity(record.liquidity),
            timestamp=record.executed_at,
        )
        self.now = max(self.now or record.executed_at, record.executed_at)
        await self._deliver(fill, fill_row=row)
        if self.strategy is None or self.bot.state != BotState.RUNNING:
            await self._apply([], fill_row=row)  # still book it

    async def _finish_row(self, row: BotOrder) -> None:
        row.state = "done"
        row.updated_at = utcnow()
        async with self.deps.db.session() as session:
            session.add(row)
            await session.commit()
        self.rows.pop(row.client_order_id, None)

    # -- intents -------------------------------------------------------------------------
    async def _apply(
        self, intents: Sequence[Intent], *, fill_row: BotOrder | None = None, note: str = ""
    ) -> None:
        places: list[BotOrder] = []
        cancels: list[BotOrder] = []
        refused: list[str] = []
        places_asked = any(not isinstance(i, CancelIntent) for i in intents)
        account_limits = await self._account_limits() if places_asked else None
        by_tag = {r.tag: r for r in self.open_rows()}
        for intent in intents:
            if isinstance(intent, CancelIntent):
                row = by_tag.pop(intent.tag, None)
                if row is not None:
                    row.cancel_requested = True
                    cancels.append(row)
                continue
            if isinstance(intent, AmendIntent):
                old = by_tag.pop(intent.tag, None)
                if old is None or old.price is None:
                    continue
                old.cancel_requested = True
                cancels.append(old)
                intent = PlaceIntent(
                    old.tag,
                    Side(old.side),
                    OrderType.LIMIT,
                    intent.qty or (old.qty - old.delivered_qty),
                    intent.price or old.price,
                    TimeInForce(old.time_in_force),
                )
            violation = self._violation(intent, places, cancels, account_limits)
            if violation is not None:
                refused.append(violation)
                continue
            places.append(self._record(intent))
        await self._persist(places, cancels, refused, fill_row, note)
        for row in cancels:
            await self._cancel(row)
        for row in places:
            await self._send(row)

    def _record(self, intent: PlaceIntent) -> BotOrder:
        seq = self.bot.next_seq
        self.bot.next_seq += 1
        row = BotOrder(
            bot_id=self.bot.id,
            user_id=self.bot.user_id,
            account_id=self.bot.account_id,
            seq=seq,
            tag=intent.tag,
            client_order_id=bot_client_order_id(self.bot.id, seq, intent.tag),
            side=intent.side.value,
            type=intent.type.value,
            time_in_force=intent.time_in_force.value,
            qty=intent.qty,
            price=intent.price,
        )
        self.rows[row.client_order_id] = row
        return row

    async def _persist(
        self,
        places: Sequence[BotOrder],
        cancels: Sequence[BotOrder],
        refused: Sequence[str],
        fill_row: BotOrder | None,
        note: str,
    ) -> None:
        bot = self.bot
        store_ledger(bot, self.ledger)
        if self.strategy is not None:
            bot.strategy_state = dump_strategy(self.strategy, self.deps.snapshot_key)
        bot.updated_at = utcnow()
        self._dirty_since = None
        async with self.deps.db.session() as session:
            session.add(bot)
            for row in [*places, *cancels, *([fill_row] if fill_row else [])]:
                row.updated_at = utcnow()
                session.add(row)
            if fill_row is not None:
                add_event(
                    session, bot, "fill", f"{fill_row.side} filled, {fill_row.tag}",
                    tag=fill_row.tag, delivered=fill_row.delivered_qty,
                )  # fmt: skip
            for message in refused:
                add_event(session, bot, "limit", f"order refused: {message}")
            if note and places:
                add_event(session, bot, "order", note, count=len(places))
            await session.commit()
        for message in refused:
            await publish_bot(self.deps.bus, bot, "limit", message)

    async def _maybe_snapshot(self, now: float) -> None:
        if self._dirty_since is not None and now - self._dirty_since >= SNAPSHOT_EVERY_S:
            await self._persist([], [], [], None, "")

    async def _send(self, row: BotOrder) -> None:
        request = PlaceOrder(
            account_id=row.account_id,
            symbol=self.bot.symbol,
            side=Side(row.side),
            type=OrderType(row.type),
            qty=row.qty,
            price=row.price,
            time_in_force=TimeInForce(row.time_in_force),
            client_order_id=row.client_order_id,
            source="bot",
        )
        try:
            order = await self.deps.orders.place_order(self.principal, request)
        except ApiError as exc:
            row.state = "failed"
            self.rows.pop(row.client_order_id, None)
            await self._save_row(row, "error", f"order {row.tag} refused: {exc.message}")
            return
        except Exception:
            # The order path failed after storing the order (a database hiccup while saving the
            # venue's answer, say): the stored row is what the reconciler settles. Track it.
            log.exception("bot %s: placing %s failed", self.bot.id, row.tag)
            stored = await self._stored_order(row.client_order_id)
            if stored is None:  # nothing stored: nothing was sent
                row.state = "failed"
                self.rows.pop(row.client_order_id, None)
                await self._save_row(row, "error", f"order {row.tag} could not be placed")
                return
            order = stored
        self.order_status[row.client_order_id] = order
        row.order_id = order.id
        row.state = "open"
        price = f" at {row.price}" if row.price is not None else " at market"
        await self._save_row(row, "order", f"{row.side} {row.qty}{price} ({row.tag})")

    async def _stored_order(self, client_order_id: str) -> Order | None:
        async with self.deps.db.session() as session:
            found = await session.exec(
                select(Order).where(
                    col(Order.account_id) == self.bot.account_id,
                    col(Order.client_order_id) == client_order_id,
                )
            )
            return found.first()

    async def _save_row(self, row: BotOrder, kind: str, message: str) -> None:
        row.updated_at = utcnow()
        async with self.deps.db.session() as session:
            session.add(row)
            add_event(
                session, self.bot, kind, message, tag=row.tag, clientOrderId=row.client_order_id
            )
            await session.commit()
        await publish_bot(self.deps.bus, self.bot, kind, message)

    async def _cancel(self, row: BotOrder) -> None:
        if row.order_id is None:
            return
        try:
            await self.deps.orders.cancel_order(self.principal, row.order_id)
        except ApiError as exc:  # already final, or in doubt: the next sync sees the outcome
            log.info("bot %s could not cancel %s: %s", self.bot.id, row.tag, exc.message)

    async def cancel_rows(self, rows: Sequence[BotOrder], reason: str) -> None:
        for row in rows:
            row.cancel_requested = True
            await self._cancel(row)
            if row.state == "intent":  # never sent (a fresh start does not re-send it)
                row.state = "failed"
        async with self.deps.db.session() as session:
            for row in rows:
                row.updated_at = utcnow()
                session.add(row)
            if rows:
                add_event(session, self.bot, "order", f"cancelled {len(rows)} orders: {reason}")
            await session.commit()

    # -- risk ----------------------------------------------------------------------------
    def _risk_state(self, places: Sequence[BotOrder], cancels: Sequence[BotOrder]) -> RiskState:
        gone = {r.client_order_id for r in cancels}
        live = [r for r in self.open_rows() if r.client_order_id not in gone] + list(places)
        mark = self.mark or Decimal(0)
        return RiskState(
            position=self.ledger.position,
            open_orders=len(live),
            open_buy_qty=sum(
                (r.qty - r.delivered_qty for r in live if r.side == "buy"), Decimal(0)
            ),
            open_sell_qty=sum(
                (r.qty - r.delivered_qty for r in live if r.side == "sell"), Decimal(0)
            ),
            price=mark,
            daily_pnl=self.ledger.daily_pnl(mark, (self.now or utcnow()).date()),
        )

    def _violation(
        self,
        intent: PlaceIntent,
        places: Sequence[BotOrder],
        cancels: Sequence[BotOrder],
        account: tuple[RiskLimits, RiskState] | None,
    ) -> str | None:
        if self.mark is None:
            return None
        found = check(intent, self._risk_state(places, cancels), self.limits)
        if found is not None:
            return f"bot limit {found.limit}: {found.message}"
        if account is not None:
            limits, state = account
            extra = len(places)
            state = RiskState(
                position=state.position,
                open_orders=state.open_orders + extra,
                open_buy_qty=state.open_buy_qty,
                open_sell_qty=state.open_sell_qty,
                price=state.price,
                daily_pnl=state.daily_pnl,
            )
            found = check(intent, state, limits)
            if found is not None:
                return f"account limit {found.limit}: {found.message}"
        return None

    async def _account_limits(self) -> tuple[RiskLimits, RiskState] | None:
        today = (self.now or utcnow()).date()
        return await account_risk(
            self.deps.db, self.bot.account_id, self.bot.id, self.ledger, self.mark, today
        )

    async def _check_daily_loss(self, *, account: bool = False) -> None:
        """The bot's own limit on every market event; the account's (a query) on each sync."""
        if self.mark is None or self.bot.state != BotState.RUNNING:
            return
        found = daily_loss_breached(self._risk_state([], []), self.limits)
        if found is None and account:
            account_limits = await self._account_limits()
            if account_limits is not None:
                found = daily_loss_breached(account_limits[1], account_limits[0])
        if found is None:
            return
        bot = self.bot
        bot.state = BotState.PAUSED.value
        bot.updated_at = utcnow()
        message = f"paused: {found.message}"
        store_ledger(bot, self.ledger)
        if self.strategy is not None:
            bot.strategy_state = dump_strategy(self.strategy, self.deps.snapshot_key)
        async with self.deps.db.session() as session:
            session.add(bot)
            add_event(session, bot, "limit", message, limit=found.limit)
            await session.commit()
        await publish_bot(self.deps.bus, bot, "limit", message)
