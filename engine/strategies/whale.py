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
        if notional < float(self.params.min_notional) or len(self.sizes) < MIN_SAMPLES:
            return False
        med = median(self.sizes)
        mad = median(abs(x - med) for x in self.sizes)
        return notional > med + float(self.params.mad_k) * mad

    def _walls(self, book: OrderBookSnapshot) -> dict[Side, Decimal]:
        """Per side, the notional of its largest wall in this snapshot."""
        n = self.params.book_levels
        levels = [(Side.BUY, p, q) for p, q in book.bids[:n]]
        levels += [(Side.SELL, p, q) for p, q in book.asks[:n]]
        if len(levels) < 2:
            return {}
        typical = median(q for _, _, q in levels)
        walls: dict[Side, Decimal] = {}
        for side, p, q in levels:
            if p * q >= self.params.min_notional and q > self.params.book_k * typical:
                walls[side] = max(walls.get(side, Decimal(0)), p * q)
        return walls

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
