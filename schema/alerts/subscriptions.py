from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.services.alerts import alerts_topic
from schema.alerts.types import AlertTrigger
from schema.context import Info


@strawberry.type
class AlertSubscription:
    @strawberry.subscription(description="Your alerts as they fire (every trigger, in order).")
    async def alert_triggered(self, info: Info) -> AsyncGenerator[AlertTrigger, None]:
        principal = info.context.require_user()
        # The topic is the caller's own: nobody else's triggers ever arrive here.
        topic = alerts_topic(principal.user_id)
        async with info.context.services.bus.subscribe(topic, conflate=False) as subscription:
            async for message in subscription:
                yield AlertTrigger.of_message(message.data)
