from __future__ import annotations

from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.context import Info
from schema.notifications.types import NotificationActionResult


async def perform_notification_action(
    info: Info, action_token: str, step_up: StepUpAssertionInput | None = None
) -> NotificationActionResult:
    principal = info.context.require_user()
    actions = info.context.services.notifications.actions
    outcome = await actions.perform(principal, action_token, assertion_of(step_up))
    return NotificationActionResult.of(outcome)
