"""What a fired alert does: its own action (order, hedge, cancel all, bot control) through the
one order path, then the in-app message, the push Notice and the signed webhook.

Orders carry a client order id derived from (alert id, trigger key), so running a trigger's
action again after a restart cannot place a second order."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import Any, Protocol

from api.bus import Bus, BusUnavailable
from api.db.alert_tables import Alert, AlertTrigger
from api.errors import ApiError
from api.services.accounts import Principal
from api.services.alerts.service import alerts_topic
from api.services.alerts.spec import (
    ActionKind,
    AlertAction,
    action_from_json,
    condition_from_json,
    preset_from_json,
)
from api.services.alerts.webhook import WebhookSender
from api.services.orders import OrderService, PlaceOrder
from api.services.portfolio import PortfolioService
from api.services.step_up import ARMED_ALERT_SCOPE
from api.services.venues import VenueRegistry
from engine.alerts.events import EventCondition, EventKind
from engine.exchanges.errors import ExchangeError
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from notifications.model import Notice, NoticeAction

log = logging.getLogger(__name__)

Notify = Callable[[Notice], Awaitable[object]]
ALERT_SOURCE = "alert"
SNOOZE_MINUTES = 60
EVENT_CATEGORIES = {
    EventKind.ORDER_FILLED: "ORDER_FILLED",
    EventKind.BOT_EVENT: "BOT_ERROR",
    EventKind.PNL: "RISK_LIMIT",
    EventKind.DRAWDOWN: "RISK_LIMIT",
}


class BotControl(Protocol):
    """What alerts need from the bot service (wired by the composition root). The alert was
    armed with a step-up at creation, so these act without a new one."""

    async def start_bot(self, principal: Principal, bot_id: str) -> object: ...

    async def stop_bot(self, principal: Principal, bot_id: str) -> object: ...

    async def kill_switch(self, principal: Principal) -> object: ...


@dataclass(frozen=True)
class Outcome:
    status: str  # done, failed, skipped, none
    result: str | None = None


def alert_client_order_id(alert_id: str, trigger_key: str) -> str:
    """Deterministic per trigger: 'al-' + 32 hex (the venue limit is 36 characters)."""
    return "al-" + hashlib.sha256(f"{alert_id}:{trigger_key}".encode()).hexdigest()[:32]


def acting_principal(alert: Alert) -> Principal:
    return Principal(user_id=alert.user_id, session_id=f"alert:{alert.id}", scope=ARMED_ALERT_SCOPE)


def trigger_message(alert: Alert, trigger: AlertTrigger) -> dict[str, Any]:
    return {
        "id": trigger.id,
        "alertId": alert.id,
        "name": alert.name,
        "symbol": trigger.symbol,
        "value": trigger.value,
        "firedAt": trigger.fired_at.isoformat(),
        "actionStatus": trigger.action_status,
        "actionResult": trigger.action_result,
    }


def build_notice(alert: Alert, trigger: AlertTrigger) -> Notice:
    """PRICE_ALERT (market alerts) with Buy / Sell preset buttons when the alert has a preset,
    and Snooze 1h; event alerts use their event's category."""
    condition = condition_from_json(alert.condition)
    category, template = "PRICE_ALERT", "price_alert"
    if isinstance(condition, EventCondition):
        category = EVENT_CATEGORIES.get(condition.kind, "PRICE_ALERT")
        template = "alert_event"
    params = {"name": alert.name, "symbol": alert.symbol or "", "value": trigger.value}
    data = {"alertId": alert.id, "triggerId": trigger.id, "symbol": alert.symbol or ""}
    actions: list[NoticeAction] = []
    preset = preset_from_json(alert.preset)
    if preset is not None and alert.symbol is not None:
        for button, side in (("BUY_PRESET", Side.BUY), ("SELL_PRESET", Side.SELL)):
            order = {
                "accountId": preset.account_id,
                "symbol": alert.symbol,
                "side": side.value,
                "type": (OrderType.LIMIT if preset.price is not None else OrderType.MARKET).value,
                "timeInForce": (TimeInForce.GTC if preset.price else TimeInForce.IOC).value,
                "qty": str(preset.qty),
                "price": None if preset.price is None else str(preset.price),
            }
            actions.append(NoticeAction(button, "placeOrder", order))
    snooze = {"alertId": alert.id, "minutes": SNOOZE_MINUTES}
    actions.append(NoticeAction("SNOOZE_1H", "snooze", snooze))
    return Notice(alert.user_id, category, template, params, data, tuple(actions))


