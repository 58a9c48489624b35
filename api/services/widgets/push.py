"""When a widget change is worth a push: the `widget_refresh` data message that makes the
phone redraw its widgets between Android's 30-minute updates.

`RefreshTrigger` is a `WidgetService` listener: it calls `send(user_id, kinds)` when the
portfolio's value moved at least `threshold_pct` since the last push, or a bot changed state (or
went into error), at most once per `min_interval` per user. A change that comes while the user
is rate-limited is remembered and goes out with the next push after the interval (the portfolio
snapshot of a user with holdings changes every few seconds, which flushes it).
`link_widget_refresh` wires it to `notifications.data_messages.DataMessenger` (real FCM).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from api.db.models import utcnow
from notifications.data_messages import DataMessenger
from widgets.kinds import WidgetKind
from widgets.payloads import Payload

if TYPE_CHECKING:
    from api.services.notifications import Notifications
    from api.services.widgets.service import WidgetService

SendRefresh = Callable[[str, tuple[WidgetKind, ...]], Awaitable[object]]
PUSHED_KINDS: tuple[WidgetKind, ...] = ("portfolio", "bots")


def _bot_states(payload: Payload) -> tuple[int, tuple[tuple[str, str], ...]]:
    return payload.get("e", 0), tuple((bot["i"], bot["st"]) for bot in payload.get("b", []))


class RefreshTrigger:
    def __init__(
        self,
        send: SendRefresh,
        *,
        threshold_pct: Decimal = Decimal(1),
        min_interval: timedelta = timedelta(minutes=5),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.send = send
        self.threshold_pct = threshold_pct
        self.min_interval = min_interval
        self.clock = clock
        self._pushed_value: dict[str, Decimal] = {}
        self._latest_value: dict[str, Decimal] = {}
        self._bot_states: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = {}
        self._last_push: dict[str, datetime] = {}
        self._pending: dict[str, set[WidgetKind]] = {}

    async def __call__(self, user_id: str, kind: WidgetKind, payload: Payload) -> None:
        if kind == "portfolio":
            value = Decimal(payload["tv"])
            self._latest_value[user_id] = value
            if self._value_moved(user_id, value):
                self._pending.setdefault(user_id, set()).add(kind)
        elif kind == "bots":
            states = _bot_states(payload)
            if self._bot_states.get(user_id, states) != states:
                self._pending.setdefault(user_id, set()).add(kind)
            self._bot_states[user_id] = states
        pending = self._pending.get(user_id)
        if not pending:
            return
        now = self.clock()
        last = self._last_push.get(user_id)
        if last is not None and now - last < self.min_interval:
            return  # rate-limited: kept pending for the next push
        self._last_push[user_id] = now
        del self._pending[user_id]
        if "portfolio" in pending:
            self._pushed_value[user_id] = self._latest_value[user_id]
        await self.send(user_id, tuple(k for k in PUSHED_KINDS if k in pending))

    def _value_moved(self, user_id: str, value: Decimal) -> bool:
        base = self._pushed_value.setdefault(user_id, value)
        if base == 0:
            return value != 0
        return abs(value - base) * 100 / base >= self.threshold_pct


def link_widget_refresh(
    widgets: WidgetService,
    notifications: Notifications,
    *,
    threshold_pct: Decimal = Decimal(1),
    min_interval: timedelta = timedelta(minutes=5),
) -> RefreshTrigger:
    """Send `widget_refresh` through the notifications' sender to the user's registered
    devices (dead tokens removed) when `RefreshTrigger` fires for a widget reader."""
    messenger = DataMessenger(
        notifications.delivery.sender,
        notifications.devices.of_user,
        notifications.devices.remove,
        widgets.clock,
    )
    trigger = RefreshTrigger(
        messenger.widget_refresh,
        threshold_pct=threshold_pct,
        min_interval=min_interval,
        clock=widgets.clock,
    )
    widgets.listeners.append(trigger)
    return trigger
