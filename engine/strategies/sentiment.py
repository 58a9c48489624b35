"""News sentiment: buy a positive sentiment shock in the market's base asset, ride its decay.

Headlines arrive as `NewsEvent`s (scored by `engine.news.scoring.HeadlineScorer`, compound
score in [-1, 1]). Those about the market's base asset with |score| >= `min_abs_score` add
to a decaying level (`engine.news.aggregate.DecayingSentiment`, half-life `half_life_s`).

* Entry (market buy of `quote_amount`): the level crosses from below to at or above
  `entry_level` (one strong headline or a few good ones close together).
* Exit (market sell): the level decays to `exit_level` or below; a negative shock (level
  <= -`entry_level`); the close `stop_pct` below the entry; after `max_hold_s` seconds.
  Decay, stop and time are checked on each closed candle, shocks on each headline.

It needs a price for sizing: the latest candle close, trade or book mid it has seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from engine.market.models import Candle, Market, OrderBookSnapshot, Trade
from engine.news.aggregate import DecayingSentiment
from engine.news.models import NewsEvent
from engine.strategies.base import Intent, Strategy, StrategyContext, price_of, require
from engine.strategies.position import LongPosition, Phase
from engine.trading.models import Fill

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class SentimentParams:
    quote_amount: Decimal  # quote currency spent per entry
    entry_level: float = 0.6
    exit_level: float = 0.15
    half_life_s: int = 3600
    min_abs_score: float = 0.05
    stop_pct: Decimal | None = Decimal(3)
    max_hold_s: int = 12 * 3600

    def validate(self, market: Market | None = None) -> None:
        require(self.quote_amount > 0, "quote_amount", f"must be positive, got {self.quote_amount}")
        require(self.entry_level > 0, "entry_level", f"must be positive, got {self.entry_level}")
        require(
            -self.entry_level < self.exit_level < self.entry_level,
            "exit_level",
            f"must be between -entry_level and entry_level, got {self.exit_level}",
        )
        require(self.half_life_s >= 1, "half_life_s", f"must be 1 or more, got {self.half_life_s}")
        require(
            0 <= self.min_abs_score < 1,
            "min_abs_score",
            f"must be in [0, 1), got {self.min_abs_score}",
        )
        if self.stop_pct is not None:
            require(
                0 < self.stop_pct < HUNDRED,
                "stop_pct",
                f"must be between 0 and 100, got {self.stop_pct}",
            )
        require(self.max_hold_s >= 1, "max_hold_s", f"must be 1 or more, got {self.max_hold_s}")
        if market is not None:
            require(
                self.quote_amount >= market.min_notional,
                "quote_amount",
                f"is below the market minimum notional {market.min_notional}",
            )


class SentimentStrategy(Strategy):
    def __init__(self, params: SentimentParams, market: Market) -> None:
        params.validate(market)
        self.params = params
        self.market = market
        self.asset = market.base
        self.position = LongPosition("news")
        self.sentiment = DecayingSentiment(params.half_life_s)
        self.price: Decimal | None = None

    def level(self, now: datetime) -> float:
        return self.sentiment.level(self.asset, now)

    def on_news(self, news: NewsEvent, ctx: StrategyContext) -> list[Intent]:
        p = self.params
        if self.asset not in news.headline.assets or abs(news.score) < p.min_abs_score:
            return []
        at = news.headline.published
        before = self.level(at)
        after = self.sentiment.add(self.asset, news.score, at)
        pos = self.position
        if pos.phase is Phase.LONG and after <= -p.entry_level:
            return pos.exit(ctx, "negative_news")
        if pos.phase is Phase.FLAT and before < p.entry_level <= after and self.price:
            return pos.enter(ctx, self.price, p.quote_amount)
        return []

    def on_candle(self, candle: Candle, ctx: StrategyContext) -> list[Intent]:
        self.price = candle.close
        pos, p = self.position, self.params
        pos.on_closed_candle(ctx.now)
        if pos.phase is not Phase.LONG:
            return []
        entry = pos.entry_price
        if p.stop_pct is not None and entry and candle.close <= entry * (1 - p.stop_pct / HUNDRED):
            return pos.exit(ctx, "stop")
        if self.level(ctx.now) <= p.exit_level:
            return pos.exit(ctx, "decay")
        opened = pos.entry_time
        if opened is not None and ctx.now - opened >= timedelta(seconds=p.max_hold_s):
            return pos.exit(ctx, "time")
        return []

    def on_trade(self, trade: Trade, ctx: StrategyContext) -> list[Intent]:
        if trade.symbol == self.market.symbol:
            self.price = trade.price
        return []

    def on_book(self, book: OrderBookSnapshot, ctx: StrategyContext) -> list[Intent]:
        if book.symbol == self.market.symbol:
            self.price = price_of(book) or self.price
        return []

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        self.position.on_fill(fill)
        return []
