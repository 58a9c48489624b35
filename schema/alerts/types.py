from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from api.db.alert_tables import Alert as AlertRow
from api.db.alert_tables import AlertTrigger as TriggerRow
from api.db.models import utcnow
from api.services.alerts.spec import (
    action_from_json,
    condition_from_json,
    preset_from_json,
)
from api.services.orders.pages import Page
from engine.alerts.events import EventCondition
from schema.trading.types import OrderSide, PageInfo, TimeInForce


@strawberry.enum(
    description="PRICE: last price. CHANGE_PCT: % change over `period` seconds. RSI: Wilder RSI "
    "over `period` closed 1m candles. EMA_GAP_PCT: (close - EMA(period candles)) / EMA in % "
    "(threshold 0 = the close crosses its EMA). VOLUME_RATIO: volume of the closed 1m candles in "
    "the last `period` s (>= 60) over the mean per `period` s (10 windows). RSI, EMA_GAP_PCT and "
    "VOLUME_RATIO move when a candle closes, never on ticks. SPREAD_BPS: (ask - bid) / mid in "
    "basis points. IMBALANCE: (bid - ask qty) / total over the top `period` book levels, -1..1."
)
class AlertMetric(Enum):
    PRICE = "price"
    CHANGE_PCT = "changePct"
    RSI = "rsi"
    EMA_GAP_PCT = "emaGapPct"
    VOLUME_RATIO = "volumeRatio"
    SPREAD_BPS = "spreadBps"
    IMBALANCE = "imbalance"


@strawberry.enum(
    description="Fires on a crossing: ABOVE when the value moves up to or through the "
    "threshold, BELOW when it moves down to or through it, CROSSES on either."
)
class AlertDirection(Enum):
    ABOVE = "above"
    BELOW = "below"
    CROSSES = "crosses"


@strawberry.enum(description="ONCE: fires one time. RECURRING: fires again after cooldown.")
class AlertMode(Enum):
    ONCE = "once"
    RECURRING = "recurring"


@strawberry.enum(
    description="Events an alert can wait for. WHALE: a whale trade, book wall or transfer "
    "(match `symbol` required; also side, type = trade|wall|transfer; value = notional). PNL: the "
    "owner's portfolio P&L (realised + unrealised, USDT); DRAWDOWN: % below the portfolio's "
    "peak value; both need atLeast or atMost and fire when the value enters that range."
)
class AlertEventKind(Enum):
    ORDER_FILLED = "orderFilled"
    BOT_EVENT = "botEvent"
    SIGNAL = "signal"
    WHALE = "whale"
    PNL = "pnl"
    DRAWDOWN = "drawdown"


@strawberry.enum(
    description="What the alert does on its own when it fires (needs a step-up at creation, "
    "except CANCEL_ALL_ORDERS)."
)
class AlertActionKind(Enum):
    PLACE_ORDER = "placeOrder"
    HEDGE = "hedge"
    CANCEL_ALL_ORDERS = "cancelAllOrders"
    START_BOT = "startBot"
    STOP_BOT = "stopBot"
    KILL_SWITCH = "killSwitch"


@strawberry.enum(
    description="ACTIVE: armed. PAUSED: kept but not evaluated. DONE: fired its last time. "
    "EXPIRED: past expiresAt."
)
class AlertStatus(Enum):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    EXPIRED = "expired"


@strawberry.type(description="A threshold on one market series of the alert's symbol.")
class AlertMarketCondition:
    metric: AlertMetric
    direction: AlertDirection
    threshold: Decimal
    period: int


@strawberry.type(description="One name = value filter of an event condition.")
class AlertFieldMatch:
    name: str
    value: str


@strawberry.type(description="An event the alert waits for, with optional value bounds.")
class AlertEventCondition:
    kind: AlertEventKind
    match: list[AlertFieldMatch]
    at_least: Decimal | None
    at_most: Decimal | None


@strawberry.type(description="The order behind the push's Buy / Sell buttons.")
class AlertOrderPreset:
    account_id: strawberry.ID
    qty: Decimal
    price: Decimal | None


@strawberry.type(description="What the alert does on its own when it fires.")
class AlertAction:
    kind: AlertActionKind
    account_id: strawberry.ID | None
    side: OrderSide | None
    qty: Decimal | None
    price: Decimal | None
    time_in_force: TimeInForce | None
    percent: Decimal | None
    bot_id: strawberry.ID | None


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(repr(value))


