from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from api.errors import NotFound
from api.services.bots import bots_topic
from schema.bots.types import Bot
from schema.context import Info


@strawberry.type
class BotSubscription:
    @strawberry.subscription(
        description="Your bots as they change (conflated: the latest state of each bot)."
    )
    async def bot_updates(self, info: Info) -> AsyncGenerator[Bot, None]:
        principal = info.context.require_user()
        bots = info.context.services.bots
        # The topic is the caller's own: nobody else's bot ids ever arrive here.
        async with info.context.services.bus.subscribe(bots_topic(principal.user_id)) as sub:
            async for message in sub:
                try:
                    bot = await bots.bot(principal, str(message.data["id"]))
                except NotFound:  # deleted meanwhile
                    continue
                yield Bot.of(bot)
