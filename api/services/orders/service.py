"""Placing, cancelling and reading orders (what venues report: recorder.py).

Placing: validate (nothing is stored on failure), write the row `pending_submit` and COMMIT,
then send it once with its client order id. A network failure after sending leaves the row
`unknown`; the Reconciler (api/workers/reconciler.py) resolves it. Never re-sent from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from api.bus import Bus
from api.db.database import Database
from api.db.models import ExchangeAccount, FillRecord, Order, new_id
from api.errors import ApiError, BadUserInput, Conflict, NotFound
from api.services.accounts import Principal
from api.services.orders import validation
from api.services.orders.pages import Page, newest_first_page
from api.services.orders.recorder import OrderRecorder
from api.services.orders.records import apply_venue_order, finish, orders_by_client_id
from api.services.venues import VenueRegistry
from engine.exchanges.errors import ExchangeError, NetworkError, OrderNotFound
from engine.exchanges.protocol import Exchange, supports_order_type
from engine.market.models import Market, Side
from engine.trading.models import (
    ExchangeOrder,
    OrderRequest,
    OrderStatus,
    OrderType,
    TimeInForce,
)

OPEN_STATUSES = (
    OrderStatus.UNTRIGGERED.value,
    OrderStatus.OPEN.value,
    OrderStatus.PARTIALLY_FILLED.value,
)
IN_DOUBT = (OrderStatus.PENDING_SUBMIT.value, OrderStatus.UNKNOWN.value)


class AccountNotReconciled(ApiError):
    """Placing is refused until the account's non-final orders are resolved with the venue."""

    code = "ACCOUNT_NOT_RECONCILED"


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
    # Size by quote amount instead ("buy 100 USDT of BTC"): the base qty is worked out from the
    # limit price (or the touch for market orders) when the order is placed; `qty` is ignored.
    quote_qty: Decimal | None = None
    trigger_price: Decimal | None = None  # STOP_LIMIT: the last price that turns it into a limit

    def same_as(self, order: Order) -> bool:
        size_matches = (
            order.quote_qty == self.quote_qty
            if self.quote_qty is not None
            else order.quote_qty is None and order.qty == self.qty
        )
        return (
            order.symbol == self.symbol
            and order.side == self.side.value
            and order.type == self.type.value
            and order.time_in_force == self.time_in_force.value
            and size_matches
            and order.price == self.price
            and order.trigger_price == self.trigger_price
        )


OrderPage = Page[Order]

# Orders a person asks for directly need their own step-up (or a trading grant); orders from a
# bot, alert or copy relationship were authorised when that was started or armed.
USER_SOURCES = frozenset({"api", "push"})


class OrderAuthorizer(Protocol):
    async def authorize_order(
        self,
        principal: Principal,
        action: dict[str, Any],
        assertion: str | None,
        *,
        notional: Decimal,
    ) -> object: ...


def order_action(account: ExchangeAccount, request: PlaceOrder) -> dict[str, Any]:
    """The step-up action an order is bound to (same fields the app sends to stepUpChallenge)."""
    return {
        "kind": "placeOrder",
        "account": account.id,
        "venue": account.venue,
        "symbol": request.symbol,
        "side": request.side.value,
        "type": request.type.value,
        "timeInForce": request.time_in_force.value,
        "qty": None if request.quote_qty is not None else request.qty,
        "amount": request.quote_qty,
        "price": request.price,
        # None (dropped from the canonical form) for every other type: older digests unchanged
        "triggerPrice": request.trigger_price,
    }