@strawberry.type(description="One of your alerts.")
class Alert:
    id: strawberry.ID
    name: str
    venue: str
    symbol: str | None
    market: AlertMarketCondition | None
    event: AlertEventCondition | None
    mode: AlertMode
    cooldown_seconds: int
    max_fires: int | None
    status: AlertStatus
    fires: int
    expires_at: datetime | None
    snoozed_until: datetime | None
    last_fired_at: datetime | None
    notify_push: bool
    webhook_url: str | None
    webhook_secret: str | None = strawberry.field(
        description="Verify `X-CO-Signature: t=..,v1=HMAC-SHA256(secret, t + '.' + body)`."
    )
    preset: AlertOrderPreset | None
    action: AlertAction | None
    armed_with_step_up: bool
    created_at: datetime

    @classmethod
    def of(cls, row: AlertRow, now: datetime | None = None) -> Alert:
        condition = condition_from_json(row.condition)
        market = event = None
        if isinstance(condition, EventCondition):
            event = AlertEventCondition(
                kind=AlertEventKind(condition.kind.value),
                match=[
                    AlertFieldMatch(name=k, value=v) for k, v in sorted(condition.match.items())
                ],
                at_least=_dec(condition.at_least),
                at_most=_dec(condition.at_most),
            )
        else:
            market = AlertMarketCondition(
                metric=AlertMetric(condition.metric.value),
                direction=AlertDirection(condition.direction.value),
                threshold=Decimal(repr(condition.threshold)),
                period=condition.period,
            )
        status = row.status
        if (
            status == "active"
            and row.expires_at is not None
            and row.expires_at <= (now or utcnow())
        ):
            status = "expired"
        preset = preset_from_json(row.preset)
        action = action_from_json(row.action)
        return cls(
            id=strawberry.ID(row.id),
            name=row.name,
            venue=row.venue,
            symbol=row.symbol,
            market=market,
            event=event,
            mode=AlertMode(row.mode),
            cooldown_seconds=row.cooldown_s,
            max_fires=row.max_fires,
            status=AlertStatus(status),
            fires=row.fires,
            expires_at=row.expires_at,
            snoozed_until=row.snoozed_until,
            last_fired_at=row.last_fired_at,
            notify_push=row.notify_push,
            webhook_url=row.webhook_url,
            webhook_secret=row.webhook_secret,
            preset=None
            if preset is None
            else AlertOrderPreset(
                account_id=strawberry.ID(preset.account_id), qty=preset.qty, price=preset.price
            ),
            action=None
            if action is None
            else AlertAction(
                kind=AlertActionKind(action.kind.value),
                account_id=strawberry.ID(action.account_id) if action.account_id else None,
                side=OrderSide(action.side.value) if action.side else None,
                qty=action.qty,
                price=action.price,
                time_in_force=TimeInForce(action.time_in_force.value)
                if action.time_in_force
                else None,
                percent=action.percent,
                bot_id=strawberry.ID(action.bot_id) if action.bot_id else None,
            ),
            armed_with_step_up=row.armed_by is not None,
            created_at=row.created_at,
        )


@strawberry.type(description="One time an alert fired, and what its action did.")
class AlertTrigger:
    id: strawberry.ID
    alert_id: strawberry.ID
    name: str | None = strawberry.field(description="The alert's name (live messages only).")
    symbol: str | None
    value: str = strawberry.field(description="The series value that fired it.")
    fired_at: datetime
    action_status: str = strawberry.field(description="none, pending, done, failed, skipped.")
    action_result: str | None
    detail: str | None = strawberry.field(description="JSON: metric, threshold, previous ...")

    @classmethod
    def of(cls, row: TriggerRow) -> AlertTrigger:
        return cls(
            id=strawberry.ID(row.id),
            alert_id=strawberry.ID(row.alert_id),
            name=None,
            symbol=row.symbol,
            value=row.value,
            fired_at=row.fired_at,
            action_status=row.action_status,
            action_result=row.action_result,
            detail=row.detail,
        )

    @classmethod
    def of_message(cls, data: dict[str, object]) -> AlertTrigger:
        return cls(
            id=strawberry.ID(str(data["id"])),
            alert_id=strawberry.ID(str(data["alertId"])),
            name=str(data["name"]),
            symbol=None if data["symbol"] is None else str(data["symbol"]),
            value=str(data["value"]),
            fired_at=datetime.fromisoformat(str(data["firedAt"])),
            action_status=str(data["actionStatus"]),
            action_result=None if data["actionResult"] is None else str(data["actionResult"]),
            detail=None,
        )


@strawberry.type
class AlertTriggerEdge:
    cursor: str
    node: AlertTrigger


@strawberry.type
class AlertTriggerConnection:
    edges: list[AlertTriggerEdge]
    page_info: PageInfo

    @classmethod
    def of(cls, page: Page[TriggerRow]) -> AlertTriggerConnection:
        edges = [
            AlertTriggerEdge(cursor=c, node=AlertTrigger.of(t))
            for t, c in zip(page.items, page.cursors, strict=True)
        ]
        end = page.cursors[-1] if page.cursors else None
        return cls(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end)
        )
