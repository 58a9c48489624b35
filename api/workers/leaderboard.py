"""Keeps the leaderboard cache fresh: snapshot today's equity of every public profile, then
recompute the cached metrics, every `interval_s` (CO_LEADERBOARD_REFRESH_SECONDS)."""

from __future__ import annotations

import asyncio
import logging

from api.services.social.leaderboard import LeaderboardService

log = logging.getLogger(__name__)


class LeaderboardRefresher:
    def __init__(self, leaderboard: LeaderboardService, interval_s: float) -> None:
        self.leaderboard = leaderboard
        self.interval_s = interval_s

    async def refresh_once(self) -> int:
        await self.leaderboard.snapshot()
        return await self.leaderboard.refresh()

    async def run(self) -> None:
        while True:
            try:
                await self.refresh_once()
            except Exception:  # keep the timer alive; the next round retries
                log.exception("leaderboard refresh failed")
            await asyncio.sleep(self.interval_s)
