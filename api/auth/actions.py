"""Step-up actions: which actions need a fresh passkey assertion, their canonical bytes, their
digest and the sentence the app shows before the biometric prompt.

This module is the one place that lists the guarded actions (docs/SECURITY.md mirrors it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from api.errors import BadUserInput

# Every action kind that needs a step-up assertion bound to the exact action.
GUARDED_ACTIONS: frozenset[str] = frozenset(
    {
        "placeOrder",
        "createTradingGrant",
        "startBot",
        "stopBot",
        "killSwitch",
        "addExchangeAccount",
        "registerPasskey",
        "removePasskey",
        "generateRecoveryCodes",
        "followTrader",
        "increaseAllocation",
        "subscribeStrategy",
        "createTradingAlert",
        "notificationAction",
    }
)
# Reducing risk must never wait for a biometric: these are never guarded.
NEVER_GUARDED: frozenset[str] = frozenset({"cancelOrder", "cancelAllOrders"})

# The fields an action may carry (camelCase, as in the GraphQL ActionInput).
ACTION_FIELDS: frozenset[str] = frozenset(
    {
        "kind",
        "account",
        "venue",
        "symbol",
        "side",
        "type",
        "timeInForce",
        "qty",
        "price",
        "triggerPrice",
        "botId",
        "passkeyId",
        "traderId",
        "amount",
        "strategyId",
        "alertId",
        "maxOrders",
        "maxNotional",
        "minutes",
        "symbols",
    }
)

Action = Mapping[str, Any]


def _canonical_value(key: str, value: Any) -> str | int | bool:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise BadUserInput(f"{key} must be a finite number", field=key)
        normalised = value.normalize()
        return format(normalised, "f") if normalised != 0 else "0"
    raise BadUserInput(f"{key} must be text, an integer or a decimal", field=key)


def canonical_action(action: Action) -> bytes:
    """Sorted-key compact JSON; None fields dropped, decimals as normalised strings
    (Decimal("64000.00") and Decimal("64000") give the same bytes)."""
    unknown = set(action) - ACTION_FIELDS
    if unknown:
        raise BadUserInput(f"unknown action fields: {', '.join(sorted(unknown))}")
    kind = action.get("kind")
    if kind not in GUARDED_ACTIONS:
        raise BadUserInput(f"action kind {kind!r} does not take a step-up", field="kind")
    fields = {k: _canonical_value(k, v) for k, v in action.items() if v is not None}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def action_digest(action: Action) -> bytes:
    return hashlib.sha256(canonical_action(action)).digest()


def _amount(value: Any) -> str:
    if isinstance(value, Decimal):
        normalised = value.normalize()
        return f"{normalised:,f}" if normalised != 0 else "0"
    return str(value)


def _quote(symbol: str) -> str:
    return symbol.split("/", 1)[1] if "/" in symbol else ""


def summarise_action(action: Action, labels: Mapping[str, str] | None = None) -> str:
    """What the user is approving, in one sentence ("Buy 0.5 BTC/USDT at 64,000 USDT on sim").

    `labels` name the action's ids (field -> name, e.g. {"botId": "Grid BTC"}); unnamed ids are
    shown as they are."""
    if labels:
        action = {**action, **{k: v for k, v in labels.items() if k in action}}
    kind = action["kind"]
    venue = action.get("venue")
    on_venue = f" on {venue}" if venue else ""
    if kind == "placeOrder":
        side = str(action.get("side", "")).capitalize() or "Order"
        symbol = str(action.get("symbol", ""))
        price = action.get("price")
        at = f"at {_amount(price)} {_quote(symbol)}".rstrip() if price is not None else "at market"
        trigger = action.get("triggerPrice")
        if trigger is not None:  # stop-limit: "... when the price reaches 63,500 USDT"
            at = f"{at} when the price reaches {_amount(trigger)} {_quote(symbol)}".rstrip()
        if action.get("qty") is None and action.get("amount") is not None:
            worth = f"{_amount(action['amount'])} {_quote(symbol)}".rstrip()
            return f"{side} {symbol} for {worth} {at}{on_venue}"
        qty = _amount(action.get("qty", ""))
        return f"{side} {qty} {symbol} {at}{on_venue}"
    if kind == "createTradingGrant":
        symbols = action.get("symbols")
        only = f" for {symbols.replace(',', ', ')}" if symbols else ""
        orders, worth = action.get("maxOrders"), _amount(action.get("maxNotional"))
        account, minutes = action.get("account"), action.get("minutes")
        return (
            f"Allow up to {orders} orders worth {worth} in total on account {account}{only}"
            f" for {minutes} minutes without asking again"
        )
    if kind in {"startBot", "stopBot"}:
        verb = "Start" if kind == "startBot" else "Stop"
        return f"{verb} bot {action.get('botId', '')}".rstrip()
    if kind == "killSwitch":
        return "Stop every bot and trading activity (kill switch)"
    if kind == "addExchangeAccount":
        return f"Add an exchange account{on_venue}"
    if kind == "registerPasskey":
        return "Add a new passkey to your account"
    if kind == "removePasskey":
        return f"Remove passkey {action.get('passkeyId', '')}".rstrip()
    if kind == "generateRecoveryCodes":
        return "Generate new recovery codes (old ones stop working)"
    if kind == "followTrader":
        return f"Copy trader {action.get('traderId', '')} with {_amount(action.get('amount', ''))}"
    if kind == "increaseAllocation":
        return f"Increase copy allocation to {_amount(action.get('amount', ''))}"
    if kind == "subscribeStrategy":
        return f"Subscribe to strategy {action.get('strategyId', '')} and run its bot".rstrip()
    if kind == "createTradingAlert":
        return "Create an alert that trades or controls a bot"
    return "Approve an action from a notification"
