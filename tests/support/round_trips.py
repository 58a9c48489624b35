"""Recorded trades for P&L tests: rows as the order and fill recorders write them."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from api.db.database import Database
from api.db.models import FillRecord, Order


async def record_round_trip(
    db: Database, user_id: str, account_id: str, *, tag: str, gain: str, at: datetime
) -> None:
    """A filled market buy of 1 ETH/USDT at 1000 and sell at 1000 + `gain` (no fees) on the
    account, a second apart from `at`: the user's realised P&L moves by `gain`. Order and trade
    ids are `{tag}-buy` / `{tag}-sell`."""
    async with db.session() as session:
        legs = (("buy", Decimal(1000), 0), ("sell", Decimal(1000) + Decimal(gain), 1))
        for side, price, second in legs:
            order = Order(
                user_id=user_id,
                account_id=account_id,
                venue="sim",
                symbol="ETH/USDT",
                client_order_id=f"{tag}-{side}",
                side=side,
                type="market",
                time_in_force="ioc",
                qty=Decimal(1),
                filled_qty=Decimal(1),
                avg_fill_price=price,
                fee_paid=Decimal(0),
                status="filled",
            )
            session.add(order)
            await session.flush()
            session.add(
                FillRecord(
                    order_id=order.id,
                    user_id=user_id,
                    account_id=account_id,
                    venue="sim",
                    trade_id=f"{tag}-{side}",
                    symbol="ETH/USDT",
                    side=side,
                    price=price,
                    qty=Decimal(1),
                    fee=Decimal(0),
                    fee_currency="USDT",
                    liquidity="taker",
                    executed_at=at + timedelta(seconds=second),
                )
            )
        await session.commit()
