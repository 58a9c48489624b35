"""Names for the ids in a guarded action, so the step-up summary reads "Start bot Grid BTC"
rather than an id. Only the user's own bots and accounts are named; trader handles and listing
titles are public. An id that is not found stays as it is (the digest never uses labels)."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from api.auth.actions import Action
from api.db.bot_tables import Bot
from api.db.database import Database
from api.db.models import ExchangeAccount
from api.db.social_tables import StrategyListing, TraderProfile


class ActionLabels:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def of(self, user_id: str, action: Action) -> dict[str, str]:
        lookups: list[tuple[str, Any]] = []
        if bot_id := action.get("botId"):
            query = select(Bot.name).where(Bot.id == bot_id, Bot.user_id == user_id)
            lookups.append(("botId", query))
        if account_id := action.get("account"):
            query = select(ExchangeAccount.label).where(
                ExchangeAccount.id == account_id, ExchangeAccount.user_id == user_id
            )
            lookups.append(("account", query))
        if trader_id := action.get("traderId"):
            query = select(TraderProfile.handle).where(col(TraderProfile.user_id) == trader_id)
            lookups.append(("traderId", query))
        if listing_id := action.get("strategyId"):
            lookups.append(
                (
                    "strategyId",
                    select(StrategyListing.title).where(StrategyListing.id == listing_id),
                )
            )
        if not lookups:
            return {}
        labels: dict[str, str] = {}
        async with self.db.session() as session:
            for field, query in lookups:
                name = (await session.exec(query)).first()
                if name:
                    labels[field] = f"@{name}" if field == "traderId" else str(name)
        return labels
