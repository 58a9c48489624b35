"""Reaching the running app's services from a test, and what bot tests read back from them."""

from __future__ import annotations

from sqlmodel import col, select
from starlette.applications import Starlette

from api.container import Services
from api.db.bot_tables import BotOrder
from api.services.accounts import Principal
from tests.conftest import GraphQLClient
from tests.schema.trading_helpers import paper_account


def services_of(app: Starlette) -> Services:
    services: Services = app.state.services
    return services


async def paper_user(gql: GraphQLClient, services: Services, email: str) -> tuple[Principal, str]:
    """A newly registered user and the id of their paper (sim) account."""
    token = await gql.register(email)
    return await services.accounts.authenticate(token), await paper_account(gql, token)


async def bot_orders(services: Services, bot_id: str) -> list[BotOrder]:
    """The bot's order rows, oldest first."""
    async with services.db.session() as session:
        rows = await session.exec(
            select(BotOrder).where(col(BotOrder.bot_id) == bot_id).order_by(col(BotOrder.seq))
        )
        return list(rows.all())
