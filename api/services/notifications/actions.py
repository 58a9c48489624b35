"""performNotificationAction: redeem the action token, then run the handler for its kind.

Handlers are registered by kind. Built in: `view` (marks the notification read, returns its deep
link), `cancelAllOrders` (never step-up guarded: reducing risk must not wait for a biometric) and
`placeOrder` (the one order path, `source="push"`, the client order id derived from the token so a
retried tap cannot place twice, the step-up bound to that exact order). `snooze`, `startBot`,
`stopBot` and `killSwitch` are registered where those services are built (api/container.py).

A token is redeemed (single use) before the handler runs; when the step-up is missing or wrong the
token is released again, nothing having been done, so the user can retry from the same push.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from sqlmodel import col, select

from api.auth.actions import ACTION_FIELDS, summarise_action
from api.db.database import Database
from api.db.models import ExchangeAccount
from api.db.notification_tables import NotificationRecord
from api.errors import ApiError, BadUserInput, NotFound
from api.services.accounts import Principal
from api.services.notifications.action_tokens import ActionGrant, ActionTokenStore
from api.services.notifications.errors import UnknownActionKind
from api.services.orders import OrderService, PlaceOrder
from api.services.orders.service import order_action
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce
from notifications.categories import STEP_UP_KINDS

Clock = Callable[[], datetime]
APP_LINK = "cryptoorchestrator://"


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    kind: str
    message: str
    deep_link: str | None = None
    order_id: str | None = None
    cancelled_order_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionPreview:
    """What the app shows before performing, and the ActionInput to step up with."""

    kind: str
    action_id: str
    notification_id: str
    expires_at: datetime
    step_up_action: Mapping[str, Any] | None  # None: no step-up needed
    summary: str


Handler = Callable[[Principal, ActionGrant, str | None], Awaitable[ActionOutcome]]
StepUpAction = Callable[[Principal, ActionGrant], Awaitable[dict[str, Any]]]


def _default_step_up_action(_: Principal, grant: ActionGrant) -> dict[str, Any]:
    fields = {k: v for k, v in grant.payload.items() if k in ACTION_FIELDS and k != "kind"}
    return {"kind": grant.kind, **fields}


class ActionDispatcher:
    def __init__(
        self, db: Database, tokens: ActionTokenStore, orders: OrderService, clock: Clock
    ) -> None:
        self.db = db
        self.tokens = tokens
        self.orders = orders
        self.clock = clock
        self._handlers: dict[str, Handler] = {}
        self._step_up_actions: dict[str, StepUpAction] = {}
        self.register("view", self._view)
        self.register("cancelAllOrders", self._cancel_all_orders)
        self.register("placeOrder", self._place_order, step_up_action=self._order_step_up)

    def register(
        self, kind: str, handler: Handler, *, step_up_action: StepUpAction | None = None
    ) -> None:
        """`handler(principal, grant, step_up_assertion)`; for kinds that need a step-up,
        `step_up_action` gives the exact action the assertion must be bound to (default: the
        kind plus the payload's ActionInput fields)."""
        self._handlers[kind] = handler
        if step_up_action is not None:
            self._step_up_actions[kind] = step_up_action

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._handlers)

    async def describe(self, principal: Principal, token: str) -> ActionPreview:
        grant = await self.tokens.peek(principal.user_id, token, self.clock())
        self._handler(grant.kind)
        step_up = await self._step_up_action(principal, grant)
        summary = summarise_action(step_up) if step_up else _plain_summary(grant)
        return ActionPreview(
            grant.kind, grant.action_id, grant.notification_id, grant.expires_at, step_up, summary
        )

    async def perform(self, principal: Principal, token: str, step_up: str | None) -> ActionOutcome:
        grant = await self.tokens.peek(principal.user_id, token, self.clock())
        handler = self._handler(grant.kind)  # before redeeming: an unwired kind stays usable
        grant = await self.tokens.redeem(principal.user_id, token, self.clock())
        try:
            return await handler(principal, grant, step_up)
        except ApiError as error:
            if error.code.startswith("STEP_UP_"):
                await self.tokens.release(grant)
            raise

    def _handler(self, kind: str) -> Handler:
        handler = self._handlers.get(kind)
        if handler is None:
            raise UnknownActionKind(f"this server cannot perform {kind!r} actions yet", kind=kind)
        return handler

    async def _step_up_action(
        self, principal: Principal, grant: ActionGrant
    ) -> dict[str, Any] | None:
        if grant.kind not in STEP_UP_KINDS:
            return None
        custom = self._step_up_actions.get(grant.kind)
        if custom is not None:
            return await custom(principal, grant)
        return _default_step_up_action(principal, grant)

    # -- built-in handlers --------------------------------------------------------------------
    async def _view(self, principal: Principal, grant: ActionGrant, _: str | None) -> ActionOutcome:
        async with self.db.session() as session:
            record = await session.get(NotificationRecord, grant.notification_id)
            if record is None or record.user_id != principal.user_id:
                raise NotFound("no such notification", field="actionToken")
            if record.read_at is None:
                record.read_at = self.clock()
                session.add(record)
                await session.commit()
            data = json.loads(record.data)
        link = str(grant.payload.get("path") or deep_link(record.id, data))
        return ActionOutcome("view", "opened", deep_link=link)

    async def _cancel_all_orders(
        self, principal: Principal, grant: ActionGrant, _: str | None
    ) -> ActionOutcome:
        account = grant.payload.get("accountId")
        symbol = grant.payload.get("symbol")
        cancelled = await self.orders.cancel_all_orders(
            principal,
            None if account is None else str(account),
            None if symbol is None else str(symbol),
        )
        return ActionOutcome(
            "cancelAllOrders",
            f"cancelled {len(cancelled)} orders",
            cancelled_order_ids=tuple(o.id for o in cancelled),
        )

    async def _place_order(
        self, principal: Principal, grant: ActionGrant, step_up: str | None
    ) -> ActionOutcome:
        request = preset_order(grant)
        order = await self.orders.place_order(principal, request, step_up=step_up)
        return ActionOutcome(
            "placeOrder",
            f"order {order.status}",
            deep_link=f"{APP_LINK}orders/{order.id}",
            order_id=order.id,
        )

    async def _order_step_up(self, principal: Principal, grant: ActionGrant) -> dict[str, Any]:
        request = preset_order(grant)
        async with self.db.session() as session:
            account = (
                await session.exec(
                    select(ExchangeAccount).where(
                        col(ExchangeAccount.id) == request.account_id,
                        col(ExchangeAccount.user_id) == principal.user_id,
                    )
                )
            ).first()
        if account is None:
            raise NotFound("no such exchange account", field="accountId")
        return order_action(account, request)


