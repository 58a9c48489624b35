"""Demo data so a first start shows something: a demo user with funds on the sim venue."""

from __future__ import annotations

from decimal import Decimal

from api.db.database import Database
from api.db.models import User
from api.services.accounts import AccountService
from api.services.portfolio import PortfolioService

DEMO_EMAIL = "demo@cryptoorchestrator.dev"
DEMO_PASSWORD = "demo-trader-2026"  # documented demo login, local data only
DEMO_BALANCES = {
    "USDT": Decimal("100000"),
    "BTC": Decimal("1.5"),
    "ETH": Decimal("20"),
    "SOL": Decimal("300"),
}


async def seed_demo(
    db: Database, accounts: AccountService, portfolio: PortfolioService, *, reset: bool = False
) -> bool:
    """Create the demo user and its paper account; with `reset`, recreate them. True if created."""
    existing = await accounts.find_by_email(DEMO_EMAIL)
    if existing is not None:
        if not reset:
            return False
        async with db.session() as session:
            user = await session.get(User, existing.id)
            await session.delete(user)
            await session.commit()
    user = await accounts.register(DEMO_EMAIL, DEMO_PASSWORD, "Demo Trader", is_demo=True)
    await portfolio.open_paper_account(user.id, DEMO_BALANCES, label="Demo (sim)")
    return True
