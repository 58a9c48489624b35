"""Small shared pieces of the bot service: JSON columns, events, the bus topic, views."""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from api.bus import Bus, BusUnavailable
from api.db.bot_tables import Bot, BotEvent
from api.db.models import utcnow
from engine.bots.ledger import BotLedger
from engine.market.models import Market
from engine.risk.limits import RiskLimits, limits_from_json

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 500


def bots_topic(user_id: str) -> str:
    """Bus topic of one user's bot updates (conflation key: the bot id)."""
    return f"bots:{user_id}"


def dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)


def loads(text: str | None) -> Any:
    return json.loads(text) if text else {}


def bot_limits(bot: Bot) -> RiskLimits:
    return limits_from_json(loads(bot.limits))


def ledger_of(bot: Bot, market: Market) -> BotLedger:
    return BotLedger(
        base=market.base,
        quote=market.quote,
        position=bot.position,
        avg_cost=bot.avg_cost,
        realised_pnl=bot.realised_pnl,
        fees_paid=bot.fees_paid,
        day=date.fromisoformat(bot.pnl_day) if bot.pnl_day else None,
        realised_today=bot.realised_today,
    )


def store_ledger(bot: Bot, ledger: BotLedger) -> None:
    bot.position = ledger.position
    bot.avg_cost = ledger.avg_cost
    bot.realised_pnl = ledger.realised_pnl
    bot.fees_paid = ledger.fees_paid
    bot.pnl_day = ledger.day.isoformat() if ledger.day else None
    bot.realised_today = ledger.realised_today


def add_event(session: AsyncSession, bot: Bot, kind: str, message: str, **data: Any) -> BotEvent:
    event = BotEvent(
        bot_id=bot.id,
        user_id=bot.user_id,
        at=utcnow(),
        kind=kind,
        message=message[:MESSAGE_LIMIT],
        data=dumps(data),
    )
    session.add(event)
    return event


async def publish_bot(bus: Bus, bot: Bot, kind: str, message: str = "") -> None:
    try:
        await bus.publish(
            bots_topic(bot.user_id),
            {"id": bot.id, "state": bot.state, "kind": kind, "message": message[:200]},
            key=bot.id,
        )
    except BusUnavailable as exc:  # rows are stored; clients re-read on reconnect
        log.warning("bus unavailable, bot update not published: %s", exc)
