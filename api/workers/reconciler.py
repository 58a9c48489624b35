"""Resolves every non-final order against its venue, by client order id.

Runs once at start-up (before the app serves requests) and then on a timer. What it decides
when the venue does not know an order:

- `pending_submit` or `unknown`: the venue never accepted it (we never re-send, so it never will):
  `rejected`, with the reason. On the timer only orders older than `grace` are judged, so an
  order whose submit is still in flight is left alone.
- `open` / `partially_filled`: the venue dropped it (the in-memory sim venue after a restart,
  or a live venue's expiry): `canceled`, with the reason. Fills it had are kept.

Fills are read with fetch_my_trades and inserted once (unique per account and trade id).
An account whose reconciliation fails (venue unreachable ...) cannot place orders until a later
run succeeds (ACCOUNT_NOT_RECONCILED); cancelling stays allowed.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlmodel import col, select

from api.db.models import ExchangeAccount, Order, utcnow
from api.errors import ApiError
from api.services.orders import OrderService
from api.services.orders.records import finish, orders_by_client_id
from engine.exchanges.errors import ExchangeError, OrderNotFound
from engine.exchanges.protocol import Exchange
from engine.trading.models import ExchangeOrder, Fill, OrderStatus

log = logging.getLogger(__name__)

NON_FINAL = [s.value for s in OrderStatus if not s.is_final]
UNSENT = {OrderStatus.PENDING_SUBMIT.value, OrderStatus.UNKNOWN.value}
NEVER_ACCEPTED = "the venue has no order with this client order id: it was never placed"
DROPPED = "the venue no longer knows this order"
INTERVAL_S = 10.0
GRACE = timedelta(seconds=30)


class Reconciler:
    def __init__(self, orders: OrderService, interval_s: float = INTERVAL_S) -> None:
        self.orders = orders
        self.interval_s = interval_s

    async def reconcile(self, grace: timedelta = GRACE) -> int:
        """Resolve non-final orders; returns how many changed. Venue errors leave orders as
        they are (logged) for the next run."""
        db = self.orders.db
        cutoff = utcnow() - grace
        async with db.session() as session:
            rows = (
                await session.exec(
                    select(Order, ExchangeAccount)
                    .join(ExchangeAccount, col(ExchangeAccount.id) == Order.account_id)
                    .where(col(Order.status).in_(NON_FINAL))
                    .order_by(col(Order.created_at))
                )
            ).all()
        by_account: dict[str, tuple[ExchangeAccount, list[Order]]] = {}
        for order, account in rows:
            if order.status in UNSENT and order.updated_at > cutoff:
                continue  # its submit may still be in flight
            by_account.setdefault(account.id, (account, []))[1].append(order)
        for account_id in list(self.orders.unreconciled):
            if account_id not in by_account:  # nothing left in doubt there
                del self.orders.unreconciled[account_id]
        changed = 0
        for account, orders in by_account.values():
            try:
                changed += await self._reconcile_account(account, orders)
            except (ExchangeError, ApiError) as exc:  # venue down, or not connected (yet)
                log.warning("reconciling account %s failed, retrying later: %s", account.id, exc)
                self.orders.unreconciled[account.id] = getattr(exc, "code", "EXCHANGE_ERROR")
            else:
                self.orders.unreconciled.pop(account.id, None)
        return changed

    async def _reconcile_account(self, account: ExchangeAccount, orders: list[Order]) -> int:
        service = self.orders
        exchange = service.venues.account_exchange(account)
        seen: list[ExchangeOrder] = []
        missing: list[Order] = []
        for order in orders:
            found = await _fetch(exchange, order)
            if found is None:
                missing.append(order)
            else:
                seen.append(found)
        fills: list[Fill] = []
        # Per symbol: venues like binance have no account-wide trade history call.
        for symbol in sorted({o.symbol for o in orders}):
            fills += await exchange.fetch_my_trades(symbol)
        async with service.db.session() as session:
            changed = await service.recorder.record_account_state(
                session, account.id, seen, fills, account.venue
            )
            stored = await orders_by_client_id(
                session, account.id, [o.client_order_id for o in missing]
            )
            for order in stored.values():
                session.add(order)
                if order.status in UNSENT:
                    finish(order, OrderStatus.REJECTED, NEVER_ACCEPTED)
                else:
                    finish(order, OrderStatus.CANCELED, DROPPED)
                changed.append(order)
            await session.commit()
        await service.recorder.publish(changed)
        return len(changed)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await self.reconcile()
            except Exception:  # keep the timer alive; the next run retries
                log.exception("reconciliation failed")


async def _fetch(exchange: Exchange, order: Order) -> ExchangeOrder | None:
    """The venue's view of `order` by client order id; None when the venue has no such order."""
    try:
        return await exchange.fetch_order(order.symbol, client_order_id=order.client_order_id)
    except OrderNotFound:
        return None
