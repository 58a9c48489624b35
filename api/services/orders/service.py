"""Placing and cancelling orders, and recording what the venue reports about them.

Placing: validate (nothing is stored on failure), write the row `pending_submit` and COMMIT,
then send it once with its client order id. A network failure after sending leaves the row
`unknown`; the Reconciler (api/workers/reconciler.py) resolves it. Never re-sent from here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.bus import Bus, BusUnavailable
from api.db.database import Database
from api.db.models import ExchangeAccount, FillRecord, Order, new_id
from api.errors import Conflict, NotFound
from api.services.accounts import Principal
from api.services.orders import validation
from api.services.orders.pages import Page, check_first, decode_cursor, encode_cursor
from api.services.orders.records import (
    apply_venue_order,
    finish,
    insert_fills,
    orders_by_client_id,
    orders_topic,
    save_balances,
)
from api.services.venues import SIM, VenueRegistry
from engine.exchanges.errors import ExchangeError, NetworkError
from engine.exchanges.protocol import Exchange
from engine.market.models import Side
from engine.market.sim.events import AccountEvents
from engine.trading.models import (
    ExchangeOrder,
    Fill,
    OrderRequest,
    OrderStatus,
    OrderType,
    TimeInForce,
)

log = logging.getLogger(__name__)

OPEN_STATUSES = (OrderStatus.OPEN.value, OrderStatus.PARTIALLY_FILLED.value)


@dataclass(frozen=True)
class PlaceOrder:
    account_id: str
    symbol: str
    side: Side
    type: OrderType
    qty: Decimal
    price: Decimal | None = None
    time_in_force: TimeInForce = TimeInForce.GTC
    client_order_id: str | None = None  # the idempotency key; generated when absent
    source: str = "api"  # api, bot, alert, copy, push

    def same_as(self, order: Order) -> bool:
        return (
            order.symbol == self.symbol
            and order.side == self.side.value
            and order.type == self.type.value
            and order.time_in_force == self.time_in_force.value
            and order.qty == self.qty
            and order.price == self.price
        )


OrderPage = Page[Order]


class OrderService:
    def __init__(self, db: Database, venues: VenueRegistry, bus: Bus) -> None:
        self.db = db
        self.venues = venues
        self.bus = bus

    # -- placing -------------------------------------------------------------------------
    async def place_order(self, principal: Principal, request: PlaceOrder) -> Order:
        """The order as stored after one submit attempt (its status may be `unknown`)."""
        user_id = principal.user_id
        if request.client_order_id is not None:
            validation.check_client_order_id(request.client_order_id)
        account = await self._account(user_id, request.account_id)
        if request.client_order_id is not None:
            existing = await self._by_client_id(account.id, request.client_order_id)
            if existing is not None:
                return self._replay(existing, request)
        exchange = self.venues.account_exchange(account)
        await self._validate(exchange, request)
        order = Order(
            user_id=user_id,
            account_id=account.id,
            venue=account.venue,
            symbol=request.symbol,
            client_order_id=request.client_order_id or new_id(),
            side=request.side.value,
            type=request.type.value,
            time_in_force=request.time_in_force.value,
            qty=request.qty,
            price=request.price,
            status=OrderStatus.PENDING_SUBMIT.value,
            source=request.source,
        )
        async with self.db.session() as session:
            session.add(order)
            try:
                await session.commit()  # stored before any venue call: a crash leaves a trace
            except IntegrityError:  # a concurrent request with the same client order id won
                await session.rollback()
                existing = await self._by_client_id(account.id, order.client_order_id)
                if existing is None:
                    raise
                return self._replay(existing, request)
        await self._submit(exchange, order, request)
        return order

    def _replay(self, existing: Order, request: PlaceOrder) -> Order:
        if request.same_as(existing):
            return existing
        raise Conflict(
            "clientOrderId is already used by an order with different parameters",
            field="clientOrderId",
            orderId=existing.id,
        )

    async def _validate(self, exchange: Exchange, request: PlaceOrder) -> None:
        markets = await exchange.load_markets()
        market = markets.get(request.symbol)
        if market is None:
            raise NotFound(f"unknown symbol {request.symbol!r}", field="symbol")
        ticker = await exchange.fetch_ticker(request.symbol)
        reference = (ticker.ask if request.side is Side.BUY else ticker.bid) or ticker.last
        validation.check_rules(
            market,
            request.side,
            request.type,
            request.time_in_force,
            request.qty,
            request.price,
            reference,
        )
        currency, needed = validation.required_funds(
            market, request.side, request.qty, request.price, reference
        )
        validation.check_funds(await exchange.fetch_balance(), currency, needed)

    async def _submit(self, exchange: Exchange, order: Order, request: PlaceOrder) -> None:
        venue_request = OrderRequest(
            client_order_id=order.client_order_id,
            symbol=request.symbol,
            side=request.side,
            type=request.type,
            qty=request.qty,
            price=request.price,
            time_in_force=request.time_in_force,
        )
        async with self.db.session() as session:
            session.add(order)
            try:
                venue_order = await exchange.create_order(venue_request)
            except NetworkError as exc:
                # It may or may not have reached the venue: only reconciliation can tell.
                finish(order, OrderStatus.UNKNOWN, f"no answer from the venue: {exc}")
            except ExchangeError as exc:
                finish(order, OrderStatus.REJECTED, str(exc) or exc.code)
            else:
                apply_venue_order(order, venue_order)
            await self._save_balances(session, exchange, order.user_id, order.account_id)
            await session.commit()
        await self.publish([order])

    # -- cancelling ----------------------------------------------------------------------
    async def cancel_order(self, principal: Principal, order_id: str) -> Order:
        order = await self.order(principal.user_id, order_id)
        return await self._cancel(order)

    async def cancel_all_orders(
        self, principal: Principal, account_id: str | None = None, symbol: str | None = None
    ) -> list[Order]:
        query = select(Order).where(
            col(Order.user_id) == principal.user_id, col(Order.status).in_(OPEN_STATUSES)
        )
        if account_id is not None:
            await self._account(principal.user_id, account_id)
            query = query.where(col(Order.account_id) == account_id)
        if symbol is not None:
            query = query.where(col(Order.symbol) == symbol)
        async with self.db.session() as session:
            orders = list((await session.exec(query.order_by(col(Order.created_at)))).all())
        return [await self._cancel(order) for order in orders]

    async def _cancel(self, order: Order) -> Order:
        if OrderStatus(order.status).is_final:
            return order
        async with self.db.session() as session:
            account = await session.get(ExchangeAccount, order.account_id)
            if account is None:
                raise NotFound("no such order", field="id")
            exchange = self.venues.account_exchange(account)
            venue_order = await exchange.cancel_order(
                order.symbol, client_order_id=order.client_order_id
            )
            session.add(order)
            apply_venue_order(order, venue_order)
            await self._save_balances(session, exchange, order.user_id, order.account_id)
            await session.commit()
        await self.publish([order])
        return order

    # -- reading -------------------------------------------------------------------------
    async def order(self, user_id: str, order_id: str) -> Order:
        """One of the user's orders; NOT_FOUND for anyone else's."""
        async with self.db.session() as session:
            order = await session.get(Order, order_id)
        if order is None or order.user_id != user_id:
            raise NotFound("no such order", field="id")
        return order

    async def orders(
        self,
        user_id: str,
        *,
        status: Sequence[OrderStatus] | None = None,
        symbol: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Page[Order]:
        check_first(first)
        query = select(Order).where(col(Order.user_id) == user_id)
        if status:
            query = query.where(col(Order.status).in_([s.value for s in status]))
        if symbol is not None:
            query = query.where(col(Order.symbol) == symbol)
        if after is not None:
            at, id_ = decode_cursor(after)
            query = query.where(
                or_(
                    col(Order.created_at) < at,
                    and_(col(Order.created_at) == at, col(Order.id) < id_),
                )
            )
        query = query.order_by(col(Order.created_at).desc(), col(Order.id).desc())
        async with self.db.session() as session:
            rows = list((await session.exec(query.limit(first + 1))).all())
        return Page(
            rows[:first],
            [encode_cursor(o.created_at, o.id) for o in rows[:first]],
            len(rows) > first,
        )

    async def fills(
        self, user_id: str, *, symbol: str | None = None, first: int = 50, after: str | None = None
    ) -> Page[FillRecord]:
        check_first(first)
        query = select(FillRecord).where(col(FillRecord.user_id) == user_id)
        if symbol is not None:
            query = query.where(col(FillRecord.symbol) == symbol)
        if after is not None:
            at, id_ = decode_cursor(after)
            query = query.where(
                or_(
                    col(FillRecord.executed_at) < at,
                    and_(col(FillRecord.executed_at) == at, col(FillRecord.id) < id_),
                )
            )
        query = query.order_by(col(FillRecord.executed_at).desc(), col(FillRecord.id).desc())
        async with self.db.session() as session:
            rows = list((await session.exec(query.limit(first + 1))).all())
        return Page(
            rows[:first],
            [encode_cursor(f.executed_at, f.id) for f in rows[:first]],
            len(rows) > first,
        )

    # -- what the venue reports ----------------------------------------------------------
    async def record_sim_events(self, accounts: dict[str, AccountEvents]) -> None:
        await self.record_venue_events(SIM, accounts)

    async def record_venue_events(self, venue: str, accounts: dict[str, AccountEvents]) -> None:
        """Persist one venue step's order changes and fills (one transaction), then publish."""
        changed: list[Order] = []
        async with self.db.session() as session:
            for account_id, events in accounts.items():
                changed += await self.record_account_state(
                    session, account_id, events.orders, events.fills, venue
                )
            await session.commit()
        await self.publish(changed)

    async def record_account_state(
        self,
        session: AsyncSession,
        account_id: str,
        venue_orders: Sequence[ExchangeOrder],
        fills: Sequence[Fill],
        venue: str,
    ) -> list[Order]:
        """Apply venue orders and fills of one account to our rows; returns the changed orders.

        Orders and fills we did not place (unknown client order ids) are ignored.
        """
        ids = {o.client_order_id for o in venue_orders} | {f.client_order_id for f in fills}
        rows = await orders_by_client_id(session, account_id, sorted(ids))
        if not rows:
            return []
        prefix = self.venues.trade_key_prefix(venue)
        changed: dict[str, Order] = {}
        for fill in fills:
            order = rows.get(fill.client_order_id)
            if order is not None and await insert_fills(session, order, [fill], prefix):
                changed[order.id] = order
        for venue_order in venue_orders:
            order = rows.get(venue_order.client_order_id)
            if order is not None and apply_venue_order(order, venue_order):
                session.add(order)
                changed[order.id] = order
        account = await session.get(ExchangeAccount, account_id)
        if account is not None and changed:
            exchange = self.venues.account_exchange(account)
            await self._save_balances(session, exchange, account.user_id, account_id)
        return list(changed.values())

    async def _save_balances(
        self, session: AsyncSession, exchange: Exchange, user_id: str, account_id: str
    ) -> None:
        try:
            balances = await exchange.fetch_balance()
        except ExchangeError as exc:  # the next update or reconciliation saves them
            log.warning("could not read balances of account %s: %s", account_id, exc)
            return
        await save_balances(session, user_id, account_id, balances)

    async def publish(self, orders: Sequence[Order]) -> None:
        """Tell subscribers which orders changed (key: order id, so the latest state wins)."""
        try:
            for order in orders:
                await self.bus.publish(
                    orders_topic(order.user_id),
                    {"id": order.id, "status": order.status},
                    key=order.id,
                )
        except BusUnavailable as exc:  # the rows are stored; clients re-read on reconnect
            log.warning("bus unavailable, order updates not published: %s", exc)

    # -- helpers -------------------------------------------------------------------------
    async def _account(self, user_id: str, account_id: str) -> ExchangeAccount:
        async with self.db.session() as session:
            account = await session.get(ExchangeAccount, account_id)
        if account is None or account.user_id != user_id:
            raise NotFound("no such exchange account", field="accountId")
        return account

    async def _by_client_id(self, account_id: str, client_order_id: str) -> Order | None:
        async with self.db.session() as session:
            found = await orders_by_client_id(session, account_id, [client_order_id])
        return found.get(client_order_id)
