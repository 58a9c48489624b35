"""A marketplace subscription's verified equity, what its fee periods close at."""

from __future__ import annotations

from decimal import Decimal

from api.db.bot_tables import Bot
from api.db.database import Database
from api.db.social_tables import StrategySubscription
from api.services.social.prices import VenuePrices
from api.services.venues import VenueRegistry


async def subscription_equity(
    db: Database, venues: VenueRegistry, subscription: StrategySubscription
) -> Decimal:
    """Allocation + the copy bot's P&L from venue fills: realised (fees included) plus its open
    position at the venue's last price. Never anything the user types. A subscription without
    a copy (from before copies ran) is at its allocation. LookupError when the open position
    has no price now (the caller retries rather than guesses)."""
    if subscription.bot_id is None:
        return subscription.allocation
    async with db.session() as session:
        bot = await session.get(Bot, subscription.bot_id)
    if bot is None or bot.user_id != subscription.subscriber_id:
        return subscription.allocation
    unrealised = Decimal(0)
    if bot.position > 0 and bot.avg_cost is not None:
        last = await VenuePrices(venues, bot.venue).last(bot.symbol)
        if last is None:
            raise LookupError(f"no price for {bot.symbol} on {bot.venue}")
        unrealised = (last - bot.avg_cost) * bot.position
    return subscription.allocation + bot.realised_pnl + unrealised
