from __future__ import annotations

import strawberry

from schema.alerts.types import Alert, AlertTriggerConnection
from schema.context import Info


@strawberry.type
class AlertQuery:
    @strawberry.field(description="Your alerts, newest first.")
    async def alerts(self, info: Info) -> list[Alert]:
        principal = info.context.require_user()
        rows = await info.context.services.alerts.alerts(principal.user_id)
        return [Alert.of(row) for row in rows]

    @strawberry.field(description="When your alerts fired (one alert, or all), newest first.")
    async def alert_triggers(
        self,
        info: Info,
        alert_id: strawberry.ID | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> AlertTriggerConnection:
        principal = info.context.require_user()
        page = await info.context.services.alerts.triggers(
            principal.user_id, str(alert_id) if alert_id else None, first, after
        )
        return AlertTriggerConnection.of(page)
