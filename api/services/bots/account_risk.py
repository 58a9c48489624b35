"""An account's risk limits and where it stands against them, over every bot on it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import col, func, select

from api.db.bot_tables import AccountRiskLimits, Bot
from api.db.database import Database
from api.db.models import Order
from api.services.bots.records import loads
from api.services.orders.service import OPEN_STATUSES
from engine.bots.ledger import BotLedger
from engine.risk.limits import RiskLimits, RiskState, limits_from_json


async def account_risk(
    db: Database,
    account_id: str,
    bot_id: str,
    ledger: BotLedger,
    mark: Decimal | None,
    today: date,
) -> tuple[RiskLimits, RiskState] | None:
    """The account's limits and its state (None: no limits set).

    Exposure is every bot's position on the account in quote currency (this bot's at `mark`,
    the others' at their average cost: no price lookup per bot on the hot path), expressed as a
    position in this bot's symbol so the one `check` applies; today's P&L is every bot's
    realised P&L today plus this bot's unrealised P&L; open orders count every open order on
    the account, manual ones too."""
    async with db.session() as session:
        record = await session.get(AccountRiskLimits, account_id)
        if record is None:
            return None
        limits = limits_from_json(loads(record.limits))
        if limits.empty:
            return None
        bots = (await session.exec(select(Bot).where(col(Bot.account_id) == account_id))).all()
        open_count = (
            await session.exec(
                select(func.count()).where(
                    col(Order.account_id) == account_id, col(Order.status).in_(OPEN_STATUSES)
                )
            )
        ).one()
    price = mark or Decimal(0)
    exposure = abs(ledger.position) * price
    daily = ledger.daily_pnl(price, today)
    for bot in bots:
        if bot.id == bot_id:
            continue
        exposure += abs(bot.position) * (bot.avg_cost or Decimal(0))
        if bot.pnl_day == today.isoformat():
            daily += bot.realised_today
    position = exposure / price if price else Decimal(0)
    state = RiskState(position, int(open_count), Decimal(0), Decimal(0), price, daily)
    return limits, state
