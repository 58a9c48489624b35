"""Portfolio valuation and P&L: holdings valued in a quote currency, positions from the
user's own fills (average cost), realised and unrealised P&L, and the day's change.

Day change = what the current holdings gained or lost since the 24 h open of their markets
(holdings-based, like an exchange's "today" figure); deposits do not count as gains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import and_, bindparam
from sqlalchemy import select as core_select  # sqlmodel's select types up to 4 columns
from sqlmodel import col, select

from api.db.database import Database
from api.db.models import ExchangeAccount, FillRecord
from api.errors import NotFound
from api.services.market import MarketService
from api.services.portfolio import AccountBalance, PortfolioService
from engine.market.models import Side, Ticker
from engine.trading.positions import FillInput, Position, positions_from_fills

DEFAULT_QUOTE = "USDT"
ZERO = Decimal(0)


@dataclass(frozen=True)
class AccountPosition:
    account_id: str
    venue: str
    position: Position


@dataclass(frozen=True)
class ValuedHolding:
    balance: AccountBalance
    price: Decimal | None  # in the quote currency; None when no market prices it
    change_24h: Decimal  # value change since the market's 24 h open

    @property
    def value(self) -> Decimal | None:
        return None if self.price is None else self.balance.total * self.price


@dataclass(frozen=True)
class ValuedPosition:
    account_id: str
    venue: str
    position: Position
    mark: Decimal | None

    @property
    def unrealised(self) -> Decimal:
        return ZERO if self.mark is None else self.position.unrealised(self.mark)


@dataclass(frozen=True)
class PortfolioSnapshot:
    quote: str
    holdings: list[ValuedHolding]
    positions: list[ValuedPosition]
    as_of: datetime

    @property
    def total_value(self) -> Decimal:
        return sum((h.value for h in self.holdings if h.value is not None), ZERO)

    @property
    def day_change(self) -> Decimal:
        return sum((h.change_24h for h in self.holdings), ZERO)

    @property
    def day_change_pct(self) -> Decimal | None:
        start = self.total_value - self.day_change
        return None if start <= 0 else self.day_change / start * 100

    @property
    def realised(self) -> Decimal:
        return sum((p.position.realised for p in self.positions), ZERO)

    @property
    def unrealised(self) -> Decimal:
        return sum((p.unrealised for p in self.positions), ZERO)

    @property
    def unpriced(self) -> list[str]:
        return sorted({h.balance.currency for h in self.holdings if h.price is None})


@dataclass(frozen=True)
class _Account:
    id: str
    venue: str
    label: str
    created_at: datetime


def _positions_of(by_account: dict[tuple[str, str], list[FillInput]]) -> list[AccountPosition]:
    return [
        AccountPosition(account_id, venue, position)
        for (account_id, venue), fills in by_account.items()
        for position in positions_from_fills(fills).values()
    ]


# Built once (a bound parameter for the user): a portfolio read neither rebuilds nor recompiles it.
_ACCOUNTS_AND_FILLS = (
    core_select(
        col(ExchangeAccount.id),
        col(ExchangeAccount.venue),
        col(ExchangeAccount.label),
        col(ExchangeAccount.created_at),
        col(FillRecord.venue),
        col(FillRecord.symbol),
        col(FillRecord.side),
        col(FillRecord.qty),
        col(FillRecord.price),
        col(FillRecord.fee),
        col(FillRecord.fee_currency),
    )
    .outerjoin(
        FillRecord,
        and_(
            col(FillRecord.account_id) == ExchangeAccount.id,
            col(FillRecord.user_id) == bindparam("user_id"),
        ),
    )
    .where(col(ExchangeAccount.user_id) == bindparam("user_id"))
    .order_by(col(FillRecord.executed_at), col(FillRecord.id))
)


class PnlService:
    def __init__(self, db: Database, portfolio: PortfolioService, market: MarketService) -> None:
        self.db = db
        self.portfolio = portfolio
        self.market = market

    async def positions(self, user_id: str) -> list[AccountPosition]:
        """Positions per (account, symbol) from the user's fills, oldest fill first."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(FillRecord)
                    .where(col(FillRecord.user_id) == user_id)
                    .order_by(col(FillRecord.executed_at), col(FillRecord.id))
                )
            ).all()
        by_account: dict[tuple[str, str], list[FillInput]] = {}
        for row in rows:
            by_account.setdefault((row.account_id, row.venue), []).append(
                FillInput(row.symbol, Side(row.side), row.qty, row.price, row.fee, row.fee_currency)
            )
        return _positions_of(by_account)

    async def _accounts_and_positions(
        self, user_id: str
    ) -> tuple[list[_Account], list[AccountPosition]]:
        """The user's accounts (oldest first) and positions from one statement: accounts left
        joined to their fills (the same fills `positions` reads: the user's own)."""
        async with self.db.engine.connect() as conn:
            rows = (await conn.execute(_ACCOUNTS_AND_FILLS, {"user_id": user_id})).all()
        accounts: dict[str, _Account] = {}
        by_account: dict[tuple[str, str], list[FillInput]] = {}
        for account_id, venue, label, created_at, fill_venue, symbol, side, *money in rows:
            if account_id not in accounts:
                accounts[account_id] = _Account(account_id, venue, label, created_at)
            if symbol is not None:
                qty, price, fee, fee_currency = money
                by_account.setdefault((account_id, fill_venue), []).append(
                    FillInput(symbol, Side(side), qty, price, fee, fee_currency)
                )
        ordered = sorted(accounts.values(), key=lambda a: (a.created_at, a.id))
        return ordered, _positions_of(by_account)

    async def snapshot(
        self,
        user_id: str,
        quote: str = DEFAULT_QUOTE,
        positions: Sequence[AccountPosition] | None = None,
    ) -> PortfolioSnapshot:
        """Everything valued now; pass `positions` to reuse ones computed before (streams)."""
        if positions is None:
            accounts, positions = await self._accounts_and_positions(user_id)
            balances = await self.portfolio.balances_of(accounts)
        else:
            balances = await self.portfolio.balances(user_id)
        tickers: dict[tuple[str, str], Ticker | None] = {}

        async def ticker(venue: str, symbol: str) -> Ticker | None:
            if (venue, symbol) not in tickers:
                try:
                    tickers[venue, symbol] = await self.market.ticker(venue, symbol)
                except NotFound:
                    tickers[venue, symbol] = None
            return tickers[venue, symbol]

        holdings = []
        for balance in balances:
            if balance.currency == quote:
                holdings.append(ValuedHolding(balance, Decimal(1), ZERO))
                continue
            t = await ticker(balance.venue, f"{balance.currency}/{quote}")
            change = ZERO if t is None else balance.total * (t.last - t.open_24h)
            holdings.append(ValuedHolding(balance, None if t is None else t.last, change))
        valued = []
        for p in positions:
            t = await ticker(p.venue, p.position.symbol)
            valued.append(
                ValuedPosition(p.account_id, p.venue, p.position, None if t is None else t.last)
            )
        return PortfolioSnapshot(quote, holdings, valued, datetime.now(UTC))
