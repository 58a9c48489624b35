"""How venue state lands in our tables: order rows follow the venue, fills are inserted once,
balances are kept so a restart restores them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.db.models import BalanceRecord, FillRecord, Order, new_id, utcnow
from engine.trading.models import Balance, ExchangeOrder, Fill, OrderStatus


def orders_topic(user_id: str) -> str:
    """Bus topic of one user's order updates (conflation key: the order id)."""
    return f"orders:{user_id}"


def apply_venue_order(order: Order, venue: ExchangeOrder) -> bool:
    """Copy the venue's view onto our row; returns whether anything changed.

    Updates can arrive out of order (a submit response after the feed saw fills), so a row never
    leaves a final status and its filled quantity never goes down.
    """
    current = OrderStatus(order.status)
    if current.is_final and venue.status != current:
        return False
    if venue.filled_qty < order.filled_qty:
        return False
    changed = (
        order.status != venue.status.value
        or order.filled_qty != venue.filled_qty
        or order.venue_order_id != venue.id
        or order.fee_paid != venue.fee_paid
    )
    if not changed:
        return False
    order.venue_order_id = venue.id
    order.status = venue.status.value
    order.filled_qty = venue.filled_qty
    order.avg_fill_price = venue.avg_fill_price
    order.fee_paid = venue.fee_paid
    order.reject_reason = venue.reject_reason
    order.updated_at = utcnow()
    return True


def finish(order: Order, status: OrderStatus, reason: str) -> None:
    order.status = status.value
    order.reject_reason = reason[:255]
    order.updated_at = utcnow()


async def insert_fills(
    session: AsyncSession, order: Order, fills: Iterable[Fill], trade_key: str
) -> int:
    """Insert fills of `order` that are not stored yet; returns how many were new.

    `trade_key` prefixes the venue's trade id (see VenueRegistry.trade_key_prefix).
    """
    rows = [
        {
            "id": new_id(),
            "order_id": order.id,
            "user_id": order.user_id,
            "account_id": order.account_id,
            "venue": order.venue,
            "trade_id": f"{trade_key}{fill.trade_id}",
            "symbol": fill.symbol,
            "side": fill.side.value,
            "price": fill.price,
            "qty": fill.qty,
            "fee": fill.fee,
            "fee_currency": fill.fee_currency,
            "liquidity": fill.liquidity.value,
            "executed_at": fill.timestamp,
        }
        for fill in fills
    ]
    connection = await session.connection()
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    table = FillRecord.__table__  # type: ignore[attr-defined]
    inserted = 0
    for row in rows:  # one statement per fill: rowcount then says whether it was new
        statement = (
            insert(table)
            .values(row)
            .on_conflict_do_nothing(index_elements=["account_id", "trade_id"])
        )
        result = await connection.execute(statement)
        inserted += max(0, result.rowcount or 0)
    return inserted


async def save_balances(
    session: AsyncSession, user_id: str, account_id: str, balances: dict[str, Balance]
) -> None:
    """Upsert the account's balances (the sim venue is restored from them at start-up).

    One INSERT … ON CONFLICT per currency: two orders settling on one account at the same
    moment may both see a currency for the first time, and a read-then-insert would let the
    second fail on the (account, currency) unique key."""
    if not balances:
        return
    connection = await session.connection()
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    table = BalanceRecord.__table__  # type: ignore[attr-defined]
    now = utcnow()
    for currency, balance in sorted(balances.items()):  # one lock order for every writer
        statement = insert(table).values(
            id=new_id(),
            user_id=user_id,
            account_id=account_id,
            currency=currency,
            free=balance.free,
            used=balance.used,
            updated_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["account_id", "currency"],
            set_={
                "free": statement.excluded.free,
                "used": statement.excluded.used,
                "updated_at": statement.excluded.updated_at,
            },
        )
        await connection.execute(statement)


async def orders_by_client_id(
    session: AsyncSession, account_id: str, client_order_ids: Sequence[str]
) -> dict[str, Order]:
    if not client_order_ids:
        return {}
    found = await session.exec(
        select(Order)
        .where(
            col(Order.account_id) == account_id,
            col(Order.client_order_id).in_(list(client_order_ids)),
        )
        .order_by(col(Order.id))  # one lock order for every writer
        .with_for_update()  # writers read-modify-write: the latest venue state must win
    )
    return {o.client_order_id: o for o in found.all()}
