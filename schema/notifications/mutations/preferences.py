from __future__ import annotations

from datetime import time

from api.errors import BadUserInput
from api.services.notifications.preferences import minute_of
from schema.context import Info
from schema.notifications.types import NotificationPreferences, NotificationPreferencesInput


def _minute(value: str, field: str) -> int:
    try:
        return minute_of(time.fromisoformat(value))
    except ValueError:
        raise BadUserInput("use HH:MM, e.g. 22:30", field=field) from None


async def update_notification_preferences(
    info: Info, input: NotificationPreferencesInput
) -> NotificationPreferences:
    principal = info.context.require_user()
    quiet: tuple[int, int] | None = None
    if (input.quiet_hours_start is None) != (input.quiet_hours_end is None):
        raise BadUserInput("give both quietHoursStart and quietHoursEnd", field="quietHoursEnd")
    if input.quiet_hours_start is not None and input.quiet_hours_end is not None:
        quiet = (
            _minute(input.quiet_hours_start, "quietHoursStart"),
            _minute(input.quiet_hours_end, "quietHoursEnd"),
        )
    push = info.context.services.notifications
    prefs = await push.preferences.update(
        principal.user_id,
        push.service.clock(),
        muted=input.muted_categories,
        quiet_hours=quiet,
        clear_quiet_hours=input.clear_quiet_hours,
        timezone=input.timezone,
    )
    return NotificationPreferences.of(prefs)
