"""When a widget change is worth a push: the `widget_refresh` data message that makes the
phone redraw its widgets between Android's 30-minute updates.

`RefreshTrigger` is a `WidgetService` listener: it calls `send(user_id)` when the portfolio's
value moved at least `threshold_pct` since the last push, or a bot changed state (or went into
error), at most once per `min_interval` per user. Wire `send` to the notifications service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal

from api.db.models import utcnow
from widgets.kinds import WidgetKind
from widgets.payloads import Payload

SendRefresh = Callable[[str], Awaitable[None]]


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
        self._bot_states: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = {}
        self._last_push: dict[str, datetime] = {}

    async def __call__(self, user_id: str, kind: WidgetKind, payload: Payload) -> None:
        if kind == "portfolio":
            due = self._value_moved(user_id, Decimal(payload["tv"]))
        elif kind == "bots":
            states = _bot_states(payload)
            due = self._bot_states.get(user_id, states) != states
            self._bot_states[user_id] = states
        else:
            return
        now = self.clock()
        last = self._last_push.get(user_id)
        if due and (last is None or now - last >= self.min_interval):
            self._last_push[user_id] = now
            if kind == "portfolio":
                self._pushed_value[user_id] = Decimal(payload["tv"])
            await self.send(user_id)

    def _value_moved(self, user_id: str, value: Decimal) -> bool:
        base = self._pushed_value.setdefault(user_id, value)
        if base == 0:
            return value != 0
        return abs(value - base) * 100 / base >= self.threshold_pct
