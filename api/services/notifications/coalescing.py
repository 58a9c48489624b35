"""Bursts: notices of one user and category that arrive within a window become one push."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from api.db.notification_tables import NotificationRecord
from notifications.model import Notice


@dataclass
class Burst:
    user_id: str
    category: str
    opened_at: datetime
    items: list[tuple[NotificationRecord, Notice]] = field(default_factory=list)


class Coalescer:
    """In memory, per process: the first notice opens a window, the ones that arrive before it
    closes join it; `due()` hands back the closed windows."""

    def __init__(self, window: timedelta) -> None:
        self.window = window
        self._open: dict[tuple[str, str], Burst] = {}

    def add(self, record: NotificationRecord, notice: Notice, now: datetime) -> None:
        key = (notice.user_id, notice.category)
        burst = self._open.get(key)
        if burst is None:
            burst = self._open[key] = Burst(notice.user_id, notice.category, now)
        burst.items.append((record, notice))

    def due(self, now: datetime) -> list[Burst]:
        closed = [b for b in self._open.values() if b.opened_at + self.window <= now]
        for burst in closed:
            del self._open[(burst.user_id, burst.category)]
        return closed

    def next_close(self) -> datetime | None:
        return min((b.opened_at + self.window for b in self._open.values()), default=None)
