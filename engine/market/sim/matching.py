"""Per-symbol matching engine: order validation, time in force, fees and L2 views.

Prices are integer ticks and quantities integer lots (qty steps) inside; `Decimal` only at the
boundary (`validate`, `fee`, `snapshot`, `take_delta`). Executions happen at the resting order's
price. Market orders, and the unfilled rest of IOC orders, expire; a post-only order that would
take liquidity is rejected, never repriced.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from engine.exchanges.errors import InvalidOrder
from engine.market.models import BookLevel, Market, OrderBookDelta, OrderBookSnapshot, Side
from engine.market.sim.order_book import Execution, Level, OrderBook, RestingOrder
from engine.trading.models import Liquidity, OrderRequest, OrderStatus, OrderType, TimeInForce

POST_ONLY_WOULD_TAKE = "post-only order would take liquidity"


@dataclass(frozen=True, slots=True)
class ValidOrder:
    """A checked order in book units."""

    side: Side
    type: OrderType
    time_in_force: TimeInForce
    price: int | None  # ticks; None for market orders
    lots: int
    trigger: int | None = None  # ticks; STOP_LIMIT orders only (their type here is LIMIT)


@dataclass(slots=True)
class SubmitResult:
    order_no: int
    status: OrderStatus  # OPEN / PARTIALLY_FILLED (resting), FILLED, EXPIRED or REJECTED
    executions: list[Execution] = field(default_factory=list)
    resting: RestingOrder | None = None
    self_trade_cancelled: list[RestingOrder] = field(default_factory=list)
    reject_reason: str | None = None

    @property
    def filled_lots(self) -> int:
        return sum(e.lots for e in self.executions)


class MatchingEngine:
    def __init__(self, market: Market, order_numbers: Iterator[int] | None = None) -> None:
        self.market = market
        self.book = OrderBook()
        self._order_numbers = order_numbers if order_numbers is not None else itertools.count(1)
        self._tick = market.price_tick
        self._step = market.qty_step

    # -- units ---------------------------------------------------------------------------
    def price(self, ticks: int) -> Decimal:
        return ticks * self._tick

    def qty(self, lots: int) -> Decimal:
        return lots * self._step

    def ticks(self, price: Decimal) -> int:
        """Ticks of a price on the tick grid; InvalidOrder otherwise."""
        ticks, rest = divmod(price, self._tick)
        if rest:
            raise InvalidOrder(
                f"price {price} is not a multiple of the {self.market.symbol} tick {self._tick}"
            )
        return int(ticks)

    def lots(self, qty: Decimal) -> int:
        lots, rest = divmod(qty, self._step)
        if rest:
            raise InvalidOrder(
                f"qty {qty} is not a multiple of the {self.market.symbol} step {self._step}"
            )
        return int(lots)

    def fee(self, ticks: int, lots: int, liquidity: Liquidity) -> Decimal:
        """Fee in quote currency for one execution."""
        rate = self.market.maker_fee if liquidity is Liquidity.MAKER else self.market.taker_fee
        return self.price(ticks) * self.qty(lots) * rate

    # -- validation ----------------------------------------------------------------------
    def validate(self, request: OrderRequest, reference_price: Decimal | None = None) -> ValidOrder:
        """Check an order against the market rules; InvalidOrder with the reason otherwise.

        `reference_price` values a market order for the minimum-notional check.
        """
        market = self.market
        if request.symbol != market.symbol:
            raise InvalidOrder(f"order for {request.symbol} sent to {market.symbol}")
        qty = request.qty
        if not qty.is_finite() or qty <= 0:
            raise InvalidOrder(f"qty must be a positive number, got {qty}")
        if qty < market.min_qty:
            raise InvalidOrder(f"qty {qty} is below the {market.symbol} minimum {market.min_qty}")
        lots = self.lots(qty)
        ticks: int | None = None
        trigger: int | None = None
        if request.type is OrderType.STOP_LIMIT:
            trigger_price = request.trigger_price
            if trigger_price is None:
                raise InvalidOrder("a stop-limit order needs a trigger price")
            if not trigger_price.is_finite() or trigger_price <= 0:
                raise InvalidOrder(f"trigger price must be a positive number, got {trigger_price}")
            trigger = self.ticks(trigger_price)
        elif request.trigger_price is not None:
            raise InvalidOrder(f"a {request.type} order takes no trigger price")
        if request.type.has_limit_price:
            price = request.price
            if price is None:
                raise InvalidOrder("a limit order needs a price")
            if not price.is_finite() or price <= 0:
                raise InvalidOrder(f"price must be a positive number, got {price}")
            ticks = self.ticks(price)
            notional: Decimal | None = qty * price
        else:
            if request.time_in_force is TimeInForce.POST_ONLY:
                raise InvalidOrder("a market order cannot be post-only")
            notional = None if reference_price is None else qty * reference_price
        if notional is not None and notional < market.min_notional:
            raise InvalidOrder(
                f"notional {notional} is below the {market.symbol} minimum {market.min_notional}"
            )
        type_ = OrderType.LIMIT if trigger is not None else request.type
        return ValidOrder(request.side, type_, request.time_in_force, ticks, lots, trigger)

    # -- orders --------------------------------------------------------------------------
    def submit(
        self, order: ValidOrder, owner: str | None = None, order_no: int | None = None
    ) -> SubmitResult:
        """Match a validated order; `order_no` defaults to the engine's next number."""
        is_buy = order.side is Side.BUY
        if order.type is OrderType.MARKET or order.price is None:
            return self.submit_market(is_buy, order.lots, owner, order_no)
        if order.time_in_force is TimeInForce.POST_ONLY and self.book.would_cross(
            is_buy, order.price
        ):
            if order_no is None:
                order_no = next(self._order_numbers)
            return SubmitResult(order_no, OrderStatus.REJECTED, reject_reason=POST_ONLY_WOULD_TAKE)
        rest = order.time_in_force is not TimeInForce.IOC
        return self.submit_limit(is_buy, order.price, order.lots, owner, rest, order_no)

    def submit_limit(
        self,
        is_buy: bool,
        price: int,
        lots: int,
        owner: str | None = None,
        rest: bool = True,
        order_no: int | None = None,
    ) -> SubmitResult:
        """Match up to `price`; the rest rests (GTC) or expires (IOC). No validation."""
        if order_no is None:
            order_no = next(self._order_numbers)
        executions, self_trades = self.book.take(is_buy, price, lots, owner)
        left = lots - sum(e.lots for e in executions)
        result = SubmitResult(order_no, OrderStatus.FILLED, executions, None, self_trades)
        if left == 0:
            return result
        if not rest:
            result.status = OrderStatus.EXPIRED
            return result
        resting = RestingOrder(order_no, owner, is_buy, price, left)
        self.book.add(resting)
        result.resting = resting
        result.status = OrderStatus.PARTIALLY_FILLED if executions else OrderStatus.OPEN
        return result

    def submit_market(
        self, is_buy: bool, lots: int, owner: str | None = None, order_no: int | None = None
    ) -> SubmitResult:
        """Match against any price; what the book cannot fill expires. No validation."""
        if order_no is None:
            order_no = next(self._order_numbers)
        executions, self_trades = self.book.take(is_buy, None, lots, owner)
        filled = sum(e.lots for e in executions)
        status = OrderStatus.FILLED if filled == lots else OrderStatus.EXPIRED
        return SubmitResult(order_no, status, executions, None, self_trades)

    def cancel(self, order_no: int) -> RestingOrder | None:
        return self.book.remove(order_no)

    # -- L2 ------------------------------------------------------------------------------
    def best_bid(self) -> Decimal | None:
        best = self.book.best_bid()
        return None if best is None else self.price(best)

    def best_ask(self) -> Decimal | None:
        best = self.book.best_ask()
        return None if best is None else self.price(best)

    def snapshot(self, timestamp: datetime, depth: int | None = 20) -> OrderBookSnapshot:
        return OrderBookSnapshot(
            symbol=self.market.symbol,
            seq=self.book.seq,
            bids=self._decimal_levels(self.book.levels(True, depth)),
            asks=self._decimal_levels(self.book.levels(False, depth)),
            timestamp=timestamp,
        )

    def take_delta(self, timestamp: datetime) -> OrderBookDelta | None:
        delta = self.book.take_delta()
        if delta is None:
            return None
        return OrderBookDelta(
            symbol=self.market.symbol,
            prev_seq=delta.prev_seq,
            seq=delta.seq,
            bids=self._decimal_levels(delta.bids),
            asks=self._decimal_levels(delta.asks),
            timestamp=timestamp,
        )

    def _decimal_levels(self, levels: list[Level]) -> list[BookLevel]:
        tick, step = self._tick, self._step
        return [(p * tick, q * step) for p, q in levels]
