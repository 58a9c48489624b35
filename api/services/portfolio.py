"""Exchange accounts and balances per user. Every read is scoped to the caller's user id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from sqlmodel import col, select

from api.db.database import Database
from api.db.models import BalanceRecord, ExchangeAccount
from api.services.venues import SIM, VenueRegistry

PAPER_BALANCES = {"USDT": Decimal("10000")}


class AccountLike(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def venue(self) -> str: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True)
class AccountBalance:
    account_id: str
    venue: str
    label: str
    currency: str
    free: Decimal
    used: Decimal

    @property
    def total(self) -> Decimal:
        return self.free + self.used


class PortfolioService:
    def __init__(self, db: Database, venues: VenueRegistry) -> None:
        self.db = db
        self.venues = venues

    async def open_paper_account(
        self,
        user_id: str,
        balances: dict[str, Decimal] | None = None,
        label: str = "Paper (sim)",
    ) -> ExchangeAccount:
        """A simulated-venue account with starting funds, persisted so it survives restarts."""
        balances = dict(PAPER_BALANCES if balances is None else balances)
        account = ExchangeAccount(user_id=user_id, venue=SIM, label=label)
        async with self.db.session() as session:
            session.add(account)
            await session.flush()
            for currency, amount in balances.items():
                session.add(
                    BalanceRecord(
                        user_id=user_id, account_id=account.id, currency=currency, free=amount
                    )
                )
            await session.commit()
        self.venues.sim_account(account.id, balances)
        return account

    async def restore_sim_accounts(self) -> int:
        """Re-open every persisted sim account in the in-memory venue (start-up)."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(ExchangeAccount, BalanceRecord)
                    .join(BalanceRecord, col(BalanceRecord.account_id) == ExchangeAccount.id)
                    .where(ExchangeAccount.venue == SIM)
                )
            ).all()
        funds: dict[str, dict[str, Decimal]] = {}
        for account, balance in rows:
            funds.setdefault(account.id, {})[balance.currency] = balance.free + balance.used
        for account_id, balances in funds.items():
            self.venues.sim_account(account_id, balances)
        return len(funds)

    async def accounts(self, user_id: str) -> list[ExchangeAccount]:
        async with self.db.session() as session:
            result = await session.exec(
                select(ExchangeAccount)
                .where(ExchangeAccount.user_id == user_id)
                .order_by(col(ExchangeAccount.created_at))
            )
            return list(result.all())

    async def balances(self, user_id: str) -> list[AccountBalance]:
        return await self.balances_of(await self.accounts(user_id))

    async def balances_of(self, accounts: Iterable[AccountLike]) -> list[AccountBalance]:
        """Balances of accounts the caller already read (they must be one user's own)."""
        out: list[AccountBalance] = []
        for account in accounts:
            if account.venue != SIM:
                continue  # live venues arrive with the CCXT adapter
            exchange = self.venues.sim_account(account.id, {})
            for currency, balance in sorted((await exchange.fetch_balance()).items()):
                out.append(
                    AccountBalance(
                        account_id=account.id,
                        venue=account.venue,
                        label=account.label,
                        currency=currency,
                        free=balance.free,
                        used=balance.used,
                    )
                )
        return out