def client_order_id(grant: ActionGrant) -> str:
    """One token, one order: a retried or duplicated tap replays instead of placing again."""
    return f"push-{grant.id[:31]}"


def _text(payload: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = payload.get(name)
        if value is not None:
            return str(value)
    return None


def _decimal(value: str | None, field: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise BadUserInput(f"the preset order's {field} is not a number", field=field) from None


def preset_order(grant: ActionGrant) -> PlaceOrder:
    """The order a placeOrder action token carries: accountId, symbol, side, type, qty (or
    quoteQty) and optionally price and timeInForce (as the alert stored them)."""
    payload = grant.payload
    try:
        account_id = _text(payload, "accountId", "account_id", "account")
        symbol = _text(payload, "symbol")
        side = Side(str(_text(payload, "side")).lower())
        order_type = OrderType(str(_text(payload, "type") or "limit").lower())
        default_tif = "gtc" if order_type is OrderType.LIMIT else "ioc"
        tif = TimeInForce(
            str(_text(payload, "timeInForce", "time_in_force") or default_tif).lower()
        )
    except ValueError:
        raise BadUserInput("the preset order in this notification is not valid") from None
    qty = _decimal(_text(payload, "qty"), "qty")
    quote_qty = _decimal(_text(payload, "quoteQty", "quote_qty"), "quoteQty")
    if account_id is None or symbol is None or (qty is None) == (quote_qty is None):
        raise BadUserInput("the preset order in this notification is incomplete")
    return PlaceOrder(
        account_id=account_id,
        symbol=symbol,
        side=side,
        type=order_type,
        qty=qty if qty is not None else Decimal(0),  # worked out from quoteQty when placed
        quote_qty=quote_qty,
        price=_decimal(_text(payload, "price"), "price"),
        time_in_force=tif,
        client_order_id=client_order_id(grant),
        source="push",
    )


def deep_link(notification_id: str, data: Mapping[str, Any]) -> str:
    """Where View takes the user: the order, bot, alert or market the notice is about."""
    for key, path in (("orderId", "orders"), ("botId", "bots"), ("alertId", "alerts")):
        if data.get(key):
            return f"{APP_LINK}{path}/{quote(str(data[key]), safe='')}"
    if data.get("symbol"):
        return f"{APP_LINK}market/{quote(str(data['symbol']), safe='')}"
    return f"{APP_LINK}notifications/{notification_id}"


def _plain_summary(grant: ActionGrant) -> str:
    summaries = {
        "view": "Open the notification",
        "snooze": "Snooze this alert",
        "cancelAllOrders": "Cancel your open orders",
    }
    return summaries.get(grant.kind, "Perform the notification's action")
