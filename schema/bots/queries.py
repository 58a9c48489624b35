from __future__ import annotations

from decimal import Decimal

import strawberry

from schema.bots.types import AccountRisk, Bot, BotTemplate, Risk
from schema.context import Info


@strawberry.type
class BotQuery:
    @strawberry.field(description="One-tap bot templates (unavailable ones listed greyed out).")
    async def bot_templates(self, info: Info) -> list[BotTemplate]:
        return [BotTemplate.of(v) for v in await info.context.services.bots.templates()]

    @strawberry.field(description="Your bots, oldest first.")
    async def bots(self, info: Info) -> list[Bot]:
        principal = info.context.require_user()
        return [Bot.of(b) for b in await info.context.services.bots.bots(principal)]

    @strawberry.field(description="One of your bots; NOT_FOUND for any other id.")
    async def bot(self, info: Info, id: strawberry.ID) -> Bot:
        principal = info.context.require_user()
        return Bot.of(await info.context.services.bots.bot(principal, str(id)))

    @strawberry.field(description="Exposure, today's P&L and limits per exchange account.")
    async def risk(self, info: Info) -> Risk:
        principal = info.context.require_user()
        accounts = await info.context.services.bots.risk(principal)
        return Risk(
            accounts=[AccountRisk.of(a) for a in accounts],
            total_exposure=sum((a.exposure for a in accounts), Decimal(0)),
        )