class OrderService:
    def __init__(
        self, db: Database, venues: VenueRegistry, bus: Bus, authorizer: OrderAuthorizer
    ) -> None:
        self.db = db
        self.venues = venues
        self.authorizer = authorizer
        self.recorder = OrderRecorder(db, venues, bus)
        # account id -> why its last reconciliation failed; set and cleared by the Reconciler.
        self.unreconciled: dict[str, str] = {}

    # -- placing -------------------------------------------------------------------------
    async def place_order(
        self, principal: Principal, request: PlaceOrder, step_up: str | None = None
    ) -> Order:
        """The order as stored after one submit attempt (its status may be `unknown`).

        Order of checks: an idempotent replay returns the stored order; then validation; then
        the step-up (so a rejected order does not use up the user's assertion); only then is
        anything written. `step_up` is the WebAuthn assertion JSON bound to this exact order."""
        user_id = principal.user_id
        if request.client_order_id is not None:
            validation.check_client_order_id(request.client_order_id)
        account = await self._account(user_id, request.account_id)
        if request.client_order_id is not None:
            existing = await self._by_client_id(account.id, request.client_order_id)
            if existing is not None:
                return self._replay(existing, request)
        if account.id in self.unreconciled:
            raise AccountNotReconciled(
                "this account's open orders could not be checked with the venue "
                f"({self.unreconciled[account.id]}); try again shortly",
                field="accountId",
            )
        exchange = self.venues.account_exchange(account)
        market, reference, last = await self._market_and_reference(exchange, request)
        if request.quote_qty is not None:
            request = _sized_by_quote(request, market, reference)
        await self._check(exchange, request, market, reference, last)
        if request.source in USER_SOURCES:
            await self.authorizer.authorize_order(
                principal,
                order_action(account, request),
                step_up,
                notional=request.qty * (request.price or reference),
            )
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
            quote_qty=request.quote_qty,
            price=request.price,
            trigger_price=request.trigger_price,
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
        return await self._submit(exchange, order, request)

    async def submit_stored(self, order_id: str) -> Order:
        """Send an order another path stored `pending_submit` (copy trading's batched fan-out,
        already validated and authorised there); any other status is returned unchanged."""
        async with self.db.session() as session:
            order = await session.get(Order, order_id)
            account = await session.get(ExchangeAccount, order.account_id) if order else None
        if order is None or account is None:
            raise NotFound("no such order", field="id")
        if order.status != OrderStatus.PENDING_SUBMIT.value:
            return order
        request = PlaceOrder(
            account_id=account.id,
            symbol=order.symbol,
            side=Side(order.side),
            type=OrderType(order.type),
            qty=order.qty,
            price=order.price,
            time_in_force=TimeInForce(order.time_in_force),
            client_order_id=order.client_order_id,
            source=order.source,
            trigger_price=order.trigger_price,
        )
        return await self._submit(self.venues.account_exchange(account), order, request)

    def _replay(self, existing: Order, request: PlaceOrder) -> Order:
        if request.same_as(existing):
            return existing
        raise Conflict(
            "clientOrderId is already used by an order with different parameters",
            field="clientOrderId",
            orderId=existing.id,
        )

    async def _market_and_reference(
        self, exchange: Exchange, request: PlaceOrder
    ) -> tuple[Market, Decimal, Decimal]:
        """The order's market, the price that values it when it has none of its own (the best
        opposite price; the last trade when that side is empty) and the last trade price."""
        markets = await exchange.load_markets()
        market = markets.get(request.symbol)
        if market is None:
            raise NotFound(f"unknown symbol {request.symbol!r}", field="symbol")
        ticker = await exchange.fetch_ticker(request.symbol)
        reference = (ticker.ask if request.side is Side.BUY else ticker.bid) or ticker.last
        return market, reference, ticker.last

    async def _check(
        self,
        exchange: Exchange,
        request: PlaceOrder,
        market: Market,
        reference: Decimal,
        last: Decimal,
    ) -> None:
        """The order against market rules, the venue's order types and the free funds."""
        validation.check_trigger(market, request.type, request.side, request.trigger_price, last)
        if request.type is OrderType.STOP_LIMIT and not supports_order_type(
            exchange, OrderType.STOP_LIMIT
        ):
            raise validation.StopOrdersUnsupported(
                f"{exchange.id} does not take stop-limit orders", field="type"
            )
        validation.check_rules(
            market,
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

    async def _submit(self, exchange: Exchange, order: Order, request: PlaceOrder) -> Order:
        venue_request = OrderRequest(
            client_order_id=order.client_order_id,
            symbol=request.symbol,
            side=request.side,
            type=request.type,
            qty=request.qty,
            price=request.price,
            time_in_force=request.time_in_force,
            trigger_price=request.trigger_price,
        )
        venue_order: ExchangeOrder | None = None
        outcome: tuple[OrderStatus, str] | None = None
        try:
            venue_order = await exchange.create_order(venue_request)
        except NetworkError as exc:
            # It may or may not have reached the venue: only reconciliation can tell.
            outcome = (OrderStatus.UNKNOWN, f"no answer from the venue: {exc}")
        except ExchangeError as exc:
            outcome = (OrderStatus.REJECTED, str(exc) or exc.code)
        async with self.db.session() as session:
            # The market feed may have recorded newer state meanwhile: apply onto the stored row.
            row = await _locked(session, order.id)
            if venue_order is not None:
                apply_venue_order(row, venue_order)
            elif outcome is not None and row.status == OrderStatus.PENDING_SUBMIT.value:
                finish(row, *outcome)
            await self.recorder.save_balances(session, exchange, row.user_id, row.account_id)
            await session.commit()
        await self.recorder.publish([row])
        return row

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
            try:
                venue_order = await exchange.cancel_order(
                    order.symbol, client_order_id=order.client_order_id
                )
            except OrderNotFound:
                if order.status not in IN_DOUBT:
                    raise
                raise Conflict(
                    "the venue does not know this order yet; reconciliation resolves it",
                    field="id",
                ) from None
            row = await _locked(session, order.id)
            apply_venue_order(row, venue_order)
            await self.recorder.save_balances(session, exchange, row.user_id, row.account_id)
            await session.commit()
        await self.recorder.publish([row])
        return row

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
        query = select(Order).where(col(Order.user_id) == user_id)
        if status:
            query = query.where(col(Order.status).in_([s.value for s in status]))
        if symbol is not None:
            query = query.where(col(Order.symbol) == symbol)
        return await newest_first_page(
            self.db, query, col(Order.created_at), col(Order.id), first, after
        )

    async def fills(
        self, user_id: str, *, symbol: str | None = None, first: int = 50, after: str | None = None
    ) -> Page[FillRecord]:
        query = select(FillRecord).where(col(FillRecord.user_id) == user_id)
        if symbol is not None:
            query = query.where(col(FillRecord.symbol) == symbol)
        return await newest_first_page(
            self.db, query, col(FillRecord.executed_at), col(FillRecord.id), first, after
        )

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


async def _locked(session: AsyncSession, order_id: str) -> Order:
    row = await session.get(Order, order_id, with_for_update=True)
    if row is None:  # deleted with its account meanwhile
        raise NotFound("no such order", field="id")
    return row


def _sized_by_quote(request: PlaceOrder, market: Market, reference: Decimal) -> PlaceOrder:
    """The request with its base qty worked out from `quote_qty`: at the limit price, or at
    the reference (touch) for a market order, rounded down to the lot step (never more than
    asked)."""
    quote_qty = request.quote_qty
    assert quote_qty is not None
    if not quote_qty.is_finite() or quote_qty <= 0:
        raise BadUserInput("quoteQty must be a positive number", field="quoteQty")
    price = request.price if request.price is not None else reference
    if price <= 0:
        raise BadUserInput("price must be a positive number", field="price")
    step = market.qty_step
    qty = (quote_qty / price / step).to_integral_value(rounding=ROUND_FLOOR) * step
    if qty < market.min_qty or qty <= 0:
        raise BadUserInput(
            f"{quote_qty} {market.quote} buys less than the minimum {market.min_qty} {market.base}",
            field="quoteQty",
        )
    return replace(request, qty=qty)
