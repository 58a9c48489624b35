"""Signal, news and transfer events reach their callbacks; side events replay between candles."""

from __future__ import annotations

from datetime import timedelta

from engine.backtest import run_backtest
from engine.market.models import Candle, Side, Trade
from engine.news.models import Headline, NewsEvent
from engine.signals.types import Signal
from engine.strategies.base import (
    ClockTick,
    Intent,
    PlaceIntent,
    Strategy,
    StrategyContext,
    TransferDirection,
    WhaleTransfer,
)
from engine.strategies.feed import SideEvent, WithSideEvents
from engine.trading.models import Fill, OrderType

from .helpers import MARKET, T0, D, candle, ctx, signal


class Recorder(Strategy):
    def __init__(self) -> None:
        self.seen: list[tuple[str, object]] = []

    def on_candle(self, c: Candle, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("candle", ctx.now))
        return []

    def on_signal(self, s: Signal, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("signal", s.probability_up))
        return []

    def on_news(self, n: NewsEvent, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("news", n.headline.title))
        return [PlaceIntent(f"n{len(self.seen)}", Side.BUY, OrderType.MARKET, D(1))]

    def on_whale_transfer(self, t: WhaleTransfer, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("transfer", t.amount))
        return []

    def on_trade(self, t: Trade, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("trade", t.id))
        return []

    def on_clock(self, tick: ClockTick, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("clock", tick.timestamp))
        return []

    def on_fill(self, fill: Fill, ctx: StrategyContext) -> list[Intent]:
        self.seen.append(("fill", fill.client_order_id))
        return []


def headline(minutes: int, title: str = "h") -> NewsEvent:
    return NewsEvent(Headline(T0 + timedelta(minutes=minutes), "wire", title, ("TEST",)), 0.5)


def test_new_events_dispatch_to_their_callbacks_and_default_to_nothing() -> None:
    r = Recorder()
    r.on_event(signal(0.7), ctx())
    r.on_event(headline(0, "big news"), ctx())
    r.on_event(WhaleTransfer("TEST", D(5), TransferDirection.TO_EXCHANGE, T0), ctx())
    r.on_event(ClockTick(T0), ctx())
    assert r.seen == [("signal", 0.7), ("news", "big news"), ("transfer", D(5)), ("clock", T0)]

    plain = Strategy()
    assert plain.on_event(signal(), ctx()) == []
    assert plain.on_event(headline(0), ctx()) == []
    assert (
        plain.on_event(WhaleTransfer("X", D(1), TransferDirection.FROM_EXCHANGE, T0), ctx()) == []
    )


def test_side_events_replay_before_the_candle_that_closes_after_them() -> None:
    r = Recorder()
    trade = Trade("t1", MARKET.symbol, D(100), D(1), Side.BUY, T0 + timedelta(minutes=61))
    events: list[SideEvent] = [
        headline(90, "second"),
        trade,
        headline(10, "first"),
        headline(60, "on close"),
    ]
    w = WithSideEvents(r, events)
    # candle(i) opens at T0 + i h and closes an hour later
    for i in range(3):
        w.on_event(candle(i, 100), ctx(now=T0 + timedelta(hours=i + 1)))
    assert [kind for kind, _ in r.seen] == [
        "news", "news", "candle",  # first (0:10), on close (1:00), candle 0 closing at 1:00
        "trade", "news", "candle",  # 1:01, 1:30, candle 1
        "candle",
    ]  # fmt: skip


def test_in_a_backtest_a_side_event_trades_only_from_the_next_bar() -> None:
    candles = [candle(i, 100 + i) for i in range(4)]  # open = close = 100 + i
    r = Recorder()
    result = run_backtest(WithSideEvents(r, [headline(30)]), MARKET, candles, initial_quote=D(1000))
    [f] = result.fills
    assert f.timestamp == candles[1].open_time and f.price == D(101)
    assert ("fill", f.client_order_id) in r.seen
