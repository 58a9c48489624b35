"""One listed symbol of the simulated venue: its book, candles and tape, and the house flow."""

from __future__ import annotations

from collections import deque
from datetime import datetime
from decimal import Decimal

from engine.market.candles import Bar, from_ms
from engine.market.models import Candle, Side, Ticker, Trade
from engine.market.sim.candle_store import SymbolCandles
from engine.market.sim.makers import MarketMaker, NoiseTaker
from engine.market.sim.matching import MatchingEngine
from engine.market.sim.order_book import Execution
from engine.market.sim.symbols import SymbolSpec

RECENT_TRADES = 500


class SymbolMarket:
    def __init__(
        self,
        spec: SymbolSpec,
        engine: MatchingEngine,
        candles: SymbolCandles,
        maker: MarketMaker,
        taker: NoiseTaker,
    ) -> None:
        self.spec = spec
        self.market = spec.market
        self.symbol = spec.market.symbol
        self.engine = engine
        self.candles = candles
        self.maker = maker
        self.taker = taker
        self.pending_trades: list[Trade] = []  # printed since the last step
        self.recent_trades: deque[Trade] = deque(maxlen=RECENT_TRADES)
        self._trade_prefix = f"{self.market.base}{self.market.quote}-"
        self._trade_no = 0

    def print_trades(self, executions: list[Execution], at_ms: int, at: datetime) -> list[Trade]:
        """Put executions on the tape and into the candles; one Trade per execution."""
        trades: list[Trade] = []
        engine = self.engine
        for execution in executions:
            self._trade_no += 1
            trade = Trade(
                id=f"{self._trade_prefix}{self._trade_no}",
                symbol=self.symbol,
                price=engine.price(execution.price),
                qty=engine.qty(execution.lots),
                taker_side=Side.SELL if execution.maker.is_buy else Side.BUY,
                timestamp=at,
            )
            self.candles.add_trade(execution.price, execution.lots, at_ms)
            trades.append(trade)
        self.pending_trades.extend(trades)
        self.recent_trades.extend(trades)
        return trades

    def take_trades(self) -> list[Trade]:
        trades, self.pending_trades = self.pending_trades, []
        return trades

    def last_price(self) -> Decimal:
        return self.engine.price(self.candles.last_price)

    def ticker(self, at: datetime) -> Ticker:
        engine = self.engine
        stats = self.candles.stats_24h()
        return Ticker(
            symbol=self.symbol,
            bid=engine.best_bid(),
            ask=engine.best_ask(),
            last=engine.price(self.candles.last_price),
            open_24h=engine.price(stats.open),
            high_24h=engine.price(stats.high),
            low_24h=engine.price(stats.low),
            base_volume_24h=engine.qty(stats.base_volume),
            quote_volume_24h=stats.quote_volume * self.market.price_tick * self.market.qty_step,
            timestamp=at,
        )

    def candles_of(self, timeframe: str, limit: int) -> list[Candle]:
        bars = self.candles.bars(timeframe, limit)
        last = len(bars) - 1
        return [self._candle(bar, timeframe, i != last) for i, bar in enumerate(bars)]

    def _candle(self, bar: Bar[int], timeframe: str, closed: bool) -> Candle:
        price, qty = self.engine.price, self.engine.qty
        return Candle(
            symbol=self.symbol,
            timeframe=timeframe,
            open_time=from_ms(bar.open_time),
            open=price(bar.open),
            high=price(bar.high),
            low=price(bar.low),
            close=price(bar.close),
            volume=qty(bar.volume),
            closed=closed,
        )
