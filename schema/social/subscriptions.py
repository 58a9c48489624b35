from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.services.social.fanout import copies_topic
from schema.context import Info


@strawberry.type(description="A copy of a leader's fill that was not placed, and why.")
class CopySkipped:
    leader_fill_id: strawberry.ID
    trader_id: strawberry.ID
    symbol: str
    side: str
    skip_reason: str
    detail: str | None


@strawberry.type
class SocialSubscription:
    @strawberry.subscription(
        description="Your skipped copies, live (placed copies arrive as order updates)."
    )
    async def copy_skipped(self, info: Info) -> AsyncGenerator[CopySkipped, None]:
        principal = info.context.require_user()
        topic = copies_topic(principal.user_id)
        async with info.context.services.bus.subscribe(topic, conflate=False) as live:
            async for message in live:
                data = message.data
                yield CopySkipped(
                    leader_fill_id=strawberry.ID(str(data["leaderFillId"])),
                    trader_id=strawberry.ID(str(data["traderId"])),
                    symbol=str(data["symbol"]),
                    side=str(data["side"]),
                    skip_reason=str(data["skipReason"]),
                    detail=data.get("detail"),
                )
