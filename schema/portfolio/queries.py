from __future__ import annotations

import strawberry

from schema.context import Info
from schema.portfolio.types import Balance, ExchangeAccount, ExchangeStatus, Portfolio


@strawberry.type
class PortfolioQuery:
    @strawberry.field(description="The signed-in user's exchange accounts.")
    async def exchange_accounts(self, info: Info) -> list[ExchangeAccount]:
        principal = info.context.require_user()
        services = info.context.services
        found = await services.portfolio.accounts(principal.user_id)
        return [ExchangeAccount.of(a, services.exchange_accounts.hint(a)) for a in found]

    @strawberry.field(description="The signed-in user's balances across accounts.")
    async def balances(self, info: Info) -> list[Balance]:
        principal = info.context.require_user()
        found = await info.context.services.portfolio.balances(principal.user_id)
        return [Balance.of(b) for b in found]

    @strawberry.field(
        description="Your holdings valued in `quote` (USDT by default), positions with average "
        "cost, realised and unrealised P&L, and the day's change."
    )
    async def portfolio(self, info: Info, quote: str = "USDT") -> Portfolio:
        principal = info.context.require_user()
        return Portfolio.of(await info.context.services.pnl.snapshot(principal.user_id, quote))

    @strawberry.field(description="Connection health of each of your venue accounts.")
    async def exchange_status(self, info: Info) -> list[ExchangeStatus]:
        principal = info.context.require_user()
        found = await info.context.services.exchange_accounts.connections(principal.user_id)
        return [ExchangeStatus.of(c) for c in found]
