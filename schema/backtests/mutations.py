from __future__ import annotations

import strawberry

from schema.backtests.data import data_source_of
from schema.backtests.types import BacktestInput, BacktestJob
from schema.context import Info


@strawberry.type
class BacktestMutation:
    @strawberry.mutation(
        description="Queue a backtest; follow it with Subscription.backtestProgress. Bad input: "
        "BAD_USER_INPUT naming the field (e.g. params.levels); more than 2 of your backtests "
        "queued or running: RATE_LIMITED."
    )
    async def run_backtest(self, info: Info, input: BacktestInput) -> BacktestJob:
        principal = info.context.require_user()
        job = await info.context.services.backtests.submit(
            principal.user_id, input.to_request(), data_source_of(input.data_source)
        )
        return BacktestJob.of(job)

    @strawberry.mutation(
        description="Stop a queued or running backtest (status canceled); a finished one is "
        "returned unchanged."
    )
    async def cancel_backtest(self, info: Info, id: strawberry.ID) -> BacktestJob:
        principal = info.context.require_user()
        job = await info.context.services.backtests.cancel(principal.user_id, str(id))
        return BacktestJob.of(job)
