from __future__ import annotations

import strawberry

from schema.notifications.mutations.devices import register_device, unregister_device
from schema.notifications.mutations.inbox import mark_notifications_read
from schema.notifications.mutations.perform_action import perform_notification_action
from schema.notifications.mutations.preferences import update_notification_preferences


@strawberry.type
class NotificationMutation:
    register_device = strawberry.mutation(
        resolver=register_device,
        description="Register (or refresh) this device's FCM token; call at every app start.",
    )
    unregister_device = strawberry.mutation(
        resolver=unregister_device, description="Stop pushing to this token (sign-out)."
    )
    mark_notifications_read = strawberry.mutation(
        resolver=mark_notifications_read,
        description="Mark some of your notifications read; returns how many changed.",
    )
    update_notification_preferences = strawberry.mutation(
        resolver=update_notification_preferences,
        description="Mute categories and set quiet hours (RISK_LIMIT still pushes).",
    )
    perform_notification_action = strawberry.mutation(
        resolver=perform_notification_action,
        description="Perform a notification button's action once. Trading and bot actions "
        "need `stepUp` for the ActionInput that Query.notificationAction returns.",
    )
