"""Per-user preferences: muted categories and quiet hours in the user's own time zone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from api.db.database import Database
from api.db.notification_tables import NotificationPreference
from api.errors import BadUserInput
from api.services.notifications.devices import check_timezone
from notifications.categories import CATEGORIES

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class Preferences:
    muted: frozenset[str] = frozenset()
    quiet_start: int | None = None  # minutes after local midnight
    quiet_end: int | None = None
    timezone: str | None = None  # None: the time zone of the user's latest device

    @classmethod
    def of(cls, row: NotificationPreference | None) -> Preferences:
        if row is None:
            return cls()
        muted = frozenset(c for c in row.muted_categories.split(",") if c)
        return cls(muted, row.quiet_start_minute, row.quiet_end_minute, row.timezone)

    def in_quiet_hours(self, now: datetime, device_timezone: str = "UTC") -> bool:
        """[start, end) in local time; start > end wraps midnight (22:00 → 07:00)."""
        if self.quiet_start is None or self.quiet_end is None or self.quiet_start == self.quiet_end:
            return False
        local = now.astimezone(ZoneInfo(self.timezone or device_timezone))
        minute = local.hour * 60 + local.minute
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= minute < self.quiet_end
        return minute >= self.quiet_start or minute < self.quiet_end


def minute_of(value: time) -> int:
    return value.hour * 60 + value.minute


class PreferenceStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, user_id: str) -> Preferences:
        async with self.db.session() as session:
            return Preferences.of(await session.get(NotificationPreference, user_id))

    async def update(
        self,
        user_id: str,
        now: datetime,
        *,
        muted: Iterable[str] | None = None,
        quiet_hours: tuple[int, int] | None = None,
        clear_quiet_hours: bool = False,
        timezone: str | None = None,
    ) -> Preferences:
        async with self.db.session() as session:
            row = await session.get(NotificationPreference, user_id, with_for_update=True)
            if row is None:
                row = NotificationPreference(user_id=user_id)
            if muted is not None:
                chosen = sorted(set(muted))
                unknown = [c for c in chosen if c not in CATEGORIES]
                if unknown:
                    raise BadUserInput(
                        f"unknown categories: {', '.join(unknown)}", field="mutedCategories"
                    )
                row.muted_categories = ",".join(chosen)
            if clear_quiet_hours:
                row.quiet_start_minute = row.quiet_end_minute = None
            elif quiet_hours is not None:
                start, end = quiet_hours
                if not (0 <= start < MINUTES_PER_DAY and 0 <= end < MINUTES_PER_DAY):
                    raise BadUserInput("quiet hours are times of day", field="quietHours")
                row.quiet_start_minute, row.quiet_end_minute = start, end
            if timezone is not None:
                row.timezone = check_timezone(timezone)
            row.updated_at = now
            session.add(row)
            await session.commit()
            return Preferences.of(row)
