from __future__ import annotations

import strawberry

from schema.context import Info
from schema.notifications.types import (
    NotificationAction,
    NotificationConnection,
    NotificationPreferences,
    PushDevice,
)


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="Your in-app inbox, newest first.")
    async def notifications(
        self, info: Info, first: int = 20, after: str | None = None, unread_only: bool = False
    ) -> NotificationConnection:
        principal = info.context.require_user()
        service = info.context.services.notifications.service
        page = await service.inbox(
            principal.user_id, first=first, after=after, unread_only=unread_only
        )
        return NotificationConnection.of(page, await service.unread_count(principal.user_id))

    @strawberry.field(description="Which categories push, and your quiet hours.")
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        principal = info.context.require_user()
        prefs = await info.context.services.notifications.preferences.get(principal.user_id)
        return NotificationPreferences.of(prefs)

    @strawberry.field(description="Your devices registered for push.")
    async def push_devices(self, info: Info) -> list[PushDevice]:
        principal = info.context.require_user()
        devices = await info.context.services.notifications.devices.of_user(principal.user_id)
        return [PushDevice.of(d) for d in devices]

    @strawberry.field(
        description="What a notification button's action token does, without using it: the "
        "summary to show and, for trading and bot actions, the exact ActionInput to pass to "
        "stepUpChallenge before performNotificationAction."
    )
    async def notification_action(self, info: Info, action_token: str) -> NotificationAction:
        principal = info.context.require_user()
        actions = info.context.services.notifications.actions
        return NotificationAction.of(await actions.describe(principal, action_token))
