"""`Query.risk`: per exchange account, the bots' exposure at current prices, today's P&L, the
limits and the 1-day VaR of the bots' positions (engine/risk/var.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import col, select

from api.db.bot_tables import AccountRiskLimits, Bot
from api.db.database import Database
from api.db.models import ExchangeAccount, Order, utcnow
from api.services.bots.records import loads
from api.services.orders.service import OPEN_STATUSES
from api.services.venues import VenueRegistry
from engine.bots.lifecycle import BotState
from engine.risk.limits import RiskLimits, limits_from_json
from engine.risk.var import VarReport, daily_returns, portfolio_var

VAR_DAYS = 120  # daily closes behind the VaR figures

MarkPrice = Callable[[str, str], Awaitable[Decimal | None]]


@dataclass(frozen=True)
class AccountRisk:
    account_id: str
    venue: str
    label: str
    bots_running: int
    open_orders: int
    exposure: Decimal  # quote value of every bot's position at the current price
    daily_pnl: Decimal  # bots' realised P&L today plus unrealised P&L
    limits: RiskLimits
    var: VarReport | None = None  # 1-day VaR of the bots' positions (None: nothing held)


async def accounts_risk(
    db: Database, venues: VenueRegistry, user_id: str, mark_price: MarkPrice
) -> list[AccountRisk]:
    async with db.session() as session:
        accounts = (
            await session.exec(
                select(ExchangeAccount)
                .where(col(ExchangeAccount.user_id) == user_id)
                .order_by(col(ExchangeAccount.created_at), col(ExchangeAccount.id))
            )
        ).all()
        bots = (await session.exec(select(Bot).where(col(Bot.user_id) == user_id))).all()
        open_orders = (
            await session.exec(
                select(Order.account_id).where(
                    col(Order.user_id) == user_id,
                    col(Order.status).in_(OPEN_STATUSES),
                )
            )
        ).all()
        limit_rows = (
            await session.exec(
                select(AccountRiskLimits).where(col(AccountRiskLimits.user_id) == user_id)
            )
        ).all()
    limits = {r.account_id: limits_from_json(loads(r.limits)) for r in limit_rows}
    out = []
    for account in accounts:
        mine = [b for b in bots if b.account_id == account.id]
        exposure = Decimal(0)
        daily = Decimal(0)
        values: dict[str, Decimal] = {}
        for bot in mine:
            mark = await mark_price(bot.venue, bot.symbol) or bot.avg_cost or Decimal(0)
            exposure += abs(bot.position) * mark
            if bot.position:
                values[bot.symbol] = values.get(bot.symbol, Decimal(0)) + bot.position * mark
            if bot.avg_cost is not None and bot.position > 0:
                daily += (mark - bot.avg_cost) * bot.position
            if bot.pnl_day == utcnow().date().isoformat():
                daily += bot.realised_today
        out.append(
            AccountRisk(
                account_id=account.id,
                venue=account.venue,
                label=account.label,
                bots_running=sum(1 for b in mine if b.state == BotState.RUNNING.value),
                open_orders=sum(1 for a in open_orders if a == account.id),
                exposure=exposure,
                daily_pnl=daily,
                limits=limits.get(account.id, RiskLimits()),
                var=await _var(venues, account.venue, values),
            )
        )
    return out


async def _var(
    venues: VenueRegistry, venue: str, values: Mapping[str, Decimal]
) -> VarReport | None:
    """Historical and parametric 1-day VaR from the venue's daily closes (None when
    nothing is held or the history is too short)."""
    if not values:
        return None
    exchange = venues.public(venue)
    returns = {}
    for symbol in values:
        candles = await exchange.fetch_ohlcv(symbol, "1d", VAR_DAYS)
        returns[symbol] = daily_returns([c.close for c in candles if c.closed])
    try:
        return portfolio_var(values, returns)
    except ValueError:
        return None
