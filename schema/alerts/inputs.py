from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from api.errors import BadUserInput
from api.services.alerts.spec import (
    ActionKind,
    AlertAction,
    AlertSpec,
    OrderPreset,
    SpecChanges,
)
from engine.alerts.events import EventCondition, EventKind
from engine.alerts.rules import Direction, Metric, Mode, ThresholdCondition
from engine.market.models import Side
from engine.trading.models import TimeInForce as EngineTif
from schema.alerts.types import (
    AlertActionKind,
    AlertDirection,
    AlertEventKind,
    AlertMetric,
    AlertMode,
)
from schema.trading.types import OrderSide, TimeInForce


def _float(value: Decimal, field: str) -> float:
    if not value.is_finite():
        raise BadUserInput(f"{field} must be a finite number", field=field)
    return float(value)


@strawberry.input(description="A threshold on one market series of the alert's symbol.")
class MarketConditionInput:
    metric: AlertMetric
    direction: AlertDirection
    threshold: Decimal
    period: int = strawberry.field(
        default=0,
        description="CHANGE_PCT / VOLUME_RATIO: window in seconds; RSI / EMA_GAP_PCT: closed 1m "
        "candles; IMBALANCE: book levels; PRICE / SPREAD_BPS: 0.",
    )

    def to_condition(self) -> ThresholdCondition:
        return ThresholdCondition(
            Metric(self.metric.value),
            Direction(self.direction.value),
            _float(self.threshold, "threshold"),
            self.period,
        )


@strawberry.input
class FieldMatchInput:
    name: str
    value: str


@strawberry.input(description="An event to wait for, with optional value bounds.")
class EventConditionInput:
    kind: AlertEventKind
    match: list[FieldMatchInput] | None = None
    at_least: Decimal | None = None
    at_most: Decimal | None = None

    def to_condition(self) -> EventCondition:
        return EventCondition(
            EventKind(self.kind.value),
            {m.name: m.value for m in self.match or []},
            None if self.at_least is None else _float(self.at_least, "atLeast"),
            None if self.at_most is None else _float(self.at_most, "atMost"),
        )


@strawberry.input(description="The order behind the push's Buy / Sell buttons.")
class OrderPresetInput:
    account_id: strawberry.ID
    qty: Decimal
    price: Decimal | None = None


@strawberry.input(
    description="What the alert does on its own. The step-up action is kind "
    "createTradingAlert with type = this kind and the same account, venue, symbol, side, "
    "timeInForce, qty, price, amount (= percent), botId and maxOrders (= maxFires, 1 for ONCE)."
)
class AlertActionInput:
    kind: AlertActionKind
    account_id: strawberry.ID | None = None
    side: OrderSide | None = None
    qty: Decimal | None = None
    price: Decimal | None = strawberry.field(default=None, description="None: a market order.")
    time_in_force: TimeInForce | None = None
    percent: Decimal | None = strawberry.field(
        default=None, description="HEDGE: share of the position to sell, 0 < percent <= 100."
    )
    bot_id: strawberry.ID | None = None

    def to_action(self) -> AlertAction:
        return AlertAction(
            kind=ActionKind(self.kind.value),
            account_id=str(self.account_id) if self.account_id else None,
            side=Side(self.side.value) if self.side else None,
            qty=self.qty,
            price=self.price,
            time_in_force=EngineTif(self.time_in_force.value) if self.time_in_force else None,
            percent=self.percent,
            bot_id=str(self.bot_id) if self.bot_id else None,
        )


@strawberry.input(description="Give exactly one of `market` and `event`.")
class CreateAlertInput:
    name: str
    symbol: str | None = None
    venue: str = "sim"
    market: MarketConditionInput | None = None
    event: EventConditionInput | None = None
    mode: AlertMode = AlertMode.ONCE
    cooldown_seconds: int = 0
    expires_at: datetime | None = None
    max_fires: int | None = None
    notify_push: bool = True
    webhook_url: str | None = None
    preset: OrderPresetInput | None = None
    action: AlertActionInput | None = None

    def to_spec(self) -> AlertSpec:
        if (self.market is None) == (self.event is None):
            raise BadUserInput("give exactly one of market and event", field="market")
        condition: ThresholdCondition | EventCondition
        if self.market is not None:
            condition = self.market.to_condition()
        else:
            assert self.event is not None
            condition = self.event.to_condition()
        preset = None
        if self.preset is not None:
            preset = OrderPreset(str(self.preset.account_id), self.preset.qty, self.preset.price)
        return AlertSpec(
            name=self.name,
            condition=condition,
            symbol=self.symbol,
            venue=self.venue,
            mode=Mode(self.mode.value),
            cooldown_s=self.cooldown_seconds,
            expires_at=self.expires_at,
            max_fires=self.max_fires,
            notify_push=self.notify_push,
            webhook_url=self.webhook_url,
            preset=preset,
            action=self.action.to_action() if self.action else None,
        )


@strawberry.input(
    description="Only what is given changes. The action and its limits cannot change: delete "
    "the alert and create it again (with a new step-up)."
)
class UpdateAlertInput:
    name: str | None = None
    direction: AlertDirection | None = None
    threshold: Decimal | None = None
    cooldown_seconds: int | None = None
    expires_at: datetime | None = None
    clear_expiry: bool = False
    notify_push: bool | None = None
    webhook_url: str | None = None
    clear_webhook: bool = False
    active: bool | None = strawberry.field(default=None, description="false pauses, true resumes.")

    def to_changes(self) -> SpecChanges:
        return SpecChanges(
            name=self.name,
            direction=Direction(self.direction.value) if self.direction else None,
            threshold=None if self.threshold is None else _float(self.threshold, "threshold"),
            cooldown_s=self.cooldown_seconds,
            expires_at=self.expires_at,
            clear_expiry=self.clear_expiry,
            notify_push=self.notify_push,
            webhook_url=self.webhook_url,
            clear_webhook=self.clear_webhook,
            active=self.active,
        )
