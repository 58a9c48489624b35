"""What the rest of the service hands to notifications: a Notice for one user.

Producers (alerts, order fills, bots, risk) build a Notice and call
`NotificationService.notify(notice)`; localisation, preferences, quiet hours, rate limits,
coalescing, action tokens and delivery are the notification service's business."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class NoticeAction:
    """One button: `id` names it in the category ("BUY_PRESET", "SNOOZE_1H" ...); `kind` is what
    performing it does ("view", "snooze", "placeOrder", "cancelAllOrders", "startBot", "stopBot",
    "killSwitch"); `payload` holds exactly what will be done (bound into its action token)."""

    id: str
    kind: str
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notice:
    user_id: str
    category: str  # "PRICE_ALERT", "ORDER_FILLED", "BOT_ERROR", "RISK_LIMIT", ...
    template: str  # message id in the gettext catalogs, e.g. "price_alert"
    params: Mapping[str, str] = field(default_factory=dict)  # values the template interpolates
    data: Mapping[str, str] = field(default_factory=dict)  # deep-link data (alertId, symbol ...)
    actions: Sequence[NoticeAction] = ()
