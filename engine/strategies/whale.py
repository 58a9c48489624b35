"""Whale tracker: spot large trades, large resting orders and large transfers; follow or fade.

Each detection is whale *flow*, bullish or bearish:

* a public trade whose notional is above `min_notional` and above median + `mad_k` * MAD of
  the previous `window` trades' notionals (robust to the fat-tailed size distribution; needs
  `MIN_SAMPLES` trades first): the taker's side gives the direction;
* a resting order in a book snapshot (best `book_levels` per side) above `min_notional` and
  `book_k` times the median level size of that snapshot: a bid wall is bullish, an ask wall
  bearish. It counts when its side had no wall in the previous snapshot (walls move with the
  makers' quotes, so they are tracked per side, not per price);
* a `WhaleTransfer` of the market's base asset of at least `transfer_min`: coins leaving
  exchanges are bullish, coins moving onto one bearish (`transfer_min` null: ignored).

`follow` buys on bullish flow and sells on bearish; `fade` the reverse (long only, spot).
After an entry no new entry comes for `cooldown_s` seconds. A position also exits on its stop
(`stop_pct` below entry), its take-profit and after `hold_s` seconds, checked on every event
that carries a price.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from statistics import median

from engine.market.models import Candle, Market, OrderBookSnapshot, Side, Trade
from engine.strategies.base import (
    Intent,
    Strategy,
    StrategyContext,
    TransferDirection,
    WhaleTransfer,
    price_of,
    require,
)
from engine.strategies.position import LongPosition, Phase
from engine.trading.models import Fill

HUNDRED = Decimal(100)
MIN_SAMPLES = 20
SIGHTINGS_KEPT = 100


class WhaleMode(StrEnum):
    FOLLOW = "follow"  # trade with the whales
    FADE = "fade"  # trade against them


@dataclass(frozen=True, slots=True)
class WhaleParams:
    quote_amount: Decimal  # quote currency spent per entry
    mode: WhaleMode = WhaleMode.FOLLOW
    min_notional: Decimal = Decimal(50_000)  # absolute floor of a whale trade / order, in quote
    window: int = 200  # trades in the rolling size distribution
    mad_k: Decimal = Decimal(8)
    book_levels: int = 10
    book_k: Decimal = Decimal(8)
    transfer_min: Decimal | None = None  # in base units; null: transfers ignored
    cooldown_s: int = 3600
    hold_s: int = 6 * 3600
    stop_pct: Decimal | None = Decimal(2)
    take_profit_pct: Decimal | None = None

    def validate(self, market: Market | None = None) -> None:
        require(self.quote_amount > 0, "quote_amount", f"must be positive, got {self.quote_amount}")
        require(
            self.min_notional >= 0, "min_notional", f"must be 0 or more, got {self.min_notional}"
        )
        require(
            self.window >= MIN_SAMPLES,
            "window",
            f"must be {MIN_SAMPLES} or more, got {self.window}",
        )
        require(self.mad_k > 0, "mad_k", f"must be positive, got {self.mad_k}")
        require(self.book_levels >= 2, "book_levels", f"must be 2 or more, got {self.book_levels}")
        require(self.book_k > 1, "book_k", f"must be above 1, got {self.book_k}")
        if self.transfer_min is not None:
            require(
                self.transfer_min > 0,
                "transfer_min",
                f"must be positive, got {self.transfer_min}",
            )
        require(self.cooldown_s >= 0, "cooldown_s", f"must be 0 or more, got {self.cooldown_s}")
        require(self.hold_s >= 1, "hold_s", f"must be 1 or more, got {self.hold_s}")
        for name, pct in (("stop_pct", self.stop_pct), ("take_profit_pct", self.take_profit_pct)):
            if pct is not None:
                require(0 < pct < HUNDRED, name, f"must be between 0 and 100, got {pct}")
        if market is not None:
            require(
                self.quote_amount >= market.min_notional,
                "quote_amount",
                f"is below the market minimum notional {market.min_notional}",
            )


@dataclass(frozen=True, slots=True)
class WhaleSighting:
    kind: str  # "trade", "book" or "transfer"
    bullish: bool
    size: Decimal  # notional in quote (trade, book) or amount in base (transfer)
    timestamp: datetime


# -- detection, shared by the strategy and the live whale feed (api/workers/whale_feed.py) --


def is_large_trade(
    sizes: Sequence[float], notional: float, min_notional: Decimal, mad_k: Decimal
) -> bool:
    """Whether a trade of `notional` is a whale's against the previous trades' `sizes`:
    above the absolute floor and above median + `mad_k` * MAD (needs MIN_SAMPLES sizes)."""
    if notional < float(min_notional) or len(sizes) < MIN_SAMPLES:
        return False
    med = median(sizes)
    mad = median(abs(x - med) for x in sizes)
    return notional > med + float(mad_k) * mad


@dataclass(frozen=True, slots=True)
class Wall:
    """The largest resting order of one side of a book that counts as a wall."""

    side: Side
    price: Decimal
    qty: Decimal

    @property
    def notional(self) -> Decimal:
        return self.price * self.qty


def book_walls(
    book: OrderBookSnapshot, levels: int, min_notional: Decimal, k: Decimal
) -> dict[Side, Wall]:
    """Per side, its largest level in the best `levels` whose notional is at least
    `min_notional` and whose size is above `k` times the median level size of the snapshot."""
    rows = [(Side.BUY, p, q) for p, q in book.bids[:levels]]
    rows += [(Side.SELL, p, q) for p, q in book.asks[:levels]]
    if len(rows) < 2:
        return {}
    typical = median(q for _, _, q in rows)
    walls: dict[Side, Wall] = {}
    for side, p, q in rows:
        if p * q >= min_notional and q > k * typical:
            best = walls.get(side)
            if best is None or p * q > best.notional:
                walls[side] = Wall(side, p, q)
    return walls


@dataclass(frozen=True, slots=True)
class WhaleFlow:
    """One detection of the live detector: a large trade (`side` = taker's) or a new wall."""

    kind: str  # "trade" or "wall"
    side: Side
    price: Decimal
    qty: Decimal
    timestamp: datetime
    ref: str  # the trade id, or the side of a wall

    @property
    def notional(self) -> Decimal:
        return self.price * self.qty


class WhaleDetector:
    """The strategy's detection rules over one symbol's trade and book streams, without
    trading: what the whale feed publishes. Same defaults as `WhaleParams`."""

    def __init__(
        self,
        symbol: str,
        *,
        min_notional: Decimal = Decimal(50_000),
        window: int = 200,
        mad_k: Decimal = Decimal(8),
        book_levels: int = 10,
        book_k: Decimal = Decimal(8),
    ) -> None:
        self.symbol = symbol
        self.min_notional = min_notional
        self.mad_k = mad_k
        self.book_levels = book_levels
        self.book_k = book_k
        self.sizes: deque[float] = deque(maxlen=max(window, MIN_SAMPLES))
        self.walls: dict[Side, Wall] = {}

    def on_trade(self, trade: Trade) -> WhaleFlow | None:
        if trade.symbol != self.symbol:
            return None
        notional = float(trade.price * trade.qty)
        large = is_large_trade(self.sizes, notional, self.min_notional, self.mad_k)
        self.sizes.append(notional)
        if not large:
            return None
        return WhaleFlow(
            "trade", trade.taker_side, trade.price, trade.qty, trade.timestamp, trade.id
        )

    def on_book(self, book: OrderBookSnapshot) -> list[WhaleFlow]:
        if book.symbol != self.symbol:
            return []
        walls = book_walls(book, self.book_levels, self.min_notional, self.book_k)
        new = [w for side, w in walls.items() if side not in self.walls]
        self.walls = walls
        return [
            WhaleFlow("wall", w.side, w.price, w.qty, book.timestamp, w.side.value)
            for w in sorted(new, key=lambda w: w.side.value)
        ]


class WhaleStrategy(Strategy):
    def __init__(self, params: WhaleParams, market: Market) -> None:
        params.validate(market)
        self.params = params
        self.market = market
        self.position = LongPosition("whale")
        self.sizes: deque[float] = deque(maxlen=params.window)
        self.walls: dict[Side, Decimal] = {}  # per side, the largest wall last seen
        self.last_entry: datetime | None = None
        self._last_price: Decimal | None = None  # the latest price any event showed
        # the latest detections, for inspection (bounded: the strategy is snapshotted whole)
        self.sightings: deque[WhaleSighting] = deque(maxlen=SIGHTINGS_KEPT)

    # -- detection -------------------------------------------------------------------------
    def on_trade(self, trade: Trade, ctx: StrategyContext) -> list[Intent]:
        if trade.symbol != self.market.symbol:
            return []
        notional = trade.price * trade.qty
        large = self._is_large_trade(float(notional))
        self.sizes.append(float(notional))
        intents = self._risk_exit(trade.price, trade.timestamp, ctx)
        if large and not intents:
            bullish = trade.taker_side is Side.BUY
            intents = self._react(WhaleSighting("trade", bullish, notional, trade.timestamp), ctx)
        return intents

    def on_book(self, book: OrderBookSnapshot, ctx: StrategyContext) -> list[Intent]:
        if book.symbol != self.market.symbol:
            return []
        walls = self._walls(book)
        # Makers requote as the price moves, so a wall is tracked per side, not per price:
        # it counts when a side that had none in the previous snapshot shows one.
        new = {side: wall for side, wall in walls.items() if side not in self.walls}
        self.walls = walls
        price = price_of(book)
        intents = [] if price is None else self._risk_exit(price, book.timestamp, ctx)
        for side in (Side.BUY, Side.SELL):
            if side in new and not intents:
                sighting = WhaleSighting("book", side is Side.BUY, new[side], book.timestamp)
                intents = self._react(sighting, ctx)
        return intents

    def on_whale_transfer(self, transfer: WhaleTransfer, ctx: StrategyContext) -> list[Intent]:
        limit = self.params.transfer_min
        if limit is None or transfer.asset != self.market.base or transfer.amount < limit:
            return []
        bullish = transfer.direction is TransferDirection.FROM_EXCHANGE
        return self._react(
            WhaleSighting("transfer", bullish, transfer.amount, transfer.timestamp), ctx
        )

    def _is_large_trade(self, notional: float) -> bool:
        p = self.params
        return is_large_trade(self.sizes, notional, p.min_notional, p.mad_k)

    def _walls(self, book: OrderBookSnapshot) -> dict[Side, Decimal]:
        """Per side, the notional of its largest wall in this snapshot."""
        p = self.params
        return {
            side: wall.notional
            for side, wall in book_walls(book, p.book_levels, p.min_notional, p.book_k).items()
        }

    # -- trading ---------------------------------------------------------------------------
    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        self.position.on_closed_candle(ctx.now)
        return self._risk_exit(candle.close, ctx.now, ctx)

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        self.position.on_fill(fill)
        return []

    def _react(self, sighting: WhaleSighting, ctx: StrategyContext) -> list[Intent]:
        self.sightings.append(sighting)
        buy = sighting.bullish == (self.params.mode is WhaleMode.FOLLOW)
        pos = self.position
        if not buy:
            return pos.exit(ctx, f"whale-{sighting.kind}")
        if pos.phase is not Phase.FLAT or self._cooling(sighting.timestamp):
            return []
        price = self._last_price
        if price is None:
            return []
        intents = pos.enter(ctx, price, self.params.quote_amount)
        if intents:
            self.last_entry = sighting.timestamp
        return intents

    def _cooling(self, now: datetime) -> bool:
        last = self.last_entry
        return last is not None and now - last < timedelta(seconds=self.params.cooldown_s)

    def _risk_exit(self, price: Decimal, now: datetime, ctx: StrategyContext) -> list[Intent]:
        self._last_price = price
        pos, p = self.position, self.params
        if pos.phase is not Phase.LONG or pos.entry_price is None:
            return []
        entry = pos.entry_price
        if p.stop_pct is not None and price <= entry * (1 - p.stop_pct / HUNDRED):
            return pos.exit(ctx, "stop")
        if p.take_profit_pct is not None and price >= entry * (1 + p.take_profit_pct / HUNDRED):
            return pos.exit(ctx, "take_profit")
        opened = pos.entry_time
        if opened is not None and now - opened >= timedelta(seconds=p.hold_s):
            return pos.exit(ctx, "time")
        return []
