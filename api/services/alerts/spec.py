"""What a user asks for when creating an alert, its JSON form in the database, and the step-up
action that arms an alert which acts on its own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from engine.alerts.events import EventCondition, EventKind
from engine.alerts.rules import Direction, Metric, Mode, ThresholdCondition
from engine.market.models import Side
from engine.trading.models import OrderType, TimeInForce

Condition = ThresholdCondition | EventCondition


class ActionKind(StrEnum):
    PLACE_ORDER = "placeOrder"  # the preset order in the action
    HEDGE = "hedge"  # sell `percent` % of the account's position in the alert's symbol
    CANCEL_ALL_ORDERS = "cancelAllOrders"
    START_BOT = "startBot"
    STOP_BOT = "stopBot"
    KILL_SWITCH = "killSwitch"


# Reducing risk never waits for a biometric (api/auth/actions.py NEVER_GUARDED).
UNGUARDED_ACTIONS = frozenset({ActionKind.CANCEL_ALL_ORDERS})
ORDER_ACTIONS = frozenset({ActionKind.PLACE_ORDER, ActionKind.HEDGE})


@dataclass(frozen=True)
class AlertAction:
    kind: ActionKind
    account_id: str | None = None
    side: Side | None = None
    qty: Decimal | None = None
    price: Decimal | None = None  # set: a limit order; None: a market order
    time_in_force: TimeInForce | None = None
    percent: Decimal | None = None  # hedge: share of the position to sell
    bot_id: str | None = None

    @property
    def order_type(self) -> OrderType:
        return OrderType.LIMIT if self.price is not None else OrderType.MARKET

    @property
    def tif(self) -> TimeInForce:
        if self.time_in_force is not None:
            return self.time_in_force
        return TimeInForce.GTC if self.price is not None else TimeInForce.IOC


@dataclass(frozen=True)
class OrderPreset:
    """The order behind a push's Buy / Sell buttons (the app asks for a step-up on tap)."""

    account_id: str
    qty: Decimal
    price: Decimal | None = None


@dataclass(frozen=True)
class AlertSpec:
    name: str
    condition: Condition
    symbol: str | None = None
    venue: str = "sim"
    mode: Mode = Mode.ONCE
    cooldown_s: int = 0
    expires_at: datetime | None = None
    max_fires: int | None = None
    notify_push: bool = True
    webhook_url: str | None = None
    preset: OrderPreset | None = None
    action: AlertAction | None = None


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def condition_to_json(condition: Condition) -> str:
    data: dict[str, Any]
    if isinstance(condition, ThresholdCondition):
        data = {
            "type": "market",
            "metric": condition.metric.value,
            "direction": condition.direction.value,
            "threshold": condition.threshold,
            "period": condition.period,
        }
    else:
        data = {
            "type": "event",
            "kind": condition.kind.value,
            "match": dict(condition.match),
            "atLeast": condition.at_least,
            "atMost": condition.at_most,
        }
    return json.dumps(data, sort_keys=True)


def condition_from_json(text: str) -> Condition:
    data = json.loads(text)
    if data["type"] == "market":
        return ThresholdCondition(
            Metric(data["metric"]),
            Direction(data["direction"]),
            float(data["threshold"]),
            int(data["period"]),
        )
    return EventCondition(
        EventKind(data["kind"]), dict(data["match"]), data["atLeast"], data["atMost"]
    )


def action_to_json(action: AlertAction | None) -> str | None:
    if action is None:
        return None
    data = {
        "kind": action.kind.value,
        "accountId": action.account_id,
        "side": action.side.value if action.side else None,
        "qty": _dec(action.qty),
        "price": _dec(action.price),
        "timeInForce": action.time_in_force.value if action.time_in_force else None,
        "percent": _dec(action.percent),
        "botId": action.bot_id,
    }
    return json.dumps(data, sort_keys=True)


def action_from_json(text: str | None) -> AlertAction | None:
    if text is None:
        return None
    data = json.loads(text)
    return AlertAction(
        kind=ActionKind(data["kind"]),
        account_id=data["accountId"],
        side=Side(data["side"]) if data["side"] else None,
        qty=_undec(data["qty"]),
        price=_undec(data["price"]),
        time_in_force=TimeInForce(data["timeInForce"]) if data["timeInForce"] else None,
        percent=_undec(data["percent"]),
        bot_id=data["botId"],
    )


def preset_to_json(preset: OrderPreset | None) -> str | None:
    if preset is None:
        return None
    data = {"accountId": preset.account_id, "qty": str(preset.qty), "price": _dec(preset.price)}
    return json.dumps(data, sort_keys=True)


def preset_from_json(text: str | None) -> OrderPreset | None:
    if text is None:
        return None
    data = json.loads(text)
    return OrderPreset(data["accountId"], Decimal(data["qty"]), _undec(data["price"]))


@dataclass(frozen=True)
class ArmingLimits:
    max_orders: int


def arming_action(
    spec: AlertSpec, account_venue: str | None, limits: ArmingLimits
) -> dict[str, Any]:
    """The step-up action `createAlert` verifies: kind createTradingAlert, `type` = what the
    alert does, and every field of that action plus its limit (maxOrders = how often it may act).
    The app sends the same fields to stepUpChallenge (docs/alerts.md)."""
    action = spec.action
    assert action is not None
    order = action.kind is ActionKind.PLACE_ORDER
    return {
        "kind": "createTradingAlert",
        "type": action.kind.value,
        "account": action.account_id,
        "venue": account_venue,
        "symbol": spec.symbol if action.kind in ORDER_ACTIONS else None,
        "side": action.side.value if order and action.side else None,
        "timeInForce": action.tif.value if order else None,
        "qty": action.qty if order else None,
        "price": action.price if order else None,
        "amount": action.percent if action.kind is ActionKind.HEDGE else None,
        "botId": action.bot_id,
        "maxOrders": limits.max_orders,
    }


@dataclass
class SpecChanges:
    """updateAlert: only what is given changes. The action and its limits cannot change (they
    were armed with a step-up): delete and create the alert again for that."""

    name: str | None = None
    direction: Direction | None = None
    threshold: float | None = None
    cooldown_s: int | None = None
    expires_at: datetime | None = None
    clear_expiry: bool = False
    notify_push: bool | None = None
    webhook_url: str | None = None
    clear_webhook: bool = False
    active: bool | None = None
