"""Accounts' orders on the simulated venue: placing, cancelling, looking up, and settling fills.

Everything that trades goes through `settle`, whoever the taker is (an account, a market maker
or a noise taker), so an account's resting order is filled the same way whatever hits it.
Order and fill changes are collected per account until the venue's next step drains them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal

from engine.exchanges.errors import (
    AuthenticationError,
    BadRequest,
    BadSymbol,
    DuplicateClientOrderId,
    InvalidOrder,
    OrderNotFound,
)
from engine.market.models import Side
from engine.market.sim.accounts import Account, UserOrder, reserve_rate
from engine.market.sim.clock import SimClock
from engine.market.sim.events import AccountEvents
from engine.market.sim.matching import SubmitResult, ValidOrder
from engine.market.sim.order_book import Execution
from engine.market.sim.symbol_market import SymbolMarket
from engine.trading.models import (
    ExchangeOrder,
    Fill,
    Liquidity,
    OrderRequest,
    OrderStatus,
)

SELF_TRADE_PREVENTION = "cancelled by self-trade prevention"
WOULD_TRIGGER_NOW = "stop-limit order would trigger immediately"


class OrderDesk:
    def __init__(
        self, markets: Mapping[str, SymbolMarket], clock: SimClock, order_numbers: Iterator[int]
    ) -> None:
        self._markets = markets
        self._clock = clock
        self._order_numbers = order_numbers
        self.accounts: dict[str, Account] = {}
        self._resting: dict[int, UserOrder] = {}  # order_no -> accounts' orders in a book
        # symbol -> order_no -> untriggered stop-limit orders with their (LIMIT) book order
        self._stops: dict[str, dict[int, tuple[UserOrder, ValidOrder]]] = {}
        self._changed: dict[str, dict[str, UserOrder]] = {}
        self._new_fills: dict[str, list[Fill]] = {}

    # -- accounts ------------------------------------------------------------------------
    def open_account(self, account_id: str, balances: Mapping[str, Decimal]) -> Account:
        """Create an account with `balances`; an existing account is returned unchanged."""
        account = self.accounts.get(account_id)
        if account is None:
            account = self.accounts[account_id] = Account(account_id, balances)
        return account

    def account(self, account_id: str) -> Account:
        try:
            return self.accounts[account_id]
        except KeyError:
            raise AuthenticationError(f"no simulated account {account_id!r}") from None

    def market(self, symbol: str) -> SymbolMarket:
        try:
            return self._markets[symbol]
        except KeyError:
            raise BadSymbol(f"unknown symbol {symbol!r}") from None

    # -- orders --------------------------------------------------------------------------
    def create(self, account_id: str, request: OrderRequest) -> ExchangeOrder:
        account = self.account(account_id)
        sm = self.market(request.symbol)
        existing = account.by_client_id.get(request.client_order_id)
        if existing is not None:
            if existing.request == request:
                return existing.view()
            raise DuplicateClientOrderId(
                f"client order id {request.client_order_id!r} is already used by order "
                f"{existing.id} with different parameters"
            )
        engine = sm.engine
        is_buy = request.side is Side.BUY
        opposite = engine.best_ask() if is_buy else engine.best_bid()
        valid = engine.validate(request, opposite if opposite is not None else sm.last_price())
        if valid.trigger is not None:
            last = sm.candles.last_price
            if (valid.trigger <= last) if is_buy else (valid.trigger >= last):
                raise InvalidOrder(
                    f"{WOULD_TRIGGER_NOW}: a {request.side} stop at {request.trigger_price} "
                    f"is {'at or below' if is_buy else 'at or above'} the last price "
                    f"{sm.last_price()}"
                )
        if not is_buy:
            reserve = request.qty
        elif request.type.has_limit_price and request.price is not None:
            reserve = request.qty * request.price * (1 + reserve_rate(sm.market))
        else:
            _, cost = engine.book.sweep_cost(True, valid.lots, skip_owner=account_id)
            scale = sm.market.price_tick * sm.market.qty_step
            reserve = cost * scale * (1 + sm.market.taker_fee)

        now = self._clock.now
        order = UserOrder(next(self._order_numbers), account_id, request, sm.market, now)
        account.add_order(order, reserve)
        if valid.trigger is not None:
            order.status = OrderStatus.UNTRIGGERED
            self._stops.setdefault(sm.symbol, {})[order.order_no] = (order, valid)
            self._touch(order)
            return order.view()
        self._submit(sm, order, valid)
        return order.view()

    def _submit(self, sm: SymbolMarket, order: UserOrder, valid: ValidOrder) -> None:
        """Match an account's order (a new one, or a stop that just triggered) and settle it."""
        account = self.account(order.account_id)
        now = self._clock.now
        result = sm.engine.submit(valid, owner=order.account_id, order_no=order.order_no)
        if result.status is OrderStatus.REJECTED:
            account.finish(order, OrderStatus.REJECTED, now, result.reject_reason)
        else:
            self.settle(sm, result, taker=order)
            if result.resting is not None:
                self._resting[order.order_no] = order
            elif not order.status.is_final:
                account.finish(order, OrderStatus.EXPIRED, now)
        self._touch(order)

    def trigger_stops(self, sm: SymbolMarket) -> int:
        """Turn `sm`'s stop-limit orders whose trigger traded into limit orders; returns how many.

        Deterministic: checked once per venue step against every trade printed since the last
        step (a buy stop triggers when a trade is at or above its trigger, a sell stop at or
        below), in placement order; trades a triggered order prints can trigger further stops
        in the same step."""
        stops = self._stops.get(sm.symbol)
        triggered = 0
        while stops and sm.pending_trades:
            high = max(trade.price for trade in sm.pending_trades)
            low = min(trade.price for trade in sm.pending_trades)
            due = [
                order_no
                for order_no, (order, _) in sorted(stops.items())
                if order.request.trigger_price is not None
                and (
                    high >= order.request.trigger_price
                    if order.request.side is Side.BUY
                    else low <= order.request.trigger_price
                )
            ]
            if not due:
                break
            for order_no in due:
                order, valid = stops.pop(order_no)
                order.status = OrderStatus.OPEN
                order.updated_at = self._clock.now
                self._submit(sm, order, valid)
                triggered += 1
        return triggered

    def cancel(
        self,
        account_id: str,
        symbol: str,
        order_id: str | None = None,
        client_order_id: str | None = None,
    ) -> ExchangeOrder:
        order = self._find(account_id, symbol, order_id, client_order_id)
        if not order.status.is_final:
            self.market(symbol).engine.cancel(order.order_no)
            self._resting.pop(order.order_no, None)
            self._stops.get(symbol, {}).pop(order.order_no, None)
            self.account(account_id).finish(order, OrderStatus.CANCELED, self._clock.now)
            self._touch(order)
        return order.view()

    def fetch(
        self,
        account_id: str,
        symbol: str,
        order_id: str | None = None,
        client_order_id: str | None = None,
    ) -> ExchangeOrder:
        return self._find(account_id, symbol, order_id, client_order_id).view()

    def open_orders(self, account_id: str, symbol: str | None = None) -> list[ExchangeOrder]:
        if symbol is not None:
            self.market(symbol)
        orders = self.account(account_id).open_orders.values()
        return [o.view() for o in orders if symbol is None or o.request.symbol == symbol]

    def my_trades(
        self, account_id: str, symbol: str | None = None, since: datetime | None = None
    ) -> list[Fill]:
        if symbol is not None:
            self.market(symbol)
        return [
            fill
            for fill in self.account(account_id).fills
            if (symbol is None or fill.symbol == symbol)
            and (since is None or fill.timestamp >= since)
        ]

    def _find(
        self, account_id: str, symbol: str, order_id: str | None, client_order_id: str | None
    ) -> UserOrder:
        account = self.account(account_id)
        self.market(symbol)
        if order_id is None and client_order_id is None:
            raise BadRequest("give an order_id or a client_order_id")
        order = (
            account.orders.get(order_id)
            if order_id is not None
            else account.by_client_id.get(client_order_id or "")
        )
        if (
            order is None
            or order.request.symbol != symbol
            or (client_order_id is not None and order.request.client_order_id != client_order_id)
        ):
            wanted = order_id if order_id is not None else client_order_id
            raise OrderNotFound(f"no {symbol} order {wanted!r} on account {account_id!r}")
        return order

    # -- settlement ----------------------------------------------------------------------
    def settle(
        self, sm: SymbolMarket, result: SubmitResult, taker: UserOrder | None = None
    ) -> None:
        """Print a submit's executions and settle the accounts on either side of them."""
        clock = self._clock
        if result.executions:
            trades = sm.print_trades(result.executions, clock.ms, clock.now)
            for execution, trade in zip(result.executions, trades, strict=True):
                maker = execution.maker
                if maker.owner is not None:
                    self._fill(
                        sm, self._resting[maker.order_no], execution, trade.id, Liquidity.MAKER
                    )
                    if maker.remaining == 0:
                        del self._resting[maker.order_no]
                if taker is not None:
                    self._fill(sm, taker, execution, trade.id, Liquidity.TAKER)
        for cancelled in result.self_trade_cancelled:
            order = self._resting.pop(cancelled.order_no)
            self.account(order.account_id).finish(
                order, OrderStatus.EXPIRED, clock.now, SELF_TRADE_PREVENTION
            )
            self._touch(order)

    def _fill(
        self,
        sm: SymbolMarket,
        order: UserOrder,
        execution: Execution,
        trade_id: str,
        liquidity: Liquidity,
    ) -> None:
        engine = sm.engine
        fill = self.account(order.account_id).settle_fill(
            order,
            engine.price(execution.price),
            engine.qty(execution.lots),
            engine.fee(execution.price, execution.lots, liquidity),
            liquidity,
            trade_id,
            self._clock.now,
        )
        self._new_fills.setdefault(order.account_id, []).append(fill)
        self._touch(order)

    def _touch(self, order: UserOrder) -> None:
        self._changed.setdefault(order.account_id, {})[order.id] = order

    def drain_events(self) -> dict[str, AccountEvents]:
        if not self._changed and not self._new_fills:
            return {}
        changed, self._changed = self._changed, {}
        fills, self._new_fills = self._new_fills, {}
        return {
            account_id: AccountEvents(
                orders=[o.view() for o in changed.get(account_id, {}).values()],
                fills=fills.get(account_id, []),
            )
            for account_id in sorted(changed.keys() | fills.keys())
        }
