"""One symbol's limit order book in integer ticks and lots, with price-time priority.

Every change to a level's total bumps `seq`. `take_delta` reports, for the levels touched since
the previous delta, their absolute new totals (0 = gone), so applying a delta to a snapshot taken
anywhere in ``[prev_seq, seq]`` yields the book at `seq`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import NamedTuple

Level = tuple[int, int]  # (price in ticks, total lots)


class RestingOrder:
    """An order resting in the book; `owner` is an account id, None for the venue's own flow."""

    __slots__ = ("is_buy", "order_no", "original", "owner", "price", "remaining")

    def __init__(self, order_no: int, owner: str | None, is_buy: bool, price: int, lots: int):
        self.order_no = order_no
        self.owner = owner
        self.is_buy = is_buy
        self.price = price
        self.remaining = lots
        self.original = lots


class Execution(NamedTuple):
    maker: RestingOrder  # its `remaining` is already reduced by `lots`
    price: int
    lots: int


class BookDelta(NamedTuple):
    prev_seq: int
    seq: int
    bids: list[Level]  # best first
    asks: list[Level]


class _Side:
    """One side's levels; `prices` ascending (best bid is last, best ask first)."""

    __slots__ = ("dirty", "orders", "prices", "published", "totals")

    def __init__(self) -> None:
        self.orders: dict[int, dict[int, RestingOrder]] = {}  # price -> {order_no: order}
        self.totals: dict[int, int] = {}
        self.prices: list[int] = []
        self.dirty: set[int] = set()  # prices changed since the last delta
        self.published: dict[int, int] = {}  # totals as of the last delta

    def changes(self) -> list[Level]:
        changed: list[Level] = []
        totals, published = self.totals, self.published
        for price in sorted(self.dirty):
            now = totals.get(price, 0)
            if now != published.get(price, 0):
                changed.append((price, now))
                if now:
                    published[price] = now
                else:
                    del published[price]
        self.dirty.clear()
        return changed


class OrderBook:
    def __init__(self) -> None:
        self._bids = _Side()
        self._asks = _Side()
        self._orders: dict[int, RestingOrder] = {}
        self.seq = 0
        self._delta_seq = 0

    # -- queries -------------------------------------------------------------------------
    def best_bid(self) -> int | None:
        prices = self._bids.prices
        return prices[-1] if prices else None

    def best_ask(self) -> int | None:
        prices = self._asks.prices
        return prices[0] if prices else None

    def get(self, order_no: int) -> RestingOrder | None:
        return self._orders.get(order_no)

    def __len__(self) -> int:
        return len(self._orders)

    def would_cross(self, is_buy: bool, price: int) -> bool:
        if is_buy:
            best = self.best_ask()
            return best is not None and best <= price
        best = self.best_bid()
        return best is not None and best >= price

    def levels(self, is_buy: bool, depth: int | None = None) -> list[Level]:
        """Aggregated levels of one side, best first."""
        side = self._bids if is_buy else self._asks
        prices = side.prices[::-1] if is_buy else side.prices
        if depth is not None:
            prices = prices[:depth]
        totals = side.totals
        return [(p, totals[p]) for p in prices]

    def queue(self, is_buy: bool, price: int) -> list[RestingOrder]:
        """Orders at one price, in time priority."""
        side = self._bids if is_buy else self._asks
        return list(side.orders.get(price, {}).values())

    def sweep_cost(self, is_buy: bool, lots: int, skip_owner: str | None = None) -> tuple[int, int]:
        """(lots available, sum of ticks*lots) that a taker on `is_buy`'s side would get."""
        side = self._asks if is_buy else self._bids
        prices = side.prices if is_buy else side.prices[::-1]
        got = cost = 0
        for price in prices:
            for order in side.orders[price].values():
                if skip_owner is not None and order.owner == skip_owner:
                    continue
                take = min(lots - got, order.remaining)
                got += take
                cost += take * price
                if got == lots:
                    return got, cost
        return got, cost

    # -- changes -------------------------------------------------------------------------
    def add(self, order: RestingOrder) -> None:
        if order.remaining <= 0:
            raise ValueError("a resting order needs a positive quantity")
        side = self._bids if order.is_buy else self._asks
        price = order.price
        level = side.orders.get(price)
        if level is None:
            side.orders[price] = level = {}
            side.totals[price] = 0
            insort(side.prices, price)
        level[order.order_no] = order
        side.totals[price] += order.remaining
        self._orders[order.order_no] = order
        side.dirty.add(price)
        self.seq += 1

    def remove(self, order_no: int) -> RestingOrder | None:
        order = self._orders.get(order_no)
        if order is not None:
            self._reduce(order, order.remaining, remove=True)
        return order

    def take(
        self, is_buy: bool, limit: int | None, lots: int, owner: str | None = None
    ) -> tuple[list[Execution], list[RestingOrder]]:
        """Match a taker against the opposite side, best price first, then oldest first.

        Resting orders of the taker's own account are removed instead of traded against
        (self-trade prevention); they come back as the second element.
        """
        side = self._asks if is_buy else self._bids
        prices = side.prices
        executions: list[Execution] = []
        self_trades: list[RestingOrder] = []
        while lots > 0 and prices:
            best = prices[0] if is_buy else prices[-1]
            if limit is not None and (best > limit if is_buy else best < limit):
                break
            level = side.orders[best]
            while lots > 0 and level:
                order = next(iter(level.values()))
                if owner is not None and order.owner == owner:
                    self._reduce(order, order.remaining, remove=True)
                    self_trades.append(order)
                    continue
                take = min(lots, order.remaining)
                lots -= take
                self._reduce(order, take, remove=take == order.remaining)
                executions.append(Execution(order, best, take))
        return executions, self_trades

    def _reduce(self, order: RestingOrder, lots: int, remove: bool) -> None:
        side = self._bids if order.is_buy else self._asks
        price = order.price
        order.remaining -= lots
        side.totals[price] -= lots
        if remove:
            level = side.orders[price]
            del level[order.order_no]
            del self._orders[order.order_no]
            if not level:
                del side.orders[price]
                del side.totals[price]
                del side.prices[bisect_left(side.prices, price)]
        side.dirty.add(price)
        self.seq += 1

    # -- L2 deltas -----------------------------------------------------------------------
    def take_delta(self) -> BookDelta | None:
        """Levels changed since the previous delta; None when the book has not changed."""
        if self.seq == self._delta_seq:
            return None
        bids = self._bids.changes()
        bids.reverse()
        delta = BookDelta(self._delta_seq, self.seq, bids, self._asks.changes())
        self._delta_seq = self.seq
        return delta
