from __future__ import annotations

from typing import Any

import strawberry

from api.errors import BadUserInput
from schema.auth.types import StepUpAssertionInput, assertion_of
from schema.bots.types import (
    Bot,
    CreateBotFromTemplateInput,
    CreateBotInput,
    KillSwitchResult,
    RiskLimits,
    RiskLimitsInput,
    UpdateBotInput,
)
from schema.context import Info


def _object(value: Any, field: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadUserInput(f"{field} must be an object", field=field)
    return value


@strawberry.type
class BotMutation:
    @strawberry.mutation(
        description="Create a bot (stopped). Bad params: BAD_USER_INPUT naming "
        "the field, e.g. params.levels."
    )
    async def create_bot(self, info: Info, input: CreateBotInput) -> Bot:
        principal = info.context.require_user()
        bot = await info.context.services.bots.create_bot(
            principal,
            account_id=str(input.account_id),
            kind=input.kind,
            symbol=input.symbol,
            params=_object(input.params, "params") or {},
            name=input.name,
            limits=input.limits.to_json() if input.limits else None,
        )
        return Bot.of(bot)

    @strawberry.mutation(
        description="Create a bot (stopped) from a template, sized to today's price and `capital`."
    )
    async def create_bot_from_template(self, info: Info, input: CreateBotFromTemplateInput) -> Bot:
        principal = info.context.require_user()
        bot = await info.context.services.bots.create_from_template(
            principal,
            str(input.template_id),
            str(input.account_id),
            _object(input.overrides, "overrides"),
            capital=input.capital,
            name=input.name,
            limits=input.limits.to_json() if input.limits else None,
        )
        return Bot.of(bot)

    @strawberry.mutation(description="Rename, change limits, or (while stopped) change params.")
    async def update_bot(self, info: Info, id: strawberry.ID, input: UpdateBotInput) -> Bot:
        principal = info.context.require_user()
        bot = await info.context.services.bots.update_bot(
            principal,
            str(id),
            name=input.name,
            params=_object(input.params, "params"),
            limits=input.limits.to_json() if input.limits else None,
        )
        return Bot.of(bot)

    @strawberry.mutation(
        description="Start (or resume a paused) bot. Needs `stepUp` for the "
        "action {kind: startBot, botId, venue}. ACCOUNT_NOT_RECONCILED while its "
        "account's orders are in doubt."
    )
    async def start_bot(
        self, info: Info, id: strawberry.ID, step_up: StepUpAssertionInput | None = None
    ) -> Bot:
        principal = info.context.require_user()
        bot = await info.context.services.bots.start_bot(principal, str(id), assertion_of(step_up))
        return Bot.of(bot)

    @strawberry.mutation(
        description="Stop a bot and cancel its open orders. Needs `stepUp` for "
        "{kind: stopBot, botId, venue}."
    )
    async def stop_bot(
        self, info: Info, id: strawberry.ID, step_up: StepUpAssertionInput | None = None
    ) -> Bot:
        principal = info.context.require_user()
        bot = await info.context.services.bots.stop_bot(principal, str(id), assertion_of(step_up))
        return Bot.of(bot)

    @strawberry.mutation(description="Pause a bot: no new orders, resting orders kept.")
    async def pause_bot(self, info: Info, id: strawberry.ID) -> Bot:
        principal = info.context.require_user()
        return Bot.of(await info.context.services.bots.pause_bot(principal, str(id)))

    @strawberry.mutation(description="Delete a stopped bot with its history.")
    async def delete_bot(self, info: Info, id: strawberry.ID) -> bool:
        principal = info.context.require_user()
        return await info.context.services.bots.delete_bot(principal, str(id))

    @strawberry.mutation(
        description="Stop every bot and cancel every open order on every "
        "account. Needs `stepUp` for {kind: killSwitch}. Idempotent."
    )
    async def kill_switch(
        self, info: Info, step_up: StepUpAssertionInput | None = None
    ) -> KillSwitchResult:
        principal = info.context.require_user()
        result = await info.context.services.bots.kill_switch(principal, assertion_of(step_up))
        return KillSwitchResult.of(result)

    @strawberry.mutation(description="Limits over every bot of one exchange account.")
    async def set_account_risk_limits(
        self, info: Info, account_id: strawberry.ID, limits: RiskLimitsInput
    ) -> RiskLimits:
        principal = info.context.require_user()
        result = await info.context.services.bots.set_account_limits(
            principal, str(account_id), limits.to_json()
        )
        return RiskLimits.of(result)
