"""Evaluates every active alert against the market stream and fires each trigger once.

Reads `ticker:{venue}:{symbol}` and `book:{venue}:{symbol}` from the bus (conflated: a
crossing between two evaluated ticks is still seen, since the index takes the whole range
prev → cur) and, unconflated, `candles:{venue}:{symbol}` (RSI, EMA gap and volume ratio move
on closed 1m candles only), feeds the indexed evaluator, claims each firing in the database
(exactly once across replicas and restarts), then runs the alert's action and announces it from
a queue, so a slow webhook never delays evaluation. `alert-changes` messages re-read one alert.
Event alerts follow their own topics (fills, bot updates, signals, whales); P&L and drawdown
levels are handed in by api/workers/pnl_sampler.py."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from api.bus import Bus, BusUnavailable, Message, Subscription
from api.db.alert_tables import Alert
from api.db.models import utcnow
from api.services.alerts.actions import AlertActions
from api.services.alerts.feed import (
    USER_EVENT_TOPICS,
    book_of,
    bot_event,
    closed_candles_of,
    rule_of,
    signal_event,
    tick_of,
    whale_event,
    whale_topic,
)
from api.services.alerts.service import CHANGES_TOPIC
from api.services.alerts.store import ACTIVE, AlertStore
from api.services.market import MarketService, book_topic, ticker_topic
from api.services.market_streams import candles_topic
from engine.alerts import AlertRule, Firing, IndexedEvaluator, Mode
from engine.alerts.events import LEVEL_KINDS, Event, EventIndex, EventKind, EventRule
from engine.trading.models import OrderStatus

log = logging.getLogger(__name__)

RETRY_S = 1.0


class AlertEvaluator:
    def __init__(
        self,
        store: AlertStore,
        bus: Bus,
        actions: AlertActions,
        market: MarketService,
        *,
        venue: str = "sim",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.bus = bus
        self.actions = actions
        self.market_data = market
        self.venue = venue
        self.clock = clock
        self.market = IndexedEvaluator()
        self.events = EventIndex()
        self.queue: asyncio.Queue[tuple[Alert, str]] = asyncio.Queue()
        self.fired = 0
        self._event_topics_changed = asyncio.Event()
        self.following: frozenset[str] = frozenset()  # event topics subscribed right now
        self._wanted_topics: set[str] = set()

    # -- arming --------------------------------------------------------------------------
    def arm(self, alert: Alert) -> None:
        self.disarm(alert.id)
        if alert.status != ACTIVE or alert.venue != self.venue:
            return
        rule = rule_of(alert)
        if isinstance(rule, EventRule):
            self.events.add(rule)
            self._event_topics_may_have_changed()
        else:
            self.market.add(rule)

    def disarm(self, alert_id: str) -> None:
        self.market.remove(alert_id)
        if alert_id in self.events.rules:
            self.events.remove(alert_id)
            self._event_topics_may_have_changed()

    def _event_topics_may_have_changed(self) -> None:
        topics = self.event_topics()
        if topics != self._wanted_topics:  # resubscribe only for a real change
            self._wanted_topics = topics
            self._event_topics_changed.set()

    def armed(self, alert_id: str) -> bool:
        return alert_id in self.market or alert_id in self.events.rules

    async def load(self) -> int:
        """Arm every active alert (start-up) and queue actions left pending by a crash."""
        alerts = await self.store.active()
        rules = [rule_of(a) for a in alerts if a.venue == self.venue]
        self.market.load(r for r in rules if isinstance(r, AlertRule))
        for rule in rules:
            if isinstance(rule, EventRule):
                self.events.add(rule)
        self._wanted_topics = self.event_topics()
        for trigger in await self.store.pending_triggers():
            alert = await self.store.by_id(trigger.alert_id)
            if alert is not None:
                self.queue.put_nowait((alert, trigger.id))
        return len(rules)

    async def reload(self, alert_id: str) -> None:
        alert = await self.store.by_id(alert_id)
        if alert is None:
            self.disarm(alert_id)
        else:
            self.arm(alert)

    # -- evaluating ----------------------------------------------------------------------
    async def on_message(self, message: Message) -> None:
        data = message.data
        if message.topic == CHANGES_TOPIC:
            await self.reload(data["alertId"])
            return
        now = self.clock()
        if message.topic.startswith("ticker:"):
            firings = self.market.on_tick(tick_of(data, now.timestamp()))
            await self._claim(firings, f"t:{data['timestamp']}", now)
        elif message.topic.startswith("book:"):
            firings = self.market.on_book(book_of(data, now.timestamp()))
            await self._claim(firings, f"b:{data['seq']}", now)
        elif message.topic.startswith("candles:"):
            for candle in closed_candles_of(data):
                firings = self.market.on_candle(candle)
                await self._claim(firings, f"c:{int(candle.ts)}", now)

    async def on_event(self, event: Event) -> None:
        """Event alerts (fills, bot events, signals, whales, P&L): fed by their producers."""
        now = self.clock()
        for rule in self.events.matching(event):
            alert = await self._claim_one(
                rule.id, f"e:{event.kind.value}:{event.key}", now, None, event.value, {}
            )
            if alert is not None and (alert.mode == Mode.ONCE.value or alert.status != ACTIVE):
                self.events.remove(rule.id)

    def event_topics(self) -> set[str]:
        """`orders:{user}` of every user with a fill alert, `bots:{user}` with a bot alert,
        `signals:{symbol}` of every symbol a signal alert watches, `whales:{venue}:{symbol}` of
        every symbol a whale alert watches (P&L levels come from the P&L sampler)."""
        topics = set()
        for rule in self.events.rules.values():
            kind = rule.condition.kind
            if kind in USER_EVENT_TOPICS:
                topics.add(f"{USER_EVENT_TOPICS[kind]}:{rule.user_id}")
            elif kind is EventKind.SIGNAL and "symbol" in rule.condition.match:
                topics.add(f"signals:{rule.condition.match['symbol']}")
            elif kind is EventKind.WHALE and "symbol" in rule.condition.match:
                topics.add(whale_topic(self.venue, rule.condition.match["symbol"]))
        return topics

    def level_users(self) -> set[str]:
        """Users with an armed P&L or drawdown alert: whom the P&L sampler samples."""
        return {r.user_id for r in self.events.rules.values() if r.condition.kind in LEVEL_KINDS}

    async def on_event_message(self, message: Message) -> None:
        prefix, _, rest = message.topic.partition(":")
        event: Event | None
        if prefix == "orders":
            event = await self._fill_event(rest, message.data)
        elif prefix == "bots":
            event = bot_event(rest, message.data, self.clock())
        elif prefix == "whales":
            event = whale_event(message.data, self.clock())
        else:
            event = signal_event(message.data, self.clock())
        if event is not None:
            await self.on_event(event)

    async def _fill_event(self, user_id: str, data: dict[str, Any]) -> Event | None:
        """An order update (`{"id", "status"}`) of an order that reached `filled`."""
        if data.get("status") != OrderStatus.FILLED.value:
            return None
        order = await self.actions.orders.order(user_id, str(data["id"]))
        return Event(
            EventKind.ORDER_FILLED,
            key=order.id,
            ts=self.clock().timestamp(),
            user_id=user_id,
            fields={"symbol": order.symbol, "side": order.side, "accountId": order.account_id},
            value=float(order.filled_qty),
        )

    async def run_event_topics(self) -> None:
        """Follows the topics event alerts need; resubscribes when that set changes."""
        while True:
            self._event_topics_changed.clear()
            topics = sorted(self.event_topics())
            if not topics:
                await self._event_topics_changed.wait()
                continue
            try:
                async with self.bus.subscribe(*topics, conflate=False) as subscription:
                    self.following = frozenset(topics)
                    while (message := await self._next_or_change(subscription)) is not None:
                        try:
                            await self.on_event_message(message)
                        except BusUnavailable:
                            raise
                        except Exception:
                            log.exception("event for alerts failed")
            except BusUnavailable as exc:
                log.warning("alert evaluator: bus unavailable (%s), retrying", exc)
                await asyncio.sleep(RETRY_S)
            finally:
                self.following = frozenset()

    async def _next_or_change(self, subscription: Subscription) -> Message | None:
        """The next message, or None as soon as the set of topics to follow changed."""
        if self._event_topics_changed.is_set():
            return None
        message = asyncio.ensure_future(subscription.get())
        changed = asyncio.ensure_future(self._event_topics_changed.wait())
        try:
            await asyncio.wait({message, changed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (message, changed):
                if not task.done():
                    task.cancel()
            await asyncio.gather(message, changed, return_exceptions=True)
        if message.cancelled():
            return None
        return message.result()

    async def _claim(self, firings: list[Firing], trigger_key: str, now: datetime) -> None:
        for firing in firings:
            rule = firing.rule
            detail = {
                "metric": rule.condition.metric.value,
                "direction": rule.condition.direction.value,
                "threshold": rule.condition.threshold,
                "previous": firing.prev,
            }
            await self._claim_one(rule.id, trigger_key, now, rule.symbol, firing.value, detail)

    async def _claim_one(
        self,
        alert_id: str,
        trigger_key: str,
        now: datetime,
        symbol: str | None,
        value: float | None,
        detail: dict[str, Any],
    ) -> Alert | None:
        alert = await self.store.by_id(alert_id)
        if alert is None:
            self.disarm(alert_id)
            return None
        status = "pending" if alert.action else "none"
        trigger = await self.store.claim(
            alert_id,
            trigger_key,
            now,
            alert.cooldown_s,
            symbol=symbol,
            value="" if value is None else f"{value:.10g}",
            detail=detail,
            action_status=status,
        )
        if trigger is None:  # fired elsewhere, or our copy was stale: take the stored state
            current = await self.store.by_id(alert_id)
            if current is None:
                self.disarm(alert_id)
            elif isinstance(rule_of(current), AlertRule):
                self.arm(current)
            return None
        self.fired += 1
        claimed = await self.store.by_id(alert_id) or alert
        self.queue.put_nowait((claimed, trigger.id))
        return claimed

    # -- acting --------------------------------------------------------------------------
    async def act_on_next(self) -> None:
        alert, trigger_id = await self.queue.get()
        try:
            trigger = await self.store.trigger(trigger_id)
            if trigger is None:
                return
            if trigger.action_status == "pending":
                outcome = await self.actions.act(alert, trigger)
                await self.store.finish_action(trigger.id, outcome.status, outcome.result)
                trigger.action_status, trigger.action_result = outcome.status, outcome.result
            await self.actions.announce(alert, trigger)
        except Exception:
            log.exception("acting on alert %s failed", alert.id)
        finally:
            self.queue.task_done()

    async def drain(self) -> None:
        """Wait until every queued action ran (tests, shutdown)."""
        await self.queue.join()

    async def run_actions(self) -> None:
        while True:
            await self.act_on_next()

    async def run_candles(self, symbols: list[str]) -> None:
        """Closed candles, every one in order (a conflated stream could drop the one message
        that says a candle closed)."""
        topics = [candles_topic(self.venue, symbol) for symbol in symbols]
        await self._evaluate_forever(topics, conflate=False)

    async def _evaluate_forever(self, topics: list[str], *, conflate: bool = True) -> None:
        """Feed every message of `topics` to `on_message`; resubscribe after a bus outage."""
        while True:
            try:
                async with self.bus.subscribe(*topics, conflate=conflate, maxsize=4096) as sub:
                    async for message in sub:
                        try:
                            await self.on_message(message)
                        except BusUnavailable:
                            raise
                        except Exception:
                            log.exception("evaluating %s failed", message.topic)
            except BusUnavailable as exc:
                log.warning("alert evaluator: bus unavailable (%s), retrying", exc)
                await asyncio.sleep(RETRY_S)

    async def run(self) -> None:
        actions = asyncio.create_task(self.run_actions(), name="alert-actions")
        event_topics_task: asyncio.Task[None] | None = None
        candles_task: asyncio.Task[None] | None = None
        try:
            await self.load()
            event_topics_task = asyncio.create_task(
                self.run_event_topics(), name="alert-event-topics"
            )
            symbols = [m.symbol for m in await self.market_data.markets(self.venue)]
            candles_task = asyncio.create_task(self.run_candles(symbols), name="alert-candles")
            topics = [CHANGES_TOPIC]
            for symbol in symbols:
                topics += [ticker_topic(self.venue, symbol), book_topic(self.venue, symbol)]
            await self._evaluate_forever(topics)
        finally:
            helpers = [t for t in (actions, event_topics_task, candles_task) if t is not None]
            for task in helpers:
                task.cancel()
            await asyncio.gather(*helpers, return_exceptions=True)
            await self.actions.webhooks.close()
