"""Copy P&L per follow: what its filled copy orders cost or returned, plus what they still hold
at the last price (before fees). Feeds the stop-loss and the follower's view of a leader."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from api.db.models import Order
from api.db.social_tables import CopyTrade
from api.services.social.prices import VenuePrices

COPY_TRADES = CopyTrade.__table__  # type: ignore[attr-defined]
ORDERS = Order.__table__  # type: ignore[attr-defined]
CHUNK = 500


async def copy_pnl_by_follow(
    conn: AsyncConnection, follow_ids: Sequence[str], prices: VenuePrices
) -> dict[str, Decimal]:
    """P&L in the quote currency for each follow id (0 when nothing was copied yet)."""
    cash: dict[str, Decimal] = defaultdict(Decimal)
    held: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for start in range(0, len(follow_ids), CHUNK):
        chunk = list(follow_ids[start : start + CHUNK])
        rows = await conn.execute(
            select(
                COPY_TRADES.c.follow_id,
                ORDERS.c.symbol,
                ORDERS.c.side,
                ORDERS.c.filled_qty,
                ORDERS.c.avg_fill_price,
            )
            .join(ORDERS, ORDERS.c.id == COPY_TRADES.c.order_id)
            .where(COPY_TRADES.c.follow_id.in_(chunk))
        )
        for follow_id, symbol, side, qty, price in rows:
            if not qty or price is None:
                continue
            sign = Decimal(1) if side == "buy" else Decimal(-1)
            cash[follow_id] -= sign * qty * price
            held[(follow_id, symbol)] += sign * qty
    pnl = {follow_id: cash[follow_id] for follow_id in follow_ids}
    for (follow_id, symbol), qty in held.items():
        last = await prices.last(symbol)
        if last is not None:
            pnl[follow_id] += qty * last
    return pnl


async def copied_positions(conn: AsyncConnection, follow_id: str) -> dict[str, Decimal]:
    """Net base quantity per symbol that a follow's filled copy orders bought (minus sold)."""
    rows = await conn.execute(
        select(ORDERS.c.symbol, ORDERS.c.side, ORDERS.c.filled_qty)
        .join(COPY_TRADES, ORDERS.c.id == COPY_TRADES.c.order_id)
        .where(COPY_TRADES.c.follow_id == follow_id)
    )
    held: dict[str, Decimal] = defaultdict(Decimal)
    for symbol, side, qty in rows:
        held[symbol] += qty if side == "buy" else -qty
    return {symbol: qty for symbol, qty in held.items() if qty > 0}
