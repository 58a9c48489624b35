from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

import strawberry

from schema.backtests.types import BacktestProgress
from schema.context import Info


@strawberry.type
class BacktestSubscription:
    @strawberry.subscription(
        description="Progress of one of your backtests: its current state first, then updates "
        "(a few per second, never going back) until done, failed or canceled."
    )
    async def backtest_progress(
        self, info: Info, job_id: strawberry.ID
    ) -> AsyncGenerator[BacktestProgress, None]:
        principal = info.context.require_user()
        frames = info.context.services.backtests.progress(principal.user_id, str(job_id))
        async with aclosing(frames):  # leaves the bus subscription when the client goes
            async for frame in frames:
                yield BacktestProgress.of(frame)
