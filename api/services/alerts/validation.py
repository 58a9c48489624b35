"""Input checks for alerts: every failure is a BadUserInput naming the field."""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from urllib.parse import urlsplit

from api.errors import BadUserInput
from api.services.alerts.spec import ActionKind, AlertAction, AlertSpec, SpecChanges
from engine.alerts.events import LEVEL_KINDS, EventCondition, EventKind
from engine.alerts.rules import PERIOD_RANGE, Metric, Mode, ThresholdCondition

MAX_NAME = 80
MAX_COOLDOWN_S = 30 * 24 * 3600
MAX_FIRES = 10_000
# Threshold ranges per metric; None: unbounded on that side.
THRESHOLD_RANGE: dict[Metric, tuple[float | None, float | None]] = {
    Metric.PRICE: (0.0, None),
    Metric.CHANGE_PCT: (-100.0, None),
    Metric.RSI: (0.0, 100.0),
    Metric.EMA_GAP_PCT: (-100.0, None),
    Metric.VOLUME_RATIO: (0.0, None),
    Metric.SPREAD_BPS: (0.0, None),
    Metric.IMBALANCE: (-1.0, 1.0),
}


def check_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= MAX_NAME:
        raise BadUserInput(f"name must be 1 to {MAX_NAME} characters", field="name")
    return name


def check_threshold(metric: Metric, threshold: float) -> None:
    low, high = THRESHOLD_RANGE[metric]
    if not math.isfinite(threshold):
        raise BadUserInput("threshold must be a finite number", field="threshold")
    if metric is Metric.PRICE and threshold <= 0:
        raise BadUserInput("a price threshold must be above 0", field="threshold")
    if (low is not None and threshold < low) or (high is not None and threshold > high):
        bounds = f"{low if low is not None else '-inf'} to {high if high is not None else 'inf'}"
        raise BadUserInput(f"a {metric.value} threshold must be {bounds}", field="threshold")


def check_condition(condition: ThresholdCondition | EventCondition, symbol: str | None) -> None:
    if isinstance(condition, EventCondition):
        if condition.kind is EventKind.SIGNAL and "symbol" not in condition.match:
            raise BadUserInput("a signal alert needs a symbol in match", field="match")
        if condition.kind is EventKind.WHALE and "symbol" not in condition.match:
            raise BadUserInput("a whale alert needs a symbol in match", field="match")
        low, high = condition.at_least, condition.at_most
        if condition.kind in LEVEL_KINDS and low is None and high is None:
            raise BadUserInput(
                f"a {condition.kind.value} alert needs atLeast or atMost", field="atLeast"
            )
        if low is not None and high is not None and low > high:
            raise BadUserInput("atLeast must not exceed atMost", field="atLeast")
        return
    if symbol is None:
        raise BadUserInput("a market condition needs a symbol", field="symbol")
    check_threshold(condition.metric, condition.threshold)
    bounds = PERIOD_RANGE.get(condition.metric)
    if bounds is None:
        if condition.period != 0:
            raise BadUserInput(f"{condition.metric.value} takes no period", field="period")
        return
    low, high = bounds
    if not low <= condition.period <= high:
        raise BadUserInput(
            f"the {condition.metric.value} window (period) must be {low} to {high}",
            field="period",
        )


def check_webhook(url: str | None) -> None:
    if url is None:
        return
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or len(url) > 500:
        raise BadUserInput("webhookUrl must be an http(s) URL", field="webhookUrl")


def check_lifecycle(
    mode: Mode, cooldown_s: int, expires_at: datetime | None, max_fires: int | None, now: datetime
) -> None:
    if not 0 <= cooldown_s <= MAX_COOLDOWN_S:
        raise BadUserInput(
            f"cooldownSeconds must be 0 to {MAX_COOLDOWN_S}", field="cooldownSeconds"
        )
    if expires_at is not None and expires_at <= now:
        raise BadUserInput("expiresAt must be in the future", field="expiresAt")
    if max_fires is not None and not 1 <= max_fires <= MAX_FIRES:
        raise BadUserInput(f"maxFires must be 1 to {MAX_FIRES}", field="maxFires")


def _positive(value: Decimal | None, field: str) -> Decimal:
    if value is None or not value.is_finite() or value <= 0:
        raise BadUserInput(f"{field} must be above 0", field=field)
    return value


def check_action(action: AlertAction, spec: AlertSpec) -> None:
    kind = action.kind
    if kind in {ActionKind.PLACE_ORDER, ActionKind.HEDGE, ActionKind.CANCEL_ALL_ORDERS}:
        if kind is not ActionKind.CANCEL_ALL_ORDERS and spec.symbol is None:
            raise BadUserInput("an order action needs the alert's symbol", field="symbol")
        if kind is not ActionKind.CANCEL_ALL_ORDERS and action.account_id is None:
            raise BadUserInput("an order action needs an accountId", field="accountId")
    if kind is ActionKind.PLACE_ORDER:
        if action.side is None:
            raise BadUserInput("the preset order needs a side", field="side")
        _positive(action.qty, "qty")
        if action.price is not None:
            _positive(action.price, "price")
    if kind is ActionKind.HEDGE:
        percent = _positive(action.percent, "percent")
        if percent > 100:
            raise BadUserInput("percent must be at most 100", field="percent")
    if kind in {ActionKind.START_BOT, ActionKind.STOP_BOT} and not action.bot_id:
        raise BadUserInput("a bot action needs a botId", field="botId")
    unbounded = spec.mode is Mode.RECURRING and spec.max_fires is None
    if unbounded and kind is not ActionKind.CANCEL_ALL_ORDERS:
        raise BadUserInput(
            "a recurring alert that acts needs maxFires (how often it may act)", field="maxFires"
        )


def check_changes(changes: SpecChanges) -> None:
    if changes.name is not None:
        changes.name = check_name(changes.name)
    check_webhook(changes.webhook_url)
