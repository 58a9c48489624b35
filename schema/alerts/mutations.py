from __future__ import annotations

import strawberry

from schema.alerts.inputs import CreateAlertInput, UpdateAlertInput
from schema.alerts.types import Alert
from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.context import Info


@strawberry.type
class AlertMutation:
    @strawberry.mutation(
        description="Create an alert. One that acts on its own (an order, hedge or bot action) "
        "needs `stepUp` for stepUpChallenge(kind: createTradingAlert, ...) bound to that action "
        "and its limits; alerts that only notify (or cancel orders) need none."
    )
    async def create_alert(
        self, info: Info, input: CreateAlertInput, step_up: StepUpAssertionInput | None = None
    ) -> Alert:
        principal = info.context.require_user()
        row = await info.context.services.alerts.create(
            principal, input.to_spec(), assertion_of(step_up)
        )
        return Alert.of(row)

    @strawberry.mutation(description="Change one of your alerts (see UpdateAlertInput).")
    async def update_alert(self, info: Info, id: strawberry.ID, input: UpdateAlertInput) -> Alert:
        principal = info.context.require_user()
        row = await info.context.services.alerts.update(principal, str(id), input.to_changes())
        return Alert.of(row)

    @strawberry.mutation(description="Delete one of your alerts and its trigger history.")
    async def delete_alert(self, info: Info, id: strawberry.ID) -> bool:
        principal = info.context.require_user()
        await info.context.services.alerts.delete(principal, str(id))
        return True

    @strawberry.mutation(description="Ignore crossings for `minutes` (0 ends the snooze).")
    async def snooze_alert(self, info: Info, id: strawberry.ID, minutes: int) -> Alert:
        principal = info.context.require_user()
        return Alert.of(await info.context.services.alerts.snooze(principal, str(id), minutes))