class AlertActions:
    def __init__(
        self,
        bus: Bus,
        orders: OrderService,
        portfolio: PortfolioService,
        venues: VenueRegistry,
        *,
        notify: Notify | None = None,
        bots: BotControl | None = None,
        webhooks: WebhookSender | None = None,
    ) -> None:
        self.bus = bus
        self.orders = orders
        self.portfolio = portfolio
        self.venues = venues
        self.notify = notify
        self.bots = bots
        self.webhooks = webhooks or WebhookSender()

    async def act(self, alert: Alert, trigger: AlertTrigger) -> Outcome:
        """The alert's own action; failures are reported, never raised (the trigger stays)."""
        action = action_from_json(alert.action)
        if action is None:
            return Outcome("none")
        try:
            return await self._act(alert, trigger, action)
        except (ApiError, ExchangeError) as exc:
            return Outcome("failed", getattr(exc, "message", None) or str(exc) or exc.code)

    async def _act(self, alert: Alert, trigger: AlertTrigger, action: AlertAction) -> Outcome:
        principal = acting_principal(alert)
        client_order_id = alert_client_order_id(alert.id, trigger.trigger_key)
        if action.kind is ActionKind.PLACE_ORDER:
            assert action.account_id and action.side and action.qty and alert.symbol
            order = await self.orders.place_order(
                principal,
                PlaceOrder(
                    account_id=action.account_id,
                    symbol=alert.symbol,
                    side=action.side,
                    type=action.order_type,
                    qty=action.qty,
                    price=action.price,
                    time_in_force=action.tif,
                    client_order_id=client_order_id,
                    source=ALERT_SOURCE,
                ),
            )
            return Outcome("done", f"order {order.id} {order.status}")
        if action.kind is ActionKind.HEDGE:
            return await self._hedge(principal, alert, action, client_order_id)
        if action.kind is ActionKind.CANCEL_ALL_ORDERS:
            cancelled = await self.orders.cancel_all_orders(principal, action.account_id)
            return Outcome("done", f"cancelled {len(cancelled)} orders")
        if self.bots is None:
            return Outcome("failed", "bot control is not available in this service")
        if action.kind is ActionKind.START_BOT:
            assert action.bot_id
            await self.bots.start_bot(principal, action.bot_id)
            return Outcome("done", f"started bot {action.bot_id}")
        if action.kind is ActionKind.STOP_BOT:
            assert action.bot_id
            await self.bots.stop_bot(principal, action.bot_id)
            return Outcome("done", f"stopped bot {action.bot_id}")
        await self.bots.kill_switch(principal)
        return Outcome("done", "kill switch engaged")

    async def _hedge(
        self, principal: Principal, alert: Alert, action: AlertAction, client_order_id: str
    ) -> Outcome:
        """Spot: the position is the base balance; sell `percent` % of it at market."""
        assert action.account_id and action.percent and alert.symbol
        account = next(
            (a for a in await self.portfolio.accounts(alert.user_id) if a.id == action.account_id),
            None,
        )
        if account is None:
            return Outcome("failed", "the exchange account no longer exists")
        exchange = self.venues.account_exchange(account)
        market = (await exchange.load_markets())[alert.symbol]
        balance = (await exchange.fetch_balance()).get(market.base)
        held = balance.free if balance is not None else Decimal(0)
        raw = held * action.percent / 100
        qty = (raw / market.qty_step).to_integral_value(rounding=ROUND_DOWN) * market.qty_step
        if qty < market.min_qty or qty <= 0:
            return Outcome("skipped", f"position {held} {market.base} is too small to hedge")
        order = await self.orders.place_order(
            principal,
            PlaceOrder(
                account_id=account.id,
                symbol=alert.symbol,
                side=Side.SELL,
                type=OrderType.MARKET,
                qty=qty,
                time_in_force=TimeInForce.IOC,
                client_order_id=client_order_id,
                source=ALERT_SOURCE,
            ),
        )
        return Outcome("done", f"order {order.id} {order.status}")

    async def announce(self, alert: Alert, trigger: AlertTrigger) -> None:
        """In-app (bus), push (the injected notifier) and webhook; each failure is logged only."""
        message = trigger_message(alert, trigger)
        try:
            await self.bus.publish(alerts_topic(alert.user_id), message, key=trigger.id)
        except BusUnavailable as exc:
            log.warning("bus unavailable, alert trigger not published in-app: %s", exc)
        if alert.notify_push and self.notify is not None:
            try:
                await self.notify(build_notice(alert, trigger))
            except Exception:
                log.exception("push notification for alert %s failed", alert.id)
        if alert.webhook_url and alert.webhook_secret:
            payload = {**message, "detail": json.loads(trigger.detail)}
            try:
                await self.webhooks.send(alert.webhook_url, alert.webhook_secret, payload)
            except Exception as exc:
                log.warning("webhook for alert %s failed: %s", alert.id, exc)
