from __future__ import annotations

import strawberry

from schema.backtests.types import BacktestJob, BacktestJobConnection
from schema.context import Info


@strawberry.type
class BacktestQuery:
    @strawberry.field(description="One of your backtests: state, and the report when done.")
    async def backtest(self, info: Info, id: strawberry.ID) -> BacktestJob:
        principal = info.context.require_user()
        job = await info.context.services.backtests.job(principal.user_id, str(id))
        return BacktestJob.of(job)

    @strawberry.field(description="Your backtests, newest first.")
    async def backtests(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> BacktestJobConnection:
        principal = info.context.require_user()
        page = await info.context.services.backtests.jobs(principal.user_id, first, after)
        return BacktestJobConnection.of(page)
