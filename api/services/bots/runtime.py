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

The parts: runtime_state.py (state and context), runtime_orders.py (the order path, fills,
lost orders), runtime_intents.py (limits, recording intents, daily loss); this module runs the
loop and feeds events.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from api.db.bot_tables import BotOrder
from api.services.bots.feeds import SIDE_PREFIXES, side_event_of, side_topics
from api.services.bots.records import loads
from api.services.bots.runtime_intents import IntentBook
from api.services.bots.runtime_state import (
    LIVE,
    SNAPSHOT_EVERY_S,
    SYNC_EVERY_S,
    RuntimeDeps,
    StrategyFailed,
    bot_principal,
)
from api.services.bots.snapshot import load_strategy
from api.services.market import book_from_message, book_topic, ticker_topic
from api.services.market_streams import trades_from_message, trades_topic
from api.services.orders import orders_topic
from engine.bots.lifecycle import BotState
from engine.market.models import Candle, OrderBookSnapshot
from engine.strategies import registry
from engine.strategies.base import ClockTick, Event, price_of

__all__ = [
    "SNAPSHOT_EVERY_S",
    "SYNC_EVERY_S",
    "BotRuntime",
    "RuntimeDeps",
    "StrategyFailed",
    "bot_principal",
]

log = logging.getLogger(__name__)


class BotRuntime(IntentBook):
    # -- main loop -----------------------------------------------------------------------
    async def run(self) -> None:
        venue, symbol = self.bot.venue, self.bot.symbol
        topics = (
            book_topic(venue, symbol),
            ticker_topic(venue, symbol),
            trades_topic(venue, symbol),
            *side_topics(venue, symbol),
        )
        async with self.deps.bus.subscribe(*topics, orders_topic(self.bot.user_id)) as sub:
            async with self.lock:
                await self._prepare()
                book = await self.deps.venues.public(venue).fetch_order_book(symbol, 20)
                await self._market_event(book)
            self.ready.set()
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
                        await self._check_daily_loss()  # a losing fill pauses at once
                    elif message.topic.startswith("book:"):
                        _, book = book_from_message(message.data, 20)
                        await self._market_event(book)
                    elif message.topic.startswith("trades:"):
                        for trade in trades_from_message(message.data):
                            await self._deliver(trade)
                    elif message.topic.startswith(SIDE_PREFIXES):
                        side_event = side_event_of(message.topic, message.data, symbol)
                        if side_event is not None:
                            await self._deliver(side_event)
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
